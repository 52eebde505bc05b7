import { Type } from '@sinclair/typebox';
import { INTERFACE_LANGUAGES } from '../core/interface-text.js';
import { ROLES } from './roles.js';

const Email = Type.String({ minLength: 1, maxLength: 320 });
const Password = Type.String({ minLength: 1, maxLength: 1000 });
const Role = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const SignInBody = Type.Object({ email: Email, password: Password }, { additionalProperties: false });

/** A person's own preferences; null for the admin language follows their browser. */
export const SessionPreferencesBody = Type.Object(
  { interfaceLanguage: Type.Union([Type.Union(INTERFACE_LANGUAGES.map((l) => Type.Literal(l))), Type.Null()]) },
  { additionalProperties: false },
);

export const LinkParams = Type.Object({ token: Type.String({ minLength: 10, maxLength: 200 }) });

export const UseLinkBody = Type.Object(
  {
    password: Password,
    email: Type.Optional(Email),
    name: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

export const ResetRequestBody = Type.Object({ email: Email }, { additionalProperties: false });

export const InviteBody = Type.Object(
  { email: Email, name: Type.String({ minLength: 1, maxLength: 200 }), role: Role },
  { additionalProperties: false },
);

export const UpdateUserBody = Type.Object(
  {
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    role: Type.Optional(Role),
    bio: Type.Optional(Type.String({ maxLength: 5000 })),
    // A picture on this site (/media/…) or anywhere on the web; empty removes it.
    avatarUrl: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000, pattern: '^(|/[^/].*|https?://.+)$' })])),
  },
  { additionalProperties: false },
);

import { Id } from '../core/ids.js';

/** A guest contributor: no e-mail, no role, no password (guests.service.ts checks the rest). */
const guestFields = {
  name: Type.String({ maxLength: 200 }),
  bio: Type.Optional(Type.String({ maxLength: 5000, description: 'A short bio, shown on their author page' })),
  website: Type.Optional(Type.Union([Type.Null(), Type.String({ maxLength: 2000, description: 'Their site or profile: http(s); empty for none' })])),
};
export const CreateGuestBody = Type.Object(guestFields, { additionalProperties: false });
export const UpdateGuestBody = Type.Partial(Type.Object(guestFields, { additionalProperties: false }));

export { IdParams } from '../core/ids.js';

/** Whom a removed person's stories go to: required when they have any. */
export const RemoveUserQuery = Type.Object({ reassignTo: Type.Optional(Id()) }, { additionalProperties: false });

export const CreateTokenBody = Type.Object(
  { name: Type.String({ minLength: 1, maxLength: 200 }), role: Role },
  { additionalProperties: false },
);

export const CreateContentKeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false });
