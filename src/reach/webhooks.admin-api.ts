import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { pageOf } from '../core/pagination.js';
import { assertCan } from '../people/permissions.js';
import * as webhooks from './webhooks.service.js';
import { CreateWebhookBody, DeliveriesQuery, DeliveryParams, UpdateWebhookBody, WebhookIdParams } from './webhooks.schemas.js';

/** Webhooks and their delivery log; administrators only (`webhooks.manage`). */
export const webhooksAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  const { outboundAllow } = app.herald.config;
  const tags = ['webhooks'];
  const preHandler = async (request: FastifyRequest) => assertCan(actorOf(request), 'webhooks.manage');

  api.get('/webhooks', { schema: { tags }, preHandler }, async () => ({ items: await webhooks.listWebhooks(db), events: webhooks.WEBHOOK_EVENTS }));

  api.post('/webhooks', { schema: { tags, body: CreateWebhookBody }, preHandler }, async (request, reply) =>
    reply.status(201).send(await webhooks.createWebhook(db, request.body, outboundAllow)),
  );

  api.get('/webhooks/:id', { schema: { tags, params: WebhookIdParams }, preHandler }, async (request) => webhooks.getWebhook(db, request.params.id));

  api.patch('/webhooks/:id', { schema: { tags, params: WebhookIdParams, body: UpdateWebhookBody }, preHandler }, async (request) =>
    webhooks.updateWebhook(db, request.params.id, request.body, outboundAllow),
  );

  api.delete('/webhooks/:id', { schema: { tags, params: WebhookIdParams }, preHandler }, async (request, reply) => {
    await webhooks.deleteWebhook(db, request.params.id);
    return reply.status(204).send();
  });

  api.get('/webhooks/:id/deliveries', { schema: { tags, params: WebhookIdParams, querystring: DeliveriesQuery }, preHandler }, async (request) => {
    const { page, limit } = pageOf(request.query);
    return webhooks.listDeliveries(db, request.params.id, page, limit);
  });

  api.post('/webhooks/:id/deliveries/:deliveryId/retry', { schema: { tags, params: DeliveryParams }, preHandler }, async (request, reply) => {
    await webhooks.retryDelivery(db, request.params.id, request.params.deliveryId);
    return reply.status(202).send({ status: 'pending' });
  });
};
