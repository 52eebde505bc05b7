import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import * as newsletters from './newsletters.service.js';
import { CreateNewsletterBody, ListNewslettersQuery, NewsletterIdParams, UpdateNewsletterBody } from './newsletters.schemas.js';

/**
 * Newsletters: every signed-in role lists them (the editor offers a story's language's ones, each
 * saying whether the person may send to it); editors and administrators manage them.
 */
export const newslettersAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const { db } = database;
  const tags = ['newsletters'];

  api.get('/newsletters', { schema: { tags, querystring: ListNewslettersQuery } }, async (request) => ({
    items: await newsletters.listNewsletters(db, actorOf(request), request.query),
  }));

  api.post('/newsletters', { schema: { tags, body: CreateNewsletterBody } }, async (request, reply) =>
    reply.status(201).send(await newsletters.createNewsletter(database, actorOf(request), request.body)),
  );

  api.get('/newsletters/:id', { schema: { tags, params: NewsletterIdParams } }, async (request) => newsletters.getNewsletter(db, actorOf(request), request.params.id));

  api.patch('/newsletters/:id', { schema: { tags, params: NewsletterIdParams, body: UpdateNewsletterBody } }, async (request) =>
    newsletters.updateNewsletter(database, actorOf(request), request.params.id, request.body),
  );

  api.delete('/newsletters/:id', { schema: { tags, params: NewsletterIdParams } }, async (request, reply) => {
    await newsletters.deleteNewsletter(database, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};
