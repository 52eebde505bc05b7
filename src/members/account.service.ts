/**
 * A signed-in member's own account: which newsletters they receive, their language, their
 * address (changed only once the new one has opened a link), their data as JSON, and leaving
 * altogether. Plain functions over the database; no HTTP.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import { sign, siteSecret, verify } from '../core/signing.js';
import type { MemberMailer } from './subscriptions.service.js';

const EMAIL_CHANGE_PURPOSE = 'members.email-change';
const EMAIL_CHANGE_LIFETIME_MS = 2 * 86_400_000;

export interface AccountNewsletter {
  id: number;
  name: string;
  language: string;
  description: string;
  status: 'confirmed' | 'pending' | 'unsubscribed' | null;
}

export interface Account {
  id: number;
  email: string;
  language: string;
  /** Every public newsletter, in every language, and any other the member is on. */
  newsletters: AccountNewsletter[];
}

export async function accountOf(db: Kysely<Schema>, memberId: number): Promise<Account | null> {
  const member = await db.selectFrom('members').select(['id', 'email', 'language']).where('id', '=', memberId).executeTakeFirst();
  if (!member) return null;
  const rows = await db
    .selectFrom('newsletters')
    .leftJoin('member_subscriptions', (join) =>
      join.onRef('member_subscriptions.newsletter_id', '=', 'newsletters.id').on('member_subscriptions.member_id', '=', memberId),
    )
    .select(['newsletters.id', 'newsletters.name', 'newsletters.language', 'newsletters.description', 'newsletters.visibility', 'member_subscriptions.status'])
    .where('newsletters.archived', '=', 0)
    .orderBy('newsletters.language')
    .orderBy('newsletters.id')
    .execute();
  const newsletters = rows
    .filter((r) => r.visibility === 'public' || r.status === 'confirmed' || r.status === 'pending')
    .map((r) => ({ id: r.id, name: r.name, language: r.language, description: r.description, status: (r.status ?? null) as AccountNewsletter['status'] }));
  return { ...member, newsletters };
}

/**
 * The member receives exactly the ticked newsletters among those the account page offered: the
 * address is proven (they signed in through it), so a newly ticked one is confirmed at once.
 */
export async function setNewsletters(db: Kysely<Schema>, memberId: number, ticked: number[], now: number): Promise<void> {
  const account = await accountOf(db, memberId);
  if (!account) return;
  const at = new Date(now).toISOString();
  const wanted = new Set(ticked);
  for (const newsletter of account.newsletters) {
    const receiving = newsletter.status === 'confirmed';
    if (wanted.has(newsletter.id) && !receiving) {
      await db
        .insertInto('member_subscriptions')
        .values({ member_id: memberId, newsletter_id: newsletter.id, status: 'confirmed', created_at: at, confirmed_at: at })
        .onConflict((oc) => oc.columns(['member_id', 'newsletter_id']).doUpdateSet({ status: 'confirmed', confirmed_at: at, unsubscribed_at: null }))
        .execute();
    } else if (!wanted.has(newsletter.id) && newsletter.status !== null && newsletter.status !== 'unsubscribed') {
      await db
        .updateTable('member_subscriptions')
        .set({ status: 'unsubscribed', unsubscribed_at: at })
        .where('member_id', '=', memberId)
        .where('newsletter_id', '=', newsletter.id)
        .execute();
    }
  }
}

export async function setLanguage(db: Kysely<Schema>, memberId: number, language: string, now: number): Promise<void> {
  await db.updateTable('members').set({ language, updated_at: new Date(now).toISOString() }).where('id', '=', memberId).execute();
}

/**
 * Mails a link to the new address; the address changes when it is opened (a typo cannot take
 * the account to someone else's inbox). The link is signed, not stored: it names the member,
 * the new address and its expiry (too long for a path segment: it rides in the query string).
 */
export async function requestEmailChange(db: Kysely<Schema>, memberId: number, newEmail: string, now: number, mailer: MemberMailer, baseUrl: string): Promise<void> {
  const member = await db.selectFrom('members').select('language').where('id', '=', memberId).executeTakeFirstOrThrow();
  const token = sign(await siteSecret(db), EMAIL_CHANGE_PURPOSE, { m: memberId, e: newEmail, x: now + EMAIL_CHANGE_LIFETIME_MS });
  await mailer.emailChange(newEmail, member.language, `${baseUrl.replace(/\/+$/, '')}/account/email?token=${token}`);
}

/** Opens an address-change link: the member's new address, or null for a link that is not valid or has expired. */
export async function applyEmailChange(db: Kysely<Schema>, token: string, now: number): Promise<{ memberId: number; email: string } | null> {
  const payload = verify<{ m: number; e: string; x: number }>(await siteSecret(db), EMAIL_CHANGE_PURPOSE, token);
  if (!payload || payload.x < now || !Number.isSafeInteger(payload.m) || typeof payload.e !== 'string') return null;
  const taken = await db.selectFrom('members').select('id').where('email', '=', payload.e).executeTakeFirst();
  if (taken && taken.id !== payload.m) throw new AppError('CONFLICT', 'Another member already has this address.');
  const changed = await db
    .updateTable('members')
    .set({ email: payload.e, updated_at: new Date(now).toISOString() })
    .where('id', '=', payload.m)
    .executeTakeFirst();
  return Number(changed.numUpdatedRows) === 1 ? { memberId: payload.m, email: payload.e } : null;
}

/** Everything kept about a member, as the "download my data" JSON gives it. */
export async function memberData(db: Kysely<Schema>, memberId: number) {
  const member = await db
    .selectFrom('members')
    .select(['email', 'name', 'language', 'source', 'created_at', 'updated_at', 'suppressed_at'])
    .where('id', '=', memberId)
    .executeTakeFirst();
  if (!member) return null;
  const subscriptions = await db
    .selectFrom('member_subscriptions')
    .innerJoin('newsletters', 'newsletters.id', 'member_subscriptions.newsletter_id')
    .select(['newsletters.name as newsletter', 'newsletters.language', 'member_subscriptions.status', 'member_subscriptions.created_at', 'member_subscriptions.confirmed_at', 'member_subscriptions.unsubscribed_at'])
    .where('member_subscriptions.member_id', '=', memberId)
    .orderBy('newsletters.id')
    .execute();
  const deliveries = await db
    .selectFrom('newsletter_deliveries')
    .innerJoin('newsletter_sends', 'newsletter_sends.id', 'newsletter_deliveries.send_id')
    .innerJoin('newsletters', 'newsletters.id', 'newsletter_sends.newsletter_id')
    .select(['newsletters.name as newsletter', 'newsletter_sends.subject', 'newsletter_deliveries.status', 'newsletter_deliveries.delivered_at'])
    .where('newsletter_deliveries.member_id', '=', memberId)
    .orderBy('newsletter_deliveries.id')
    .execute();
  const signIns = await db.selectFrom('member_sessions').select(['created_at', 'expires_at']).where('member_id', '=', memberId).execute();
  return {
    member: { email: member.email, name: member.name, language: member.language, source: member.source, createdAt: member.created_at, updatedAt: member.updated_at, suppressedAt: member.suppressed_at },
    subscriptions: subscriptions.map((s) => ({ newsletter: s.newsletter, language: s.language, status: s.status, createdAt: s.created_at, confirmedAt: s.confirmed_at, unsubscribedAt: s.unsubscribed_at })),
    mails: deliveries.map((d) => ({ newsletter: d.newsletter, subject: d.subject, status: d.status, deliveredAt: d.delivered_at })),
    sessions: signIns.map((s) => ({ createdAt: s.created_at, expiresAt: s.expires_at })),
  };
}

/** Removes the member with their subscriptions, links, sessions and queued mails (the foreign keys cascade); their comments stay. */
export async function deleteMember(db: Kysely<Schema>, memberId: number): Promise<string | null> {
  const member = await db.deleteFrom('members').where('id', '=', memberId).returning('email').executeTakeFirst();
  return member?.email ?? null;
}
