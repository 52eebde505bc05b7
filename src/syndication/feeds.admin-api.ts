import type { FastifyPluginAsync } from 'fastify';
import { Type, type Static } from '@sinclair/typebox';
import { actorOf } from '../http/auth.js';
import { IdOrName, IdParams } from '../core/ids.js';
import { assertCan } from '../people/permissions.js';
import { addFeed, getFeed, listFeeds, removeFeed } from './feeds.service.js';
import { pollFeed } from './feeds.poller.js';

const FeedBody = Type.Object(
  {
    url: Type.String({ minLength: 1 }),
    name: Type.Optional(Type.String()),
    section: Type.Optional(Type.Union([IdOrName({}), Type.Null()])),
    language: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    publish: Type.Optional(Type.Boolean()),
    canonicalToSource: Type.Optional(Type.Boolean()),
    pollMinutes: Type.Optional(Type.Integer()),
  },
  { additionalProperties: false },
);

/** Followed partner feeds, managed by administrators. */
export const feedsAdminApi: FastifyPluginAsync = async (app) => {
  const { config, database } = app.herald;
  app.get('/feeds', async (request) => {
    assertCan(actorOf(request), 'settings.manage');
    return { items: await listFeeds(database.db) };
  });
  app.post<{ Body: Static<typeof FeedBody> }>('/feeds', { schema: { body: FeedBody } }, async (request, reply) =>
    reply.status(201).send(await addFeed(database, actorOf(request), request.body, config.outboundAllow)),
  );
  app.delete<{ Params: Static<typeof IdParams> }>('/feeds/:id', { schema: { params: IdParams } }, async (request, reply) => {
    assertCan(actorOf(request), 'settings.manage');
    await removeFeed(database.db, request.params.id);
    return reply.status(204).send();
  });
  app.post<{ Params: Static<typeof IdParams> }>('/feeds/:id/poll', { schema: { params: IdParams } }, async (request) => {
    assertCan(actorOf(request), 'settings.manage');
    await getFeed(database.db, request.params.id);
    const settings = await app.herald.settings();
    return pollFeed(database, request.params.id, settings.baseUrl, config.outboundAllow);
  });
};
