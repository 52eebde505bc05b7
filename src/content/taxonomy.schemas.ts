import { Type, type Static } from '@sinclair/typebox';
import { Id } from '../core/ids.js';

export { IdParams } from '../core/ids.js';

export const CreateTagBody = Type.Object(
  {
    language: Type.String({ minLength: 1, maxLength: 35 }),
    name: Type.String({ minLength: 1, maxLength: 100 }),
    slug: Type.Optional(Type.String({ maxLength: 100 })),
    description: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
export type CreateTagBody = Static<typeof CreateTagBody>;

export const UpdateTagBody = Type.Partial(Type.Omit(CreateTagBody, ['language']), { additionalProperties: false });

export const ListTagsQuery = Type.Object({ language: Type.Optional(Type.String({ maxLength: 35 })) }, { additionalProperties: false });

export const SuggestQuery = Type.Object(
  {
    language: Type.String({ minLength: 1, maxLength: 35 }),
    text: Type.String({ maxLength: 100_000 }),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
  },
  { additionalProperties: false },
);

const SectionNames = Type.Record(
  Type.String(),
  Type.Object(
    {
      name: Type.String({ minLength: 1, maxLength: 200 }),
      slug: Type.Optional(Type.String({ maxLength: 200 })),
      description: Type.Optional(Type.String({ maxLength: 2000 })),
    },
    { additionalProperties: false },
  ),
  { description: 'Name per language, keyed by BCP 47 tag' },
);

export const SectionBody = Type.Object(
  {
    names: Type.Optional(SectionNames),
    parentId: Type.Optional(Type.Union([Id(), Type.Null()])),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
    inMenu: Type.Optional(Type.Boolean({ description: 'In the site menu (top-level sections only show there)' })),
  },
  { additionalProperties: false },
);
