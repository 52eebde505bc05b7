/**
 * The bot signals of a form submission: the signed token (which story, when the form was
 * served, a nonce), whether it came back too fast or a second time, and the honeypot.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { invalid } from '../core/errors.js';
import { recordFormUse } from './comments.repository.js';
import { sign, siteSecret, verify } from '../core/signing.js';
import type { BotSignals } from './spam/filter.js';

const PURPOSE = 'comments.form';
// A reader may leave a tab open for days; after a week the form must be reloaded.
const FORM_LIFETIME_MS = 7 * 86_400_000;

interface FormToken {
  a: number;
  t: number;
  n: string;
}

export async function formToken(db: Kysely<Schema>, articleId: number, now = Date.now()): Promise<string> {
  return sign(await siteSecret(db), PURPOSE, { a: articleId, t: now, n: randomBytes(9).toString('base64url') } satisfies FormToken);
}

/**
 * Checks the token (a missing, forged or expired one is refused: 400) and returns the signals
 * for the filter. A token is single-use per client address: a bot replaying one form is caught,
 * while two readers served the same cached page are not confused with each other.
 */
export async function formSignals(
  db: Kysely<Schema>,
  input: { token?: string; articleId: number; honeypot?: string; ip: string | null },
  minSeconds: number,
  now = Date.now(),
): Promise<BotSignals> {
  const token = verify<FormToken>(await siteSecret(db), PURPOSE, input.token);
  if (!token || token.a !== input.articleId || now - token.t > FORM_LIFETIME_MS) {
    throw invalid([{ field: 'token', message: 'is missing or expired: reload the page and send the comment again' }]);
  }
  const elapsed = (now - token.t) / 1000;
  const key = createHash('sha256').update(`${token.n}|${input.ip ?? ''}`).digest('base64url');
  const fresh = await recordFormUse(db, key, nowIso());
  return {
    honeypot: !!input.honeypot?.trim(),
    tooFast: elapsed < minSeconds ? Math.max(elapsed, 0) : null,
    replayed: !fresh,
  };
}

const COOKIE_PURPOSE = 'comments.pending';
export const PENDING_COOKIE = 'herald_comments';

/** The reader's own held comments, from the signed cookie. */
export function pendingFromCookie(secret: string, value: string | undefined): number[] {
  const payload = verify<{ ids: number[] }>(secret, COOKIE_PURPOSE, value);
  return Array.isArray(payload?.ids) ? payload.ids.filter((id) => Number.isInteger(id)).slice(-20) : [];
}

export function pendingCookie(secret: string, ids: number[]): string {
  return sign(secret, COOKIE_PURPOSE, { ids: [...new Set(ids)].slice(-20) });
}
