import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams } from '../core/ids.js';
import { actorOf } from '../http/auth.js';
import { EntryParams, EntryPatchBody, NewEntryBody, StateBody, TranslationBody } from './live.schemas.js';
import * as live from './live.service.js';

/** A story's live blog, reached through any of its language versions (`:id` is an article's). */
export const liveAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const tags = ['live blogs'];

  api.get('/articles/:id/live', { schema: { tags, params: IdParams } }, async (request) =>
    live.liveBlogForEditor(database.db, request.params.id),
  );

  api.post('/articles/:id/live', { schema: { tags, params: IdParams } }, async (request, reply) =>
    reply.status(201).send(await live.startLiveBlog(database, request.params.id, actorOf(request))),
  );

  api.post('/articles/:id/live/state', { schema: { tags, params: IdParams, body: StateBody } }, async (request) =>
    live.setBlogState(database, request.params.id, request.body.state, actorOf(request)),
  );

  api.post('/articles/:id/live/entries', { schema: { tags, params: IdParams, body: NewEntryBody } }, async (request, reply) =>
    reply.status(201).send(await live.addEntry(database, request.params.id, request.body, actorOf(request))),
  );

  api.patch('/articles/:id/live/entries/:entryId', { schema: { tags, params: EntryParams, body: EntryPatchBody } }, async (request) =>
    live.updateEntry(database, request.params.id, request.params.entryId, request.body, actorOf(request)),
  );

  api.delete('/articles/:id/live/entries/:entryId', { schema: { tags, params: EntryParams } }, async (request, reply) => {
    await live.deleteEntry(database, request.params.id, request.params.entryId, actorOf(request));
    return reply.status(204).send();
  });

  api.put('/articles/:id/live/entries/:entryId/translation', { schema: { tags, params: EntryParams, body: TranslationBody } }, async (request) =>
    live.translateEntry(database, request.params.id, request.params.entryId, request.body, actorOf(request)),
  );
};
