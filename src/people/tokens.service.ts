import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { invalidField } from '../core/errors.js';
import { unsafeCharacter, unsafeTextMessage } from '../core/unsafe-text.js';
import type { Actor } from './permissions.js';
import { isRole, ROLES, type Role } from './roles.js';

// Only a hash of each token is stored: a copy of the database does not hand out access.
function digest(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export interface CreatedToken {
  id: number;
  name: string;
  role: Role;
  /** Shown once; only its hash is kept. */
  token: string;
}

export async function createApiToken(
  db: Kysely<Schema>,
  input: { name: string; role: string; userId?: number | null },
): Promise<CreatedToken> {
  const name = input.name.trim();
  if (!name) throw invalidField('name', 'is required');
  const char = unsafeCharacter(name, 'line');
  if (char) throw invalidField('name', unsafeTextMessage(char));
  if (!isRole(input.role)) throw invalidField('role', `must be one of ${ROLES.join(', ')}`);
  const token = `hrd_${randomBytes(24).toString('base64url')}`;
  const row = await db
    .insertInto('api_tokens')
    .values({ name, role: input.role, user_id: input.userId ?? null, token_hash: digest(token), created_at: nowIso() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, name, role: input.role, token };
}

/** The actor a bearer token stands for, or null when the token is unknown. */
export async function actorForToken(db: Kysely<Schema>, token: string): Promise<Actor | null> {
  const row = await db
    .selectFrom('api_tokens')
    .leftJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id', 'api_tokens.name', 'api_tokens.role', 'api_tokens.user_id', 'users.name as user_name'])
    .where('token_hash', '=', digest(token))
    .executeTakeFirst();
  if (!row || !isRole(row.role)) return null;
  return {
    role: row.role,
    userId: row.user_id,
    principal: row.user_id ? `user:${row.user_id}` : `token:${row.id}`,
    name: row.user_name ?? row.name,
  };
}
