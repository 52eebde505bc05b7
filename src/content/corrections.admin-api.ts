import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { withAllowed } from './articles.access.js';
import { ArticleIdParams } from './articles.schemas.js';
import { addCorrection, removeCorrection, updateCorrection } from './corrections.service.js';
import { CorrectionParams, CorrectionPatchBody, NewCorrectionBody } from './corrections.schemas.js';

/** A published story's correction and update notes; each answer is the story with its notes. */
export const correctionsAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const baseUrl = async () => (await app.herald.settings()).baseUrl;
  const tags = ['articles'];

  api.post('/articles/:id/corrections', { schema: { tags, params: ArticleIdParams, body: NewCorrectionBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const article = await addCorrection(database, request.params.id, request.body, actor, await baseUrl());
    return reply.status(201).send(withAllowed(article, actor));
  });

  api.patch('/articles/:id/corrections/:correctionId', { schema: { tags, params: CorrectionParams, body: CorrectionPatchBody } }, async (request) => {
    const actor = actorOf(request);
    return withAllowed(await updateCorrection(database, request.params.id, request.params.correctionId, request.body, actor, await baseUrl()), actor);
  });

  api.delete('/articles/:id/corrections/:correctionId', { schema: { tags, params: CorrectionParams } }, async (request) => {
    const actor = actorOf(request);
    return withAllowed(await removeCorrection(database, request.params.id, request.params.correctionId, actor, await baseUrl()), actor);
  });
};
