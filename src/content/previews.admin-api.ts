import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { IdParams } from '../core/ids.js';
import { actorOf } from '../http/auth.js';
import { createPreviewLink } from './previews.js';

/** `POST /articles/:id/preview`: a new preview link to the story (content/previews.ts). */
export const previewsAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  api.post('/articles/:id/preview', { schema: { tags: ['articles'], params: IdParams } }, async (request) =>
    createPreviewLink(app.herald.database.db, actorOf(request), request.params.id, (await app.herald.settings()).baseUrl, app.herald.now()),
  );
};
