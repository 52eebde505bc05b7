import type { FastifyPluginAsync } from 'fastify';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { IdParams } from '../core/ids.js';
import { assertCan } from '../people/permissions.js';
import { withAllowed } from './articles.access.js';
import { PROVIDERS } from './machine-translation/provider.js';
import { configuredTranslator, getMachineTranslationSettings, updateMachineTranslationSettings } from './machine-translation/settings.js';
import { PaginationQuery, pageOf } from '../core/pagination.js';
import { createTranslation, languageStatuses, MachineTranslationFailed, translationGaps } from './translations.service.js';

const TranslateBody = Type.Object(
  { language: Type.String({ minLength: 1, maxLength: 35 }), machine: Type.Optional(Type.Boolean()) },
  { additionalProperties: false },
);
const GapsQuery = Type.Object({ limit: PaginationQuery.limit }, { additionalProperties: false });
const ProviderBody = Type.Object(
  {
    provider: Type.Union([...PROVIDERS.map((p) => Type.Literal(p)), Type.Null()]),
    baseUrl: Type.Optional(Type.String({ maxLength: 2048 })),
    apiKey: Type.Optional(Type.String({ maxLength: 500 })),
    model: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

/** Per-story language status, the stories waiting for translations, "Translate into …", and the machine translation provider settings. */
export const translationsAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { config, database } = app.herald;
  const tags = ['translations'];

  api.get('/articles/:id/translations', { schema: { tags, params: IdParams } }, async (request) => {
    const settings = await getMachineTranslationSettings(database.db);
    return {
      languages: await languageStatuses(database.db, request.params.id),
      machineTranslation: { available: settings.provider !== null, provider: settings.provider },
    };
  });

  api.get('/translation-gaps', { schema: { tags, querystring: GapsQuery } }, async (request) =>
    translationGaps(database.db, pageOf(request.query).limit, (await app.herald.settings()).baseUrl),
  );

  api.post('/articles/:id/translations', { schema: { tags, params: IdParams, body: TranslateBody } }, async (request, reply) => {
    const translator = request.body.machine ? await configuredTranslator(database.db, config.outboundAllow) : null;
    try {
      const actor = actorOf(request);
      const article = await createTranslation(database, request.params.id, request.body, actor, (await app.herald.settings()).baseUrl, translator);
      return reply.status(201).send(withAllowed(article, actor));
    } catch (error) {
      // The provider's own words go to the log; the answer says only what the caller may see.
      if (error instanceof MachineTranslationFailed) request.log.warn({ err: error.providerError, article: request.params.id }, 'machine translation failed');
      throw error;
    }
  });

  api.get('/machine-translation', { schema: { tags } }, async () => getMachineTranslationSettings(database.db));

  api.put('/machine-translation', { schema: { tags, body: ProviderBody } }, async (request) => {
    assertCan(actorOf(request), 'settings.manage');
    return updateMachineTranslationSettings(database.db, request.body, config.outboundAllow);
  });
};
