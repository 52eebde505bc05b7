/**
 * Newsletters as objects the newsroom manages: a name, a language among the site's, who it comes
 * from, whether readers see it on the subscribe forms, and how stories go out (each on its own, or
 * a daily or weekly digest at an hour on the site's clock). Editors and administrators manage them
 * (`newsletters.manage`); everyone in the newsroom may list them, with whether they may send to each.
 */
import type { Kysely, Selectable } from 'kysely';
import { cacheKey } from '../core/cache-keys.js';
import { AppError, invalid, notFound, type FieldError } from '../core/errors.js';
import { announce, transact, type Store } from '../db/hooks.js';
import type { NewslettersTable, Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { isEmailAddress } from '../members/email-address.js';
import { assertCan, can, type Actor } from '../people/permissions.js';
import { getSettings } from '../settings/settings.service.js';

export const VISIBILITIES = ['public', 'hidden'] as const;
export const CADENCES = ['each', 'daily', 'weekly'] as const;
export type Visibility = (typeof VISIBILITIES)[number];
export type Cadence = (typeof CADENCES)[number];

const SEND_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

export interface Newsletter {
  id: number;
  name: string;
  language: string;
  description: string;
  senderName: string;
  replyTo: string;
  visibility: Visibility;
  cadence: Cadence;
  /** HH:MM on the site's clock, for a digest. */
  sendTime: string;
  /** 0 Sunday … 6 Saturday, for a weekly digest. */
  sendWeekday: number;
  authorsMaySend: boolean;
  archived: boolean;
  createdAt: string;
  updatedAt: string;
  /** Members who receive it: confirmed and not suppressed; pending: signed up, not yet confirmed. */
  members: { confirmed: number; pending: number };
  /**
   * Whether the asking person may send their own story to it: any role with
   * `newsletters.send.any`, an author where the newsletter lets authors send.
   */
  maySend: boolean;
}

export interface NewsletterInput {
  name?: string;
  language?: string;
  description?: string;
  senderName?: string;
  replyTo?: string;
  visibility?: Visibility;
  cadence?: Cadence;
  sendTime?: string;
  sendWeekday?: number;
  authorsMaySend?: boolean;
  archived?: boolean;
}

/** Whether `actor` may send a story of their own to a newsletter (sends.service.ts checks the story's owner). */
export function maySendTo(actor: Actor, newsletter: { authors_may_send: number; archived: number }): boolean {
  if (newsletter.archived) return false;
  return can(actor, 'newsletters.send.any') || (can(actor, 'newsletters.send.own') && newsletter.authors_may_send === 1);
}

type Counts = Map<number, { confirmed: number; pending: number }>;

async function memberCounts(db: Kysely<Schema>, ids: number[]): Promise<Counts> {
  const counts: Counts = new Map(ids.map((id) => [id, { confirmed: 0, pending: 0 }]));
  if (ids.length === 0) return counts;
  const rows = await db
    .selectFrom('member_subscriptions as s')
    .innerJoin('members as m', 'm.id', 's.member_id')
    .select(['s.newsletter_id', 's.status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('s.newsletter_id', 'in', ids)
    .where('s.status', 'in', ['confirmed', 'pending'])
    .where('m.suppressed_at', 'is', null)
    .groupBy(['s.newsletter_id', 's.status'])
    .execute();
  for (const row of rows) {
    const entry = counts.get(row.newsletter_id)!;
    entry[row.status as 'confirmed' | 'pending'] = Number(row.n);
  }
  return counts;
}

function toNewsletter(row: Selectable<NewslettersTable>, counts: Counts, actor: Actor): Newsletter {
  return {
    id: row.id,
    name: row.name,
    language: row.language,
    description: row.description,
    senderName: row.sender_name,
    replyTo: row.reply_to,
    visibility: row.visibility as Visibility,
    cadence: row.cadence as Cadence,
    sendTime: row.send_time,
    sendWeekday: row.send_weekday,
    authorsMaySend: row.authors_may_send === 1,
    archived: row.archived === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    members: counts.get(row.id) ?? { confirmed: 0, pending: 0 },
    maySend: maySendTo(actor, row),
  };
}

export interface NewsletterFilter {
  language?: string;
  /** Archived newsletters are left out unless asked for. */
  archived?: boolean;
}

export async function listNewsletters(db: Kysely<Schema>, actor: Actor, filter: NewsletterFilter = {}): Promise<Newsletter[]> {
  let query = db.selectFrom('newsletters').selectAll().orderBy('language').orderBy('name').orderBy('id');
  if (filter.language) query = query.where('language', '=', filter.language);
  if (filter.archived !== undefined) query = query.where('archived', '=', filter.archived ? 1 : 0);
  const rows = await query.execute();
  const counts = await memberCounts(db, rows.map((r) => r.id));
  return rows.map((row) => toNewsletter(row, counts, actor));
}

export async function findNewsletterRow(db: Kysely<Schema>, id: number): Promise<Selectable<NewslettersTable>> {
  const row = await db.selectFrom('newsletters').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Newsletter ${id}`);
  return row;
}

export async function getNewsletter(db: Kysely<Schema>, actor: Actor, id: number): Promise<Newsletter> {
  const row = await findNewsletterRow(db, id);
  return toNewsletter(row, await memberCounts(db, [id]), actor);
}

async function check(db: Kysely<Schema>, input: NewsletterInput): Promise<void> {
  const faults: FieldError[] = [];
  if (input.name !== undefined && !input.name.trim()) faults.push({ field: 'name', message: 'must not be empty' });
  if (input.language !== undefined) {
    const { languages } = await getSettings(db);
    if (!languages.includes(input.language)) faults.push({ field: 'language', message: `must be one of the site's languages: ${languages.join(', ')}` });
  }
  if (input.replyTo && !isEmailAddress(input.replyTo.trim())) faults.push({ field: 'replyTo', message: 'must be an e-mail address, or empty' });
  if (input.sendTime !== undefined && !SEND_TIME.test(input.sendTime)) faults.push({ field: 'sendTime', message: 'must be a time on the site’s clock as HH:MM' });
  if (faults.length) throw invalid(faults);
}

function columns(input: NewsletterInput) {
  return {
    ...(input.name !== undefined ? { name: input.name.trim() } : {}),
    ...(input.language !== undefined ? { language: input.language } : {}),
    ...(input.description !== undefined ? { description: input.description.trim() } : {}),
    ...(input.senderName !== undefined ? { sender_name: input.senderName.trim() } : {}),
    ...(input.replyTo !== undefined ? { reply_to: input.replyTo.trim() } : {}),
    ...(input.visibility !== undefined ? { visibility: input.visibility } : {}),
    ...(input.cadence !== undefined ? { cadence: input.cadence } : {}),
    ...(input.sendTime !== undefined ? { send_time: input.sendTime } : {}),
    ...(input.sendWeekday !== undefined ? { send_weekday: input.sendWeekday } : {}),
    ...(input.authorsMaySend !== undefined ? { authors_may_send: input.authorsMaySend ? 1 : 0 } : {}),
    ...(input.archived !== undefined ? { archived: input.archived ? 1 : 0 } : {}),
  };
}

export async function createNewsletter(store: Store, actor: Actor, input: NewsletterInput & { name: string; language: string }): Promise<Newsletter> {
  assertCan(actor, 'newsletters.manage');
  await check(store.db, input);
  const id = await transact(store, async (tx) => {
    const now = nowIso();
    const { id } = await tx.db
      .insertInto('newsletters')
      .values({ ...columns(input), name: input.name.trim(), language: input.language, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    // The subscribe forms of its language offer it (or not): the cached pages with them go.
    await announce(tx, { entity: 'newsletter', id, action: 'created', language: input.language });
    return id;
  });
  return getNewsletter(store.db, actor, id);
}

export async function updateNewsletter(store: Store, actor: Actor, id: number, input: NewsletterInput): Promise<Newsletter> {
  assertCan(actor, 'newsletters.manage');
  const before = await findNewsletterRow(store.db, id);
  await check(store.db, input);
  await transact(store, async (tx) => {
    await tx.db.updateTable('newsletters').set({ ...columns(input), updated_at: nowIso() }).where('id', '=', id).execute();
    const language = input.language ?? before.language;
    await announce(tx, { entity: 'newsletter', id, action: 'updated', language, keys: language === before.language ? [] : [cacheKey.newsletters(before.language)] });
  });
  return getNewsletter(store.db, actor, id);
}

/**
 * Removes a newsletter that has never been sent, with its subscriptions. One that has been sent
 * is archived instead (its sends are the record of what readers received), as Ghost does.
 */
export async function deleteNewsletter(store: Store, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'newsletters.manage');
  const row = await findNewsletterRow(store.db, id);
  const sent = await store.db.selectFrom('newsletter_sends').select('id').where('newsletter_id', '=', id).executeTakeFirst();
  if (sent) throw new AppError('CONFLICT', `Newsletter ${id} has been sent; archive it instead (PATCH {"archived": true}).`);
  await transact(store, async (tx) => {
    await tx.db.deleteFrom('newsletters').where('id', '=', id).execute();
    await announce(tx, { entity: 'newsletter', id, action: 'deleted', language: row.language });
  });
}
