import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams } from '../core/ids.js';
import { actorOf } from '../http/auth.js';
import { EntryParams, EntryPatchBody, NewEntryBody, StateBody, TranslationBody } from './live.schemas.js';
import * as live from './live.service.js';
import { invalidField } from '../core/errors.js';
import { configuredTranslator, getMachineTranslationSettings } from '../content/machine-translation/settings.js';
import { MachineTranslationFailed } from '../content/translations.service.js';

/** A story's live blog, reached through any of its language versions (`:id` is an article's). */
export const liveAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const tags = ['live blogs'];

  api.get('/articles/:id/live', { schema: { tags, params: IdParams } }, async (request) => ({
    ...(await live.liveBlogForEditor(database.db, request.params.id)),
    // Whether the editor may offer "Translate by machine" for the entries not yet in this language.
    machineTranslation: (await getMachineTranslationSettings(database.db)).provider !== null,
  }));

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

  api.post('/articles/:id/live/entries/:entryId/restore', { schema: { tags, params: EntryParams } }, async (request) =>
    live.restoreEntry(database, request.params.id, request.params.entryId, actorOf(request)),
  );

  api.post('/articles/:id/live/entries/:entryId/machine-translation', { schema: { tags, params: EntryParams } }, async (request) => {
    const translator = await configuredTranslator(database.db, app.herald.config.outboundAllow);
    if (!translator) throw invalidField('machineTranslation', 'no machine translation provider is configured');
    try {
      return await live.machineTranslateEntry(database, request.params.id, request.params.entryId, translator, actorOf(request));
    } catch (error) {
      if (error instanceof MachineTranslationFailed) request.log.warn({ err: error.providerError, entry: request.params.entryId }, 'machine translation of a live entry failed');
      throw error;
    }
  });

  api.put('/articles/:id/live/entries/:entryId/translation', { schema: { tags, params: EntryParams, body: TranslationBody } }, async (request) =>
    live.translateEntry(database, request.params.id, request.params.entryId, request.body, actorOf(request)),
  );
};
