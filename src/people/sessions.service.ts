/**
 * Browser sessions: a random token in an HttpOnly cookie, only its hash in the `sessions` table,
 * and a per-session CSRF token that every cookie-authenticated write must echo in a header.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import type { Actor } from './permissions.js';
import { isRole } from './roles.js';
import { newSecret, secretHash } from './secrets.js';

export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
// Refreshing last_seen_at on every request would turn each read into a write.
const TOUCH_AFTER_MS = 60 * 60 * 1000;

export interface NewSession {
  token: string;
  csrfToken: string;
  expiresAt: string;
}

export interface FoundSession {
  id: number;
  actor: Actor;
  email: string;
  csrfToken: string;
  /** The admin's language as the person chose it; null follows their browser. */
  interfaceLanguage: string | null;
}

export async function createSession(db: Kysely<Schema>, userId: number, userAgent = ''): Promise<NewSession> {
  const token = newSecret();
  const csrfToken = newSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + SESSION_DAYS * DAY_MS).toISOString();
  await db
    .insertInto('sessions')
    .values({
      token_hash: secretHash(token),
      user_id: userId,
      csrf_token: csrfToken,
      user_agent: userAgent.slice(0, 300),
      created_at: now.toISOString(),
      last_seen_at: now.toISOString(),
      expires_at: expiresAt,
    })
    .execute();
  return { token, csrfToken, expiresAt };
}

/** The live session a cookie stands for, or null when it is unknown, expired or its user lost access. */
export async function findSession(db: Kysely<Schema>, token: string): Promise<FoundSession | null> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select(['sessions.id', 'sessions.csrf_token', 'sessions.expires_at', 'sessions.last_seen_at', 'users.id as user_id'])
    .select(['users.name', 'users.email', 'users.role', 'users.password_hash', 'users.interface_language'])
    .where('sessions.token_hash', '=', secretHash(token))
    .executeTakeFirst();
  const now = Date.now();
  if (!row || Date.parse(row.expires_at) <= now || !row.password_hash || !isRole(row.role)) return null;
  if (now - Date.parse(row.last_seen_at) > TOUCH_AFTER_MS) {
    await db.updateTable('sessions').set({ last_seen_at: nowIso() }).where('id', '=', row.id).execute();
  }
  return {
    id: row.id,
    email: row.email,
    csrfToken: row.csrf_token,
    interfaceLanguage: row.interface_language,
    actor: { role: row.role, userId: row.user_id, principal: `user:${row.user_id}`, name: row.name },
  };
}

export async function endSession(db: Kysely<Schema>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', secretHash(token)).execute();
}

/** Signs a person out on every device; returns how many sessions ended. */
export async function endAllSessions(db: Kysely<Schema>, userId: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('user_id', '=', userId).executeTakeFirst();
  await db.deleteFrom('sessions').where('expires_at', '<', nowIso()).execute();
  return Number(result.numDeletedRows);
}
