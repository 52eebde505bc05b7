/**
 * Members as the newsroom sees them: find, filter, add, change and remove readers and their
 * subscriptions. The one place that writes members and subscriptions for the admin (the Members
 * screen, the Admin API, CSV imports); readers' own sign-ups go through subscriptions.service.ts.
 */
import type { Kysely, Selectable, SelectQueryBuilder } from 'kysely';
import { invalid, invalidField, notFound, type FieldError } from '../core/errors.js';
import { containsText } from '../db/like.js';
import type { MembersTable, Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { getSettings } from '../settings/settings.service.js';
import { isEmailAddress, normalizeEmail } from './email-address.js';

export const SUBSCRIPTION_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];
/** What the Members screen filters by: a subscription's status, or members nothing is sent to any more. */
export const MEMBER_STATUSES = [...SUBSCRIPTION_STATUSES, 'suppressed'] as const;
export type MemberStatus = (typeof MEMBER_STATUSES)[number];

export interface MemberSubscription {
  newsletterId: number;
  status: SubscriptionStatus;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

export interface Member {
  id: number;
  email: string;
  name: string;
  language: string;
  source: string;
  /** When the address was suppressed after permanent delivery failures (nothing is sent to it), or null. */
  suppressedAt: string | null;
  createdAt: string;
  updatedAt: string;
  subscriptions: MemberSubscription[];
}

export interface MemberFilter {
  /** Part of the address or the name. */
  q?: string;
  newsletter?: number;
  status?: MemberStatus;
}

type MemberQuery = SelectQueryBuilder<Schema, 'members', object>;

/** The members a filter names: with a newsletter and a status, those whose subscription to it has that status. */
export function filteredMembers(db: Kysely<Schema>, filter: MemberFilter): MemberQuery {
  let query = db.selectFrom('members') as MemberQuery;
  const q = filter.q?.trim();
  if (q) query = query.where((eb) => eb.or([containsText('members.email', q), containsText('members.name', q)]));
  if (filter.status === 'suppressed') query = query.where('members.suppressed_at', 'is not', null);
  const status = filter.status === 'suppressed' ? undefined : filter.status;
  if (filter.newsletter !== undefined || status) {
    query = query.where((eb) =>
      eb.exists(
        eb
          .selectFrom('member_subscriptions as s')
          .select('s.member_id')
          .whereRef('s.member_id', '=', 'members.id')
          .$if(filter.newsletter !== undefined, (sub) => sub.where('s.newsletter_id', '=', filter.newsletter!))
          .$if(status !== undefined, (sub) => sub.where('s.status', '=', status!)),
      ),
    );
  }
  return query;
}

/** Members with their subscriptions, in the order of `rows`. */
export async function withSubscriptions(db: Kysely<Schema>, rows: Selectable<MembersTable>[]): Promise<Member[]> {
  const byMember = new Map<number, MemberSubscription[]>(rows.map((r) => [r.id, []]));
  if (rows.length) {
    const subscriptions = await db
      .selectFrom('member_subscriptions')
      .selectAll()
      .where('member_id', 'in', rows.map((r) => r.id))
      .orderBy('newsletter_id')
      .execute();
    for (const s of subscriptions) {
      byMember.get(s.member_id)!.push({
        newsletterId: s.newsletter_id,
        status: s.status as SubscriptionStatus,
        createdAt: s.created_at,
        confirmedAt: s.confirmed_at,
        unsubscribedAt: s.unsubscribed_at,
      });
    }
  }
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    language: row.language,
    source: row.source,
    suppressedAt: row.suppressed_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    subscriptions: byMember.get(row.id)!,
  }));
}

export async function listMembers(db: Kysely<Schema>, filter: MemberFilter, page: { page: number; limit: number }) {
  const base = filteredMembers(db, filter);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll('members').orderBy('members.created_at', 'desc').orderBy('members.id', 'desc').limit(page.limit).offset((page.page - 1) * page.limit).execute(),
  ]);
  return { items: await withSubscriptions(db, rows), total: Number(total), page: page.page, limit: page.limit };
}

export async function getMember(db: Kysely<Schema>, id: number): Promise<Member> {
  const row = await db.selectFrom('members').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Member ${id}`);
  return (await withSubscriptions(db, [row]))[0];
}

export async function findMemberByEmail(db: Kysely<Schema>, email: string): Promise<Selectable<MembersTable> | undefined> {
  return db.selectFrom('members').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

/**
 * Moves one subscription towards `wanted`. Leaving always wins (an unsubscribe is never undone by
 * an import or a confirmation), a confirmed subscription never falls back to pending, and only
 * `rejoin` (the newsroom adding someone who asked again) subscribes a member who had left.
 * Returns whether anything changed.
 */
export async function setSubscription(
  db: Kysely<Schema>,
  memberId: number,
  newsletterId: number,
  wanted: SubscriptionStatus,
  options: { now?: string; rejoin?: boolean } = {},
): Promise<boolean> {
  const now = options.now ?? nowIso();
  const current = await db
    .selectFrom('member_subscriptions')
    .select('status')
    .where('member_id', '=', memberId)
    .where('newsletter_id', '=', newsletterId)
    .executeTakeFirst();
  const stamps = {
    confirmed_at: wanted === 'confirmed' ? now : null,
    unsubscribed_at: wanted === 'unsubscribed' ? now : null,
  };
  if (!current) {
    await db.insertInto('member_subscriptions').values({ member_id: memberId, newsletter_id: newsletterId, status: wanted, created_at: now, ...stamps }).execute();
    return true;
  }
  const from = current.status as SubscriptionStatus;
  const moves = from !== wanted && (wanted === 'unsubscribed' || (from === 'pending' && wanted === 'confirmed') || (from === 'unsubscribed' && options.rejoin));
  if (!moves) return false;
  await db
    .updateTable('member_subscriptions')
    .set({ status: wanted, ...(wanted === 'confirmed' ? { confirmed_at: now, unsubscribed_at: null } : {}), ...(wanted === 'unsubscribed' ? { unsubscribed_at: now } : {}), ...(wanted === 'pending' ? { unsubscribed_at: null } : {}) })
    .where('member_id', '=', memberId)
    .where('newsletter_id', '=', newsletterId)
    .execute();
  return true;
}

async function checkNewsletters(db: Kysely<Schema>, field: string, ids: number[]): Promise<void> {
  if (!ids.length) return;
  const found = new Set((await db.selectFrom('newsletters').select('id').where('id', 'in', ids).execute()).map((r) => r.id));
  const missing = ids.filter((id) => !found.has(id));
  if (missing.length) throw invalidField(field, `no newsletter ${missing.join(', ')}`);
}

async function checkLanguage(db: Kysely<Schema>, language: string, faults: FieldError[]): Promise<void> {
  const { languages } = await getSettings(db);
  if (!languages.includes(language)) faults.push({ field: 'language', message: `must be one of the site's languages: ${languages.join(', ')}` });
}

export interface NewMember {
  email: string;
  name?: string;
  /** The member's reading language; the first newsletter's, else the site's default. */
  language?: string;
  newsletters: number[];
  /** The person asked to receive these newsletters (as Mailchimp asks before adding a contact by hand). */
  consent: boolean;
}

/** A member added by the newsroom, confirmed for the newsletters they asked for. */
export async function createMember(db: Kysely<Schema>, input: NewMember): Promise<Member> {
  const email = normalizeEmail(input.email);
  const faults: FieldError[] = [];
  if (!isEmailAddress(email)) faults.push({ field: 'email', message: 'must be an e-mail address' });
  if (input.newsletters.length && !input.consent) faults.push({ field: 'consent', message: 'must be true: add people only to newsletters they asked for' });
  const first = input.newsletters.length
    ? await db.selectFrom('newsletters').select('language').where('id', '=', input.newsletters[0]).executeTakeFirst()
    : undefined;
  const language = input.language ?? first?.language ?? (await getSettings(db)).defaultLanguage;
  await checkLanguage(db, language, faults);
  if (faults.length) throw invalid(faults);
  await checkNewsletters(db, 'newsletters', input.newsletters);
  if (await findMemberByEmail(db, email)) throw invalidField('email', 'is already a member');
  const id = await db.transaction().execute(async (trx) => {
    const now = nowIso();
    const { id } = await trx
      .insertInto('members')
      .values({ email, name: input.name?.trim() ?? '', language, source: 'admin', suppressed_at: null, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const newsletter of new Set(input.newsletters)) await setSubscription(trx, id, newsletter, 'confirmed', { now, rejoin: true });
    return id;
  });
  return getMember(db, id);
}

export interface MemberChange {
  name?: string;
  language?: string;
  /** Newsletters to confirm the member for (they asked: `consent`), even ones they had left. */
  subscribe?: number[];
  unsubscribe?: number[];
  consent?: boolean;
  /** false lifts a suppression (the address works again); true suppresses it. */
  suppressed?: boolean;
}

export async function updateMember(db: Kysely<Schema>, id: number, change: MemberChange): Promise<Member> {
  await getMember(db, id);
  const faults: FieldError[] = [];
  if (change.language !== undefined) await checkLanguage(db, change.language, faults);
  if (change.subscribe?.length && !change.consent) faults.push({ field: 'consent', message: 'must be true: add people only to newsletters they asked for' });
  if (faults.length) throw invalid(faults);
  await checkNewsletters(db, 'subscribe', change.subscribe ?? []);
  await checkNewsletters(db, 'unsubscribe', change.unsubscribe ?? []);
  await db.transaction().execute(async (trx) => {
    const now = nowIso();
    await trx
      .updateTable('members')
      .set({
        ...(change.name !== undefined ? { name: change.name.trim() } : {}),
        ...(change.language !== undefined ? { language: change.language } : {}),
        ...(change.suppressed === false ? { suppressed_at: null, failure_streak: 0 } : {}),
        ...(change.suppressed === true ? { suppressed_at: now } : {}),
        updated_at: now,
      })
      .where('id', '=', id)
      .execute();
    for (const newsletter of change.subscribe ?? []) await setSubscription(trx, id, newsletter, 'confirmed', { now, rejoin: true });
    for (const newsletter of change.unsubscribe ?? []) await setSubscription(trx, id, newsletter, 'unsubscribed', { now });
  });
  return getMember(db, id);
}

/** Removes a member with their subscriptions, links, sessions and delivery records (the rows cascade). */
export async function removeMember(db: Kysely<Schema>, id: number): Promise<void> {
  const result = await db.deleteFrom('members').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Member ${id}`);
}
