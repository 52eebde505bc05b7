import { Type } from '@sinclair/typebox';
import { IdParams } from '../core/ids.js';
import { CADENCES, VISIBILITIES } from './newsletters.service.js';

const fields = {
  name: Type.String({ minLength: 1, maxLength: 120 }),
  language: Type.String({ minLength: 2, maxLength: 35, description: "One of the site's languages" }),
  description: Type.String({ maxLength: 500 }),
  senderName: Type.String({ maxLength: 120, description: 'The name its e-mails come from; the site’s name when empty' }),
  replyTo: Type.String({ maxLength: 254, description: 'Where replies go; empty for the sending address' }),
  visibility: Type.Union(VISIBILITIES.map((v) => Type.Literal(v)), { description: 'public: offered by the subscribe forms of its language' }),
  cadence: Type.Union(CADENCES.map((c) => Type.Literal(c)), { description: 'each: stories one by one; daily or weekly: a digest' }),
  sendTime: Type.String({ maxLength: 5, description: 'HH:MM on the site’s clock (digests)' }),
  sendWeekday: Type.Integer({ minimum: 0, maximum: 6, description: '0 Sunday … 6 Saturday (weekly digests)' }),
  authorsMaySend: Type.Boolean({ description: 'Authors may send their own stories to it' }),
};
const optional = Type.Partial(Type.Object(fields)).properties;

export const CreateNewsletterBody = Type.Object({ ...optional, name: fields.name, language: fields.language }, { additionalProperties: false });
export const UpdateNewsletterBody = Type.Object({ ...optional, archived: Type.Optional(Type.Boolean()) }, { additionalProperties: false });
export const NewsletterIdParams = IdParams;
export const ListNewslettersQuery = Type.Object(
  {
    language: Type.Optional(Type.String({ maxLength: 35, description: 'Only the newsletters of this language (what the editor offers a story)' })),
    archived: Type.Optional(Type.Boolean({ description: 'true: only archived ones; false: only current ones; absent: both' })),
  },
  { additionalProperties: false },
);
