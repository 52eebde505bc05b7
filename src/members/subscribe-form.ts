/**
 * The subscribe form's protections, as the comment form's (src/comments/comments.form.ts): a
 * signed token saying when the form was served, and a honeypot field people never see.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { sign, siteSecret, verify } from '../core/signing.js';

const PURPOSE = 'members.subscribe';
// A page kept open (or kept by the page cache) for a week must be reloaded.
const FORM_LIFETIME_MS = 7 * 86_400_000;
/** Faster than this from serving the form to sending it is a program, not a person typing an address. */
export const MIN_SECONDS_TO_SUBMIT = 2;

export async function subscribeFormToken(db: Kysely<Schema>, now: number): Promise<string> {
  return sign(await siteSecret(db), PURPOSE, { t: now, n: randomBytes(6).toString('base64url') });
}

/**
 * 'bot' for a filled honeypot (answered as if it worked, and nothing done: a bot learns
 * nothing); 'again' for a token that is missing, forged, too old or too young (the form is
 * shown again with a fresh one: a person sends it once more); 'ok' otherwise.
 */
export async function judgeSubscribeForm(db: Kysely<Schema>, form: { token?: unknown; honeypot?: unknown }, now: number): Promise<'ok' | 'bot' | 'again'> {
  if (typeof form.honeypot === 'string' && form.honeypot.trim()) return 'bot';
  const token = verify<{ t: number }>(await siteSecret(db), PURPOSE, typeof form.token === 'string' ? form.token : undefined);
  if (!token || typeof token.t !== 'number') return 'again';
  const age = now - token.t;
  return age > FORM_LIFETIME_MS || age < MIN_SECONDS_TO_SUBMIT * 1000 ? 'again' : 'ok';
}
