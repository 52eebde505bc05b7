/**
 * One-time links: the first administrator's set-up link, invitations and password resets.
 * Only a hash of each link's secret is stored; a link works once and expires.
 */
import type { Kysely } from 'kysely';
import type { Schema, UserRow } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, invalidField, notFound } from '../core/errors.js';
import type { Mailer } from '../core/mail.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { endAllSessions } from './sessions.service.js';
import { newSecret, secretHash } from './secrets.js';
import { clearFailures } from './sign-in.service.js';
import { createUser } from './users.service.js';
import { GUEST_ROLE } from './roles.js';

export const LINK_PURPOSES = ['setup', 'invitation', 'reset'] as const;
export type LinkPurpose = (typeof LINK_PURPOSES)[number];

const LIFETIME_HOURS: Record<LinkPurpose, number> = { setup: 24, invitation: 7 * 24, reset: 2 };

export function linkUrl(baseUrl: string, token: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/admin/link/${token}`;
}

export async function createLink(
  db: Kysely<Schema>,
  purpose: LinkPurpose,
  userId: number | null,
  createdBy: string,
): Promise<{ token: string; expiresAt: string }> {
  const token = newSecret();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + LIFETIME_HOURS[purpose] * 3_600_000).toISOString();
  await db
    .insertInto('user_links')
    .values({ purpose, user_id: userId, token_hash: secretHash(token), created_by: createdBy, created_at: now.toISOString(), expires_at: expiresAt })
    .execute();
  return { token, expiresAt };
}

/** True while no one can sign in: the site then offers a set-up link for its first administrator. */
export async function needsSetup(db: Kysely<Schema>): Promise<boolean> {
  const row = await db.selectFrom('users').select('id').where('password_hash', 'is not', null).limit(1).executeTakeFirst();
  return !row;
}

async function liveLink(db: Kysely<Schema>, token: string) {
  const row = await db
    .selectFrom('user_links')
    .leftJoin('users', 'users.id', 'user_links.user_id')
    .select(['user_links.id', 'user_links.purpose', 'user_links.user_id', 'user_links.expires_at', 'user_links.used_at'])
    .select(['users.email', 'users.name', 'users.role'])
    .where('user_links.token_hash', '=', secretHash(token))
    .executeTakeFirst();
  if (!row || row.used_at || Date.parse(row.expires_at) <= Date.now()) {
    throw notFound('This link is unknown, already used or expired; ask for a new one. The link');
  }
  return { ...row, purpose: row.purpose as LinkPurpose };
}

export interface LinkInfo {
  purpose: LinkPurpose;
  email: string | null;
  name: string | null;
  role: string | null;
  expiresAt: string;
}

export async function describeLink(db: Kysely<Schema>, token: string): Promise<LinkInfo> {
  const link = await liveLink(db, token);
  return { purpose: link.purpose, email: link.email, name: link.name, role: link.role, expiresAt: link.expires_at };
}

/**
 * Uses a link: sets the password of the invited or resetting person, or creates the first
 * administrator. A reset also signs the person out everywhere and lifts a sign-in lock-out.
 */
export async function useLink(
  db: Kysely<Schema>,
  token: string,
  input: { password: string; email?: string; name?: string },
): Promise<UserRow> {
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw invalidField('password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  return inTransaction(db, async (trx) => {
    const link = await liveLink(trx, token);
    // Marked first, conditionally: of two simultaneous uses of one link, only one succeeds.
    const claimed = await trx
      .updateTable('user_links')
      .set({ used_at: nowIso() })
      .where('id', '=', link.id)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) throw notFound('This link was just used. The link');
    if (link.purpose === 'setup') {
      if (!(await needsSetup(trx))) {
        throw new AppError('CONFLICT', 'The site already has someone who can sign in; ask them for an invitation.');
      }
      return createUser(trx, { email: input.email ?? '', name: input.name ?? '', role: 'administrator', password: input.password });
    }
    const changes: { password_hash: string; updated_at: string; name?: string } = {
      password_hash: await hashPassword(input.password),
      updated_at: nowIso(),
    };
    if (link.purpose === 'invitation' && input.name?.trim()) changes.name = input.name.trim();
    const user = await trx.updateTable('users').set(changes).where('id', '=', link.user_id!).returningAll().executeTakeFirstOrThrow();
    // The password is chosen now: every other open link of this person could only undo that.
    await trx
      .updateTable('user_links')
      .set({ used_at: nowIso() })
      .where('user_id', '=', user.id)
      .where('used_at', 'is', null)
      .execute();
    if (link.purpose === 'reset') {
      await endAllSessions(trx, user.id);
      await clearFailures(trx, user.email);
    }
    return user;
  });
}

/**
 * Mails a password-reset link to the account with this e-mail; does nothing for an address
 * that has none. Callers answer before this finishes, so that the answer takes the same time
 * whether or not the address is known.
 */
export async function sendPasswordReset(db: Kysely<Schema>, mailer: Mailer, emailInput: string, baseUrl: string): Promise<void> {
  const email = emailInput.trim().toLowerCase();
  // A guest contributor has no account to reset.
  const user = await db.selectFrom('users').select(['id', 'name']).where('email', '=', email).where('role', '!=', GUEST_ROLE).executeTakeFirst();
  if (!user) return;
  const { token } = await createLink(db, 'reset', user.id, `user:${user.id}`);
  await mailer.send({
    to: email,
    subject: 'Reset your password',
    text: `Hello ${user.name},\n\nSomeone (hopefully you) asked to reset your password. Choose a new one here within two hours:\n${linkUrl(baseUrl, token)}\n\nIf it was not you, ignore this message.`,
  });
}
