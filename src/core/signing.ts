/**
 * Signed values Herald hands to browsers and e-mails (the comment form's tokens, the "awaiting
 * moderation" cookie, data-deletion links, preview links). The key is made once per site and
 * kept in the settings table, so every app process signs and checks with the same one.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

// Named when only comments signed with it; renaming it would void every link already sent.
const KEY = 'comments.secret';
const secrets = new WeakMap<object, string>();

export async function siteSecret(db: Kysely<Schema>): Promise<string> {
  const cached = secrets.get(db);
  if (cached) return cached;
  await db
    .insertInto('settings')
    .values({ key: KEY, value: JSON.stringify(randomBytes(32).toString('base64url')) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirstOrThrow();
  const secret = JSON.parse(row.value) as string;
  secrets.set(db, secret);
  return secret;
}

function mac(secret: string, purpose: string, body: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${body}`).digest('base64url');
}

/** `payload` as JSON, base64url, with a MAC bound to its purpose (a cookie cannot pass as a link). */
export function sign(secret: string, purpose: string, payload: unknown): string {
  const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
  return `${body}.${mac(secret, purpose, body)}`;
}

export function verify<T>(secret: string, purpose: string, token: string | undefined): T | null {
  if (!token) return null;
  const [body, signature, extra] = token.split('.');
  if (!body || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(secret, purpose, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    return JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as T;
  } catch {
    return null;
  }
}
