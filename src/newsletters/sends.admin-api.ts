import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../http/auth.js';
import { Id, IdParams } from '../core/ids.js';
import { pageOf, PaginationQuery } from '../core/pagination.js';
import { assertCan } from '../people/permissions.js';
import { listSends, queueStorySend, sendTest, storyMailFor } from './sends.service.js';

const SendBody = Type.Object({ newsletterIds: Type.Array(Id(), { minItems: 1, maxItems: 50 }) }, { additionalProperties: false });
const TestBody = Type.Object({ newsletterId: Id() }, { additionalProperties: false });
const PreviewQuery = Type.Object({ newsletterId: Id() });
const SendsQuery = Type.Object({ newsletter: Type.Optional(Id()), ...PaginationQuery });

/** Sending stories to newsletters, a test to oneself, and each send's counts. */
export const sendsAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config } = app.herald;
  const tags = ['newsletters'];
  // Without an SMTP server nothing is sent and nothing is dropped: sends wait, and every answer says so.
  const email = () => ({ configured: Boolean(config.mail.smtpUrl) });

  api.post('/articles/:id/newsletter-sends', { schema: { tags, params: IdParams, body: SendBody } }, async (request, reply) => {
    const sends = await queueStorySend(database, actorOf(request), request.params.id, request.body.newsletterIds);
    return reply.status(202).send({ sends, email: email() });
  });

  api.post('/articles/:id/newsletter-sends/test', { schema: { tags, params: IdParams, body: TestBody } }, async (request) => {
    const result = await sendTest(database.db, app.herald.mailer, await app.herald.settings(), actorOf(request), request.params.id, request.body.newsletterId);
    return { ...result, email: email() };
  });

  // The e-mail itself, for the editor to open in a tab before ticking the newsletter.
  api.get('/articles/:id/newsletter-sends/preview', { schema: { tags, params: IdParams, querystring: PreviewQuery } }, async (request, reply) => {
    const { mail } = await storyMailFor(database.db, await app.herald.settings(), actorOf(request), request.params.id, request.query.newsletterId);
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(mail.html);
  });

  api.get('/newsletter-sends', { schema: { tags, querystring: SendsQuery } }, async (request) => {
    assertCan(actorOf(request), 'newsletters.manage');
    const { page, limit } = pageOf(request.query);
    const { items, total } = await listSends(database.db, { newsletterId: request.query.newsletter }, page, limit);
    return { items, total, page, limit, email: { ...email(), paused: items.some((send) => send.status === 'paused') } };
  });
};
