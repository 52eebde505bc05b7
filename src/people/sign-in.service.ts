/**
 * Signing in with an e-mail and a password, with a lock-out: after MAX_FAILURES wrong attempts
 * for one e-mail address within the window, that address cannot sign in until the lock ends.
 */
import type { Kysely } from 'kysely';
import type { Schema, UserRow } from '../db/schema.js';
import { AppError } from '../http/errors.js';
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
    { details: { lockedUntil: until } },
  );
}

async function recordFailure(db: Kysely<Schema>, email: string, now: Date): Promise<string | null> {
  const row = await db.selectFrom('sign_in_failures').selectAll().where('email', '=', email).executeTakeFirst();
  const fresh = !row || now.getTime() - Date.parse(row.first_failed_at) > WINDOW_MS;
  const failures = fresh ? 1 : row.failures + 1;
  const lockedUntil = failures >= MAX_FAILURES ? new Date(now.getTime() + LOCK_MINUTES * 60_000).toISOString() : null;
  const values = {
    failures: lockedUntil ? 0 : failures,
    first_failed_at: fresh || lockedUntil ? now.toISOString() : row!.first_failed_at,
    locked_until: lockedUntil,
  };
  await db
    .insertInto('sign_in_failures')
    .values({ email, ...values })
    .onConflict((oc) => oc.column('email').doUpdateSet(values))
    .execute();
  return lockedUntil;
}

/** The user these credentials belong to; a 401 for wrong ones, a 429 while the e-mail is locked. */
export async function checkCredentials(db: Kysely<Schema>, emailInput: string, password: string, now = new Date()): Promise<UserRow> {
  const email = normalise(emailInput);
  const failure = await db.selectFrom('sign_in_failures').select('locked_until').where('email', '=', email).executeTakeFirst();
  if (failure?.locked_until && Date.parse(failure.locked_until) > now.getTime()) throw locked(failure.locked_until);
  const user = await db.selectFrom('users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = user?.password_hash
    ? await verifyPassword(user.password_hash, password)
    : (await verifyPassword(await (decoy ??= hashPassword('decoy password')), password), false);
  if (!ok || !user) {
    const lockedUntil = await recordFailure(db, email, now);
    if (lockedUntil) throw locked(lockedUntil);
    throw new AppError('UNAUTHORIZED', 'The e-mail or the password is wrong.');
  }
  await db.deleteFrom('sign_in_failures').where('email', '=', email).execute();
  return user;
}

/** Lifts a lock-out, as a successful password reset does. */
export async function clearFailures(db: Kysely<Schema>, email: string): Promise<void> {
  await db.deleteFrom('sign_in_failures').where('email', '=', normalise(email)).execute();
}
