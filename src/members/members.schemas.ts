import { Type } from '@sinclair/typebox';
import { Id, IdParams } from '../core/ids.js';
import { PaginationQuery } from '../core/pagination.js';
import { IMPORT_FORMATS } from './csv/formats.js';
import { MAX_EMAIL_LENGTH } from './email-address.js';
import { MEMBER_STATUSES } from './members.service.js';

const Newsletters = Type.Array(Id(), { maxItems: 100, uniqueItems: true });
const filter = {
  q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the address or the name' })),
  newsletter: Type.Optional(Id({ description: 'Only members with a subscription to this newsletter' })),
  status: Type.Optional(Type.Union(MEMBER_STATUSES.map((s) => Type.Literal(s)), { description: "The subscription's state (with newsletter: in that one), or suppressed" })),
};

export const ListMembersQuery = Type.Object({ ...PaginationQuery, ...filter }, { additionalProperties: false });
export const ExportMembersQuery = Type.Object(filter, { additionalProperties: false });
export const MemberIdParams = IdParams;

export const CreateMemberBody = Type.Object(
  {
    email: Type.String({ minLength: 3, maxLength: MAX_EMAIL_LENGTH }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    language: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
    newsletters: Newsletters,
    consent: Type.Boolean({ description: 'The person asked to receive these newsletters; required to add them to any' }),
  },
  { additionalProperties: false },
);

export const UpdateMemberBody = Type.Object(
  {
    name: Type.Optional(Type.String({ maxLength: 200 })),
    language: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
    subscribe: Type.Optional(Newsletters),
    unsubscribe: Type.Optional(Newsletters),
    consent: Type.Optional(Type.Boolean()),
    suppressed: Type.Optional(Type.Boolean({ description: 'false lets e-mail go to a suppressed address again' })),
  },
  { additionalProperties: false },
);

export const ImportMembersQuery = Type.Object(
  {
    format: Type.Optional(Type.Union(IMPORT_FORMATS.map((f) => Type.Literal(f)), { description: 'Read from the header when absent' })),
    newsletters: Type.Optional(Type.String({ maxLength: 1000, pattern: '^\\d+(,\\d+)*$', description: 'Comma-separated ids of the newsletters a Ghost, Mailchimp or Substack list is for' })),
    language: Type.Optional(Type.String({ minLength: 2, maxLength: 35 })),
  },
  { additionalProperties: false },
);
