/**
 * Signing in with an e-mail and a password, with a lock-out: after MAX_FAILURES wrong attempts
 * for one e-mail address within the window, that address cannot sign in until the lock ends.
 */
import { sql, type Kysely } from 'kysely';
import type { Schema, UserRow } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { hashPassword, verifyPassword } from './passwords.js';

export const MAX_FAILURES = 10;
export const LOCK_MINUTES = 15;
const WINDOW_MS = 60 * 60 * 1000;

// Checked when the e-mail is unknown, so that a wrong address takes as long as a wrong password.
let decoy: Promise<string> | undefined;

function normalise(email: string): string {
  return email.trim().toLowerCase();
}

function locked(until: string): AppError {
  return new AppError(
    'RATE_LIMITED',
    `Sign-in for this e-mail is locked after ${MAX_FAILURES} wrong passwords, until ${until}. Try again then, or reset the password.`,
    { details: { reason: 'sign_in_locked', lockedUntil: until, failures: MAX_FAILURES } },
  );
}

/**
 * Counts this attempt before its password is checked, in one statement, and answers what the
 * count became. Reading the count and writing it back later let a burst of simultaneous
 * guesses all pass the check before any of them was counted.
 */
async function countAttempt(db: Kysely<Schema>, email: string, now: Date): Promise<{ attempts: number; lockedUntil: string | null }> {
  const at = now.toISOString();
  // A finished lock or a window that has run out starts the count again.
  const restart = sql<boolean>`(sign_in_failures.locked_until IS NOT NULL AND sign_in_failures.locked_until <= ${at})
    OR (sign_in_failures.locked_until IS NULL AND sign_in_failures.first_failed_at < ${new Date(now.getTime() - WINDOW_MS).toISOString()})`;
  const row = await db
    .insertInto('sign_in_failures')
    .values({ email, failures: 1, first_failed_at: at, locked_until: null })
    .onConflict((oc) =>
      oc.column('email').doUpdateSet({
        failures: sql`CASE WHEN ${restart} THEN 1 ELSE sign_in_failures.failures + 1 END`,
        first_failed_at: sql`CASE WHEN ${restart} THEN ${at} ELSE sign_in_failures.first_failed_at END`,
        locked_until: sql`CASE WHEN ${restart} THEN NULL ELSE sign_in_failures.locked_until END`,
      }),
    )
    .returning(['failures', 'locked_until'])
    .executeTakeFirstOrThrow();
  return { attempts: Number(row.failures), lockedUntil: row.locked_until };
}

/** Locks the e-mail from now on (or keeps the lock that a simultaneous attempt set). */
async function lock(db: Kysely<Schema>, email: string, now: Date): Promise<string> {
  const until = new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString();
  const row = await db
    .updateTable('sign_in_failures')
    .set({ locked_until: sql`COALESCE(locked_until, ${until})` })
    .where('email', '=', email)
    .returning('locked_until')
    .executeTakeFirst();
  return row?.locked_until ?? until;
}

/** The user these credentials belong to; a 401 for wrong ones, a 429 while the e-mail is locked. */
export async function checkCredentials(db: Kysely<Schema>, emailInput: string, password: string, now = new Date()): Promise<UserRow> {
  const email = normalise(emailInput);
  const { attempts, lockedUntil } = await countAttempt(db, email, now);
  if (lockedUntil && Date.parse(lockedUntil) > now.getTime()) throw locked(lockedUntil);
  // Attempts past the limit are refused without paying for a password check.
  if (attempts > MAX_FAILURES) throw locked(await lock(db, email, now));
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = user?.password_hash
    ? await verifyPassword(user.password_hash, password)
    : (await verifyPassword(await (decoy ??= hashPassword('decoy password')), password), false);
  if (!ok || !user) {
    if (attempts === MAX_FAILURES) throw locked(await lock(db, email, now));
    throw new AppError('UNAUTHORIZED', 'The e-mail or the password is wrong.', { details: { reason: 'wrong_password' } });
  }
  await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
  return user;
}

/** Lifts a lock-out, as a successful password reset does. */
export async function clearFailures(db: Kysely<Schema>, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email', '=', normalise(email)).execute();
}
