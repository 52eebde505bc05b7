/**
 * The reader's side of newsletters: signing up with double opt-in, confirming by the mailed
 * link, leaving at once, and the expiry of sign-ups nobody confirmed. Plain functions over the
 * database; no HTTP. Whether an address is already known never changes what the caller is
 * told: the work that differs runs after the answer (see `signUp`).
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { invalid, type FieldError } from '../core/errors.js';
import { createMemberLink, forgetExpiredLinks, lastLinkAt, memberLinkUrl, memberOfLink } from './member-links.service.js';
import { forgetExpiredSessions } from './member-sessions.js';
import type { Unsubscription } from './unsubscribe-link.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** An unconfirmed sign-up is forgotten after a week (its confirmation link lives as long). */
export const SIGN_UP_LIFETIME_MS = 7 * 86_400_000;
/**
 * At most one confirmation mail per address in this time: a form sent again (or by someone
 * else) adds its newsletters to the pending ones, which the link already mailed confirms.
 */
export const CONFIRMATION_MAIL_INTERVAL_MS = 5 * 60_000;

export interface OfferedNewsletter {
  id: number;
  name: string;
  description: string;
}

/** What the members domain mails: built and sent by members.mail.ts, in the reader's language. */
export interface MemberMailer {
  confirmation(to: string, language: string, newsletters: string[], link: string): Promise<void>;
  signIn(to: string, language: string, link: string): Promise<void>;
  emailChange(to: string, language: string, link: string): Promise<void>;
}

/** The public newsletters of a language, which its subscribe forms offer (none: no form). */
export async function offeredNewsletters(db: Kysely<Schema>, language: string): Promise<OfferedNewsletter[]> {
  return db
    .selectFrom('newsletters')
    .select(['id', 'name', 'description'])
    .where('language', '=', language)
    .where('visibility', '=', 'public')
    .where('archived', '=', 0)
    .orderBy('id')
    .execute();
}

export function normalizeEmail(raw: unknown): string | null {
  const email = typeof raw === 'string' ? raw.trim().toLowerCase() : '';
  return EMAIL.test(email) && email.length <= 254 ? email : null;
}

export interface SignUp {
  email: string;
  language: string;
  newsletterIds: number[];
}

/** The form's fields, cleaned, or a 400 naming each one at fault; the same whoever the address belongs to. */
export async function checkSignUp(db: Kysely<Schema>, input: { email: unknown; language: string; newsletters: unknown }): Promise<SignUp> {
  const faults: FieldError[] = [];
  const email = normalizeEmail(input.email);
  if (!email) faults.push({ field: 'email', message: 'must be an e-mail address' });
  const offered = new Set((await offeredNewsletters(db, input.language)).map((n) => n.id));
  const wanted = (Array.isArray(input.newsletters) ? input.newsletters : [input.newsletters]).filter((v) => v !== undefined && v !== '').map(Number);
  if (!wanted.length) faults.push({ field: 'newsletters', message: 'choose at least one newsletter' });
  else if (!wanted.every((id) => offered.has(id))) faults.push({ field: 'newsletters', message: 'are not offered in this language' });
  if (faults.length) throw invalid(faults);
  return { email: email!, language: input.language, newsletterIds: [...new Set(wanted)] };
}

/**
 * Records a sign-up and mails the confirmation link: a new address becomes a member in the
 * page's language; each chosen newsletter not yet confirmed becomes pending (again, if it was
 * left). Nothing is sent to the address before the link is opened. Callers do not wait for this:
 * their answer must not take longer for a known address than for a new one.
 */
export async function signUp(db: Kysely<Schema>, request: SignUp, now: number, mailer: MemberMailer, baseUrl: string): Promise<void> {
  const at = new Date(now).toISOString();
  const member = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('members')
      .values({ email: request.email, language: request.language, source: 'form', created_at: at, updated_at: at })
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
    const found = await trx.selectFrom('members').select(['id', 'suppressed_at']).where('email', '=', request.email).executeTakeFirstOrThrow();
    for (const newsletterId of request.newsletterIds) {
      await trx
        .insertInto('member_subscriptions')
        .values({ member_id: found.id, newsletter_id: newsletterId, status: 'pending', created_at: at })
        .onConflict((oc) =>
          oc
            .columns(['member_id', 'newsletter_id'])
            // A pending sign-up asked for again lives a week from now; a confirmed one stays as it is.
            .doUpdateSet({ status: 'pending', created_at: at, unsubscribed_at: null })
            .where('member_subscriptions.status', '!=', 'confirmed'),
        )
        .execute();
    }
    return found;
  });
  // An address that bounced for good gets nothing more, a confirmation included.
  if (member.suppressed_at) return;
  const pending = await db
    .selectFrom('member_subscriptions')
    .innerJoin('newsletters', 'newsletters.id', 'member_subscriptions.newsletter_id')
    .select('newsletters.name')
    .where('member_subscriptions.member_id', '=', member.id)
    .where('member_subscriptions.status', '=', 'pending')
    .orderBy('newsletters.id')
    .execute();
  if (!pending.length) return;
  const token = await db.transaction().execute(async (trx) => {
    // Callers do not wait, so sign-ups for one address run side by side. Touching the member's
    // row first makes them take turns (a row lock on PostgreSQL; SQLite writes one transaction
    // at a time), so only the first one finds no recent link and mails.
    await trx.updateTable('members').set({ updated_at: at }).where('id', '=', member.id).execute();
    const last = await lastLinkAt(trx, member.id, 'confirm');
    if (last && now - Date.parse(last) < CONFIRMATION_MAIL_INTERVAL_MS) return null;
    return createMemberLink(trx, member.id, 'confirm', now);
  });
  if (!token) return;
  await mailer.confirmation(request.email, request.language, pending.map((p) => p.name), memberLinkUrl(baseUrl, 'confirm', token, request.language));
}

export interface Confirmed {
  memberId: number;
  language: string;
  /** The newsletters the member now receives. */
  newsletters: string[];
}

/** Opens a confirmation link: every pending sign-up of its member is confirmed. Null for a link that is unknown or expired. */
export async function confirmSignUp(db: Kysely<Schema>, token: string, now: number): Promise<Confirmed | null> {
  const memberId = await memberOfLink(db, token, 'confirm', now, { consume: false });
  if (memberId === null) return null;
  const at = new Date(now).toISOString();
  await db
    .updateTable('member_subscriptions')
    .set({ status: 'confirmed', confirmed_at: at })
    .where('member_id', '=', memberId)
    .where('status', '=', 'pending')
    .execute();
  const member = await db.selectFrom('members').select('language').where('id', '=', memberId).executeTakeFirstOrThrow();
  const confirmed = await db
    .selectFrom('member_subscriptions')
    .innerJoin('newsletters', 'newsletters.id', 'member_subscriptions.newsletter_id')
    .select('newsletters.name')
    .where('member_subscriptions.member_id', '=', memberId)
    .where('member_subscriptions.status', '=', 'confirmed')
    .orderBy('newsletters.id')
    .execute();
  return { memberId, language: member.language, newsletters: confirmed.map((n) => n.name) };
}

/** What an unsubscribe link names: the newsletter and the member's language, or null when either is gone. */
export async function unsubscribeTarget(db: Kysely<Schema>, of: Unsubscription): Promise<{ newsletter: string; language: string } | null> {
  const row = await db
    .selectFrom('members')
    .innerJoin('newsletters', (join) => join.on('newsletters.id', '=', of.newsletter))
    .select(['newsletters.name', 'members.language'])
    .where('members.id', '=', of.member)
    .executeTakeFirst();
  return row ? { newsletter: row.name, language: row.language } : null;
}

/** Leaves a newsletter at once: nothing more of it is sent to the member (the send queue reads the status). */
export async function unsubscribe(db: Kysely<Schema>, of: Unsubscription, now: number): Promise<void> {
  await db
    .updateTable('member_subscriptions')
    .set({ status: 'unsubscribed', unsubscribed_at: new Date(now).toISOString() })
    .where('member_id', '=', of.member)
    .where('newsletter_id', '=', of.newsletter)
    .where('status', '!=', 'unsubscribed')
    .execute();
}

/**
 * Mails a sign-in link to a member with this address, in the member's language; nothing for an
 * address that is no member. As with `signUp`, callers answer without waiting.
 */
export async function requestSignIn(db: Kysely<Schema>, email: string, now: number, mailer: MemberMailer, baseUrl: string): Promise<void> {
  const member = await db.selectFrom('members').select(['id', 'language', 'suppressed_at']).where('email', '=', email).executeTakeFirst();
  if (!member || member.suppressed_at) return;
  const token = await createMemberLink(db, member.id, 'sign-in', now);
  await mailer.signIn(email, member.language, memberLinkUrl(baseUrl, 'sign-in', token, member.language));
}

/**
 * Forgets what nobody confirmed within SIGN_UP_LIFETIME_MS: pending sign-ups, then the members
 * the form created who are left with no newsletter at all (a member who left keeps the record
 * of leaving); and expired links and sessions. Returns how many members were forgotten.
 */
export async function expireSignUps(db: Kysely<Schema>, now: number): Promise<number> {
  const before = new Date(now - SIGN_UP_LIFETIME_MS).toISOString();
  await db.deleteFrom('member_subscriptions').where('status', '=', 'pending').where('created_at', '<', before).execute();
  const removed = await db
    .deleteFrom('members')
    .where('source', '=', 'form')
    .where('created_at', '<', before)
    .where((eb) => eb.not(eb.exists(eb.selectFrom('member_subscriptions').select('member_id').whereRef('member_subscriptions.member_id', '=', 'members.id'))))
    .executeTakeFirst();
  await forgetExpiredLinks(db, now);
  await forgetExpiredSessions(db, now);
  return Number(removed.numDeletedRows);
}
