import { Type } from '@sinclair/typebox';
import { Id, IdParams } from '../core/ids.js';
import { PaginationQuery } from '../core/pagination.js';
import { BLOCK_KINDS } from './blocks.service.js';
import { COMMENT_STATUSES, MODERATION_ACTIONS } from './comments.types.js';

const literals = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const ListCommentsQuery = Type.Object(
  {
    status: Type.Optional(literals(COMMENT_STATUSES)),
    story: Type.Optional(Id({ description: 'article id' })),
    email: Type.Optional(Type.String({ maxLength: 254, description: 'commenter e-mail' })),
    q: Type.Optional(Type.String({ maxLength: 200, description: 'text in the comment or the name' })),
    ...PaginationQuery,
  },
  { additionalProperties: false },
);

export const CommentIdParams = IdParams;

export const ActionParams = Type.Object({ id: Id(), action: literals(MODERATION_ACTIONS) });

export const EditCommentBody = Type.Object(
  {
    body: Type.Optional(Type.String({ minLength: 1, maxLength: 5000 })),
    authorName: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    authorUrl: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { additionalProperties: false },
);

export const ReplyBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 5000 }) }, { additionalProperties: false });

export const BulkBody = Type.Object(
  {
    ids: Type.Array(Id(), { minItems: 1, maxItems: 500 }),
    action: literals([...MODERATION_ACTIONS, 'delete'] as const),
  },
  { additionalProperties: false },
);

export const BlockBody = Type.Object(
  { kind: literals(BLOCK_KINDS), value: Type.String({ minLength: 1, maxLength: 254 }) },
  { additionalProperties: false },
);

export const ThreadModeBody = Type.Object({ mode: literals(['open', 'closed', 'auto'] as const) }, { additionalProperties: false });

export const StoryParams = Type.Object({ story: Id() });

export const CommentSettingsPatch = Type.Object(
  {
    autoCloseDays: Type.Optional(Type.Integer({ minimum: 0, maximum: 3650 })),
    moderateFirstTime: Type.Optional(Type.Boolean()),
    holdThreshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    spamThreshold: Type.Optional(Type.Number({ minimum: 0, maximum: 1 })),
    reduceIpAfterDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 3650 })),
    minSecondsToSubmit: Type.Optional(Type.Number({ minimum: 0, maximum: 600 })),
    maxLinks: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
    ratePerIpPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
    ratePerNetworkPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000 })),
  },
  { additionalProperties: false },
);
