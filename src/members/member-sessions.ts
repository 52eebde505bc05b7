/**
 * A signed-in member's browser, for the account page: a random token in an HttpOnly cookie
 * scoped to /account (story pages stay shareable by the page cache for members too), only its
 * hash stored, and a per-session CSRF token every form of the account page sends back.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { newSecret, sameSecret, secretHash } from '../people/secrets.js';

export const MEMBER_COOKIE = 'herald_member';
export const ACCOUNT_PATH = '/account';
const SESSION_MS = 30 * 86_400_000;

export interface MemberSession {
  memberId: number;
  csrfToken: string;
}

export async function startMemberSession(db: Kysely<Schema>, memberId: number, now: number): Promise<{ token: string; expiresAt: string }> {
  const token = newSecret();
  const expiresAt = new Date(now + SESSION_MS).toISOString();
  await db
    .insertInto('member_sessions')
    .values({ member_id: memberId, token_hash: secretHash(token), csrf_token: newSecret(), expires_at: expiresAt, created_at: new Date(now).toISOString() })
    .execute();
  return { token, expiresAt };
}

/** The live session of the request's cookie, or null. */
export async function memberSessionOf(db: Kysely<Schema>, request: FastifyRequest, now: number): Promise<MemberSession | null> {
  const token = request.cookies?.[MEMBER_COOKIE];
  if (!token) return null;
  const row = await db
    .selectFrom('member_sessions')
    .select(['member_id', 'csrf_token', 'expires_at'])
    .where('token_hash', '=', secretHash(token))
    .executeTakeFirst();
  if (!row || Date.parse(row.expires_at) <= now) return null;
  return { memberId: row.member_id, csrfToken: row.csrf_token };
}

/** Whether a form of the account page came back with its session's CSRF token (a page of another site cannot know it). */
export function csrfMatches(session: MemberSession, sent: unknown): boolean {
  return sameSecret(typeof sent === 'string' ? sent : undefined, session.csrfToken);
}

export async function endMemberSession(db: Kysely<Schema>, request: FastifyRequest): Promise<void> {
  const token = request.cookies?.[MEMBER_COOKIE];
  if (token) await db.deleteFrom('member_sessions').where('token_hash', '=', secretHash(token)).execute();
}

export async function forgetExpiredSessions(db: Kysely<Schema>, now: number): Promise<void> {
  await db.deleteFrom('member_sessions').where('expires_at', '<', new Date(now).toISOString()).execute();
}

export function setMemberCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(MEMBER_COOKIE, token, { path: ACCOUNT_PATH, httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', expires: new Date(expiresAt) });
}

export function clearMemberCookie(reply: FastifyReply): void {
  reply.clearCookie(MEMBER_COOKIE, { path: ACCOUNT_PATH });
}
