import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { notFound } from '../core/errors.js';
import { IdParams, MAX_ID } from '../core/ids.js';
import { ArticleIdParams } from '../content/articles.schemas.js';
import { actorOf } from '../http/auth.js';
import { storyDeliveries } from './deliveries.service.js';
import { acceptFollowRequest, blockInstance, listBlockedInstances, listEditions, listFollowers, removeFollowerById, unblockInstance } from './editions.service.js';
import { reactionCounts } from './reactions.repository.js';

const FollowersQuery = Type.Object({ language: Type.String({ minLength: 1, maxLength: 35 }), after: Type.Optional(Type.Integer({ minimum: 0, maximum: MAX_ID })) }, { additionalProperties: false });
const BlockBody = Type.Object({ instance: Type.String({ minLength: 1, maxLength: 300 }) }, { additionalProperties: false });
const HostParams = Type.Object({ host: Type.String({ minLength: 1, maxLength: 300 }) });

/**
 * The site on the fediverse, for the newsroom: a story's likes and boosts (anyone who may open
 * the story) and its deliveries per edition (editors, administrators, authors of the story);
 * the editions' followers, follow requests and blocked instances (editors and administrators).
 */
export const federationAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  const tags = ['fediverse'];

  api.get('/articles/:id/fediverse', { schema: { tags, params: ArticleIdParams } }, async (request) => {
    const article = await db.selectFrom('articles').select('id').where('id', '=', request.params.id).executeTakeFirst();
    if (!article) throw notFound(`Article #${request.params.id}`);
    return reactionCounts(db, article.id);
  });

  api.get('/articles/:id/fediverse/deliveries', { schema: { tags, params: ArticleIdParams } }, async (request) => ({
    items: await storyDeliveries(db, actorOf(request), request.params.id, (await app.herald.settings()).languages),
  }));

  api.get('/fediverse/editions', { schema: { tags } }, async (request) => ({ items: await listEditions(db, actorOf(request), await app.herald.settings()) }));

  api.get('/fediverse/followers', { schema: { tags, querystring: FollowersQuery } }, async (request) =>
    listFollowers(db, actorOf(request), request.query.language, request.query.after ?? 0),
  );

  api.delete('/fediverse/followers/:id', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await removeFollowerById(app.fediverse, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  // Follow requests waiting for approval (the setting federationFollowApproval): accepting or rejecting one tells the requester's server.
  api.get('/fediverse/follow-requests', { schema: { tags, querystring: FollowersQuery } }, async (request) =>
    listFollowers(db, actorOf(request), request.query.language, request.query.after ?? 0, 'pending'),
  );

  api.post('/fediverse/follow-requests/:id/accept', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await acceptFollowRequest(app.fediverse, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  api.post('/fediverse/follow-requests/:id/reject', { schema: { tags, params: IdParams } }, async (request, reply) => {
    await removeFollowerById(app.fediverse, actorOf(request), request.params.id, 'pending');
    return reply.status(204).send();
  });

  api.get('/fediverse/blocks', { schema: { tags } }, async (request) => ({ items: await listBlockedInstances(db, actorOf(request)) }));

  api.post('/fediverse/blocks', { schema: { tags, body: BlockBody } }, async (request, reply) =>
    reply.status(201).send(await blockInstance(app.fediverse, actorOf(request), request.body.instance)),
  );

  api.delete('/fediverse/blocks/:host', { schema: { tags, params: HostParams } }, async (request, reply) => {
    await unblockInstance(db, actorOf(request), request.params.host);
    return reply.status(204).send();
  });
};
