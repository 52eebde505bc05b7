import { Type } from '@sinclair/typebox';
import { Id, IdParams } from '../core/ids.js';
import { PaginationQuery } from '../core/pagination.js';
import { WEBHOOK_EVENTS } from './webhooks.service.js';

const Event = Type.Union(WEBHOOK_EVENTS.map((e) => Type.Literal(e)));
const fields = {
  url: Type.String({ maxLength: 2048, description: 'http(s) URL that receives POSTs' }),
  description: Type.Optional(Type.String({ maxLength: 500 })),
  events: Type.Array(Event, { minItems: 1, maxItems: WEBHOOK_EVENTS.length }),
  active: Type.Optional(Type.Boolean()),
};

export const CreateWebhookBody = Type.Object(fields, { additionalProperties: false });
export const UpdateWebhookBody = Type.Object(
  {
    url: Type.Optional(fields.url),
    description: fields.description,
    events: Type.Optional(fields.events),
    active: fields.active,
    rotateSecret: Type.Optional(Type.Boolean({ description: 'Issue a new signing secret (returned once)' })),
  },
  { additionalProperties: false },
);
export const WebhookIdParams = IdParams;
export const DeliveryParams = Type.Object({ id: Id(), deliveryId: Id() });
export const DeliveriesQuery = Type.Object({ ...PaginationQuery }, { additionalProperties: false });
