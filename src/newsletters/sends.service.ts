/**
 * Queuing newsletter sends: a story to the newsletters an editor ticks, a digest per period
 * (digests.ts), "send me a test". A send's recipients are copied into the queue by one
 * INSERT … SELECT in the database, never read into memory; send.worker.ts sends them.
 */
import { EventEmitter } from 'node:events';
import type { Kysely } from 'kysely';
import { AppError, invalidField, notFound } from '../core/errors.js';
import type { Mailer } from '../core/mail.js';
import type { Schema } from '../db/schema.js';
import { transact, type Store } from '../db/hooks.js';
import { ownedBy } from '../content/articles.access.js';
import { assertCan, can, type Actor } from '../people/permissions.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { personalised, renderStorySend } from './send-content.js';

/** Told when a send is queued, so the worker of this process starts at once instead of at its next poll. */
export const sendsQueued = new EventEmitter();

export interface SendTarget {
  id: number;
  language: string;
  authors_may_send: number;
  archived: number;
}

/** Whether the actor may send a story to a newsletter: editors any story, authors their own where the newsletter allows it. */
export function maySendTo(actor: Actor, newsletter: Pick<SendTarget, 'authors_may_send'>, ownStory: boolean): boolean {
  if (can(actor, 'newsletters.send.any')) return true;
  return can(actor, 'newsletters.send.own') && ownStory && newsletter.authors_may_send === 1;
}

async function storyToSend(db: Kysely<Schema>, actor: Actor, articleId: number) {
  const article = await db
    .selectFrom('articles')
    .select(['id', 'title', 'language', 'status', 'kind', 'deleted_at', 'created_by'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!article || article.deleted_at) throw notFound('story');
  const authorIds = (await db.selectFrom('article_authors').select('user_id').where('article_id', '=', articleId).execute()).map((row) => row.user_id);
  return { ...article, own: ownedBy(actor, article.created_by, authorIds) };
}

async function targets(db: Kysely<Schema>, actor: Actor, story: { language: string; own: boolean }, newsletterIds: number[]) {
  const found = newsletterIds.length
    ? await db.selectFrom('newsletters').select(['id', 'name', 'language', 'authors_may_send', 'archived', 'sender_name', 'reply_to']).where('id', 'in', newsletterIds).execute()
    : [];
  for (const id of newsletterIds) {
    const newsletter = found.find((row) => row.id === id);
    if (!newsletter || newsletter.archived) throw invalidField('newsletterIds', `newsletter ${id} does not exist`);
    if (newsletter.language !== story.language) throw invalidField('newsletterIds', `newsletter ${id} is in ${newsletter.language}, the story in ${story.language}`);
    if (!maySendTo(actor, newsletter, story.own)) {
      throw new AppError('FORBIDDEN', can(actor, 'newsletters.send.own') && story.own ? `Newsletter ${id} does not let authors send to it.` : `The ${actor.role} role may not send this story to newsletters.`);
    }
  }
  return found;
}

/** Copies a newsletter's confirmed, unsuppressed members into a send's queue; returns how many. */
export async function queueRecipients(db: Kysely<Schema>, sendId: number, newsletterId: number, now: string): Promise<number> {
  const result = await db
    .insertInto('newsletter_deliveries')
    .columns(['send_id', 'member_id', 'status', 'next_attempt_at'])
    .expression((eb) =>
      eb
        .selectFrom('member_subscriptions as s')
        .innerJoin('members as m', 'm.id', 's.member_id')
        .select([eb.val(sendId).as('send_id'), 's.member_id', eb.val('pending').as('status'), eb.val(now).as('next_attempt_at')])
        .where('s.newsletter_id', '=', newsletterId)
        .where('s.status', '=', 'confirmed')
        .where('m.suppressed_at', 'is', null),
    )
    .executeTakeFirst();
  const recipients = Number(result.numInsertedOrUpdatedRows ?? 0);
  await db
    .updateTable('newsletter_sends')
    .set(recipients > 0 ? { recipients } : { recipients, status: 'sent', finished_at: now })
    .where('id', '=', sendId)
    .execute();
  return recipients;
}

/** Creates a send unless one exists for the same story (or digest period); null when it does. */
export async function createSend(
  db: Kysely<Schema>,
  values: { newsletterId: number; kind: 'story' | 'digest'; articleId?: number; period?: { start: string; end: string }; subject: string; createdBy: string },
  now: string,
): Promise<{ id: number; recipients: number } | null> {
  const inserted = await db
    .insertInto('newsletter_sends')
    .values({
      newsletter_id: values.newsletterId,
      kind: values.kind,
      article_id: values.articleId ?? null,
      period_start: values.period?.start ?? null,
      period_end: values.period?.end ?? null,
      subject: values.subject,
      status: 'queued',
      created_by: values.createdBy,
      created_at: now,
    })
    // The unique indexes: a story goes to a newsletter once, a digest once per period, whichever process asks.
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  if (!inserted) return null;
  return { id: inserted.id, recipients: await queueRecipients(db, inserted.id, values.newsletterId, now) };
}

export interface QueuedSend {
  newsletterId: number;
  /**
   * 'queued': its recipients wait in the queue; 'scheduled': the story is scheduled, and goes to
   * the newsletter when it is published (planned-sends.ts); 'already-sent': the story went to
   * this newsletter before.
   */
  status: 'queued' | 'scheduled' | 'already-sent';
  sendId: number | null;
  recipients: number;
}

/**
 * Queues a published story for the newsletters chosen, or, for a scheduled story, plans the
 * sends for when it is published; each newsletter gets it once, ever.
 */
export async function queueStorySend(store: Store, actor: Actor, articleId: number, newsletterIds: number[], now = new Date()): Promise<QueuedSend[]> {
  assertCan(actor, 'newsletters.send.own');
  const ids = [...new Set(newsletterIds)];
  const result = await transact(store, async (tx) => {
    const story = await storyToSend(tx.db, actor, articleId);
    if (story.status !== 'published' && story.status !== 'scheduled') throw new AppError('CONFLICT', 'Only a published or scheduled story can be sent to newsletters.');
    await targets(tx.db, actor, story, ids);
    const queued: QueuedSend[] = [];
    for (const newsletterId of ids) {
      if (story.status === 'scheduled') {
        queued.push(await planSend(tx.db, actor, articleId, newsletterId, now.toISOString()));
        continue;
      }
      const send = await createSend(tx.db, { newsletterId, kind: 'story', articleId, subject: story.title, createdBy: actor.principal }, now.toISOString());
      queued.push(send ? { newsletterId, status: 'queued', sendId: send.id, recipients: send.recipients } : { newsletterId, status: 'already-sent', sendId: null, recipients: 0 });
    }
    return queued;
  });
  if (result.some((send) => send.status === 'queued')) sendsQueued.emit('queued');
  return result;
}

async function planSend(db: Kysely<Schema>, actor: Actor, articleId: number, newsletterId: number, now: string): Promise<QueuedSend> {
  // Published before and scheduled again: the newsletter had it then.
  const sent = await db.selectFrom('newsletter_sends').select('id').where('newsletter_id', '=', newsletterId).where('kind', '=', 'story').where('article_id', '=', articleId).executeTakeFirst();
  if (sent) return { newsletterId, status: 'already-sent', sendId: null, recipients: 0 };
  await db
    .insertInto('newsletter_plans')
    .values({ article_id: articleId, newsletter_id: newsletterId, created_by: actor.principal, created_at: now })
    .onConflict((oc) => oc.doNothing())
    .execute();
  return { newsletterId, status: 'scheduled', sendId: null, recipients: 0 };
}

/** The story as a newsletter's members would get it (for the editor's preview and test), its unsubscribe link leading nowhere real. */
export async function storyMailFor(db: Kysely<Schema>, settings: SiteSettings, actor: Actor, articleId: number, newsletterId: number) {
  assertCan(actor, 'newsletters.send.own');
  const story = await storyToSend(db, actor, articleId);
  const [newsletter] = await targets(db, actor, story, [newsletterId]);
  const rendered = await renderStorySend(db, settings, newsletter, articleId);
  // The site's unsubscribe page says such a link is not valid: no member is behind it.
  return { newsletter, mail: personalised(rendered, `${settings.baseUrl.replace(/\/+$/, '')}/unsubscribe/test`) };
}

/** "Send me a test": the story as the newsletter's members would get it, to the signed-in person only. */
export async function sendTest(
  db: Kysely<Schema>,
  mailer: Mailer,
  settings: SiteSettings,
  actor: Actor,
  articleId: number,
  newsletterId: number,
): Promise<{ to: string; delivery: 'sent' | 'logged' }> {
  if (actor.userId === null) throw new AppError('BAD_REQUEST', 'A test goes to the signed-in person: an API token without a person has no address.');
  const { newsletter, mail } = await storyMailFor(db, settings, actor, articleId, newsletterId);
  const user = await db.selectFrom('users').select('email').where('id', '=', actor.userId).executeTakeFirstOrThrow();
  const delivery = await mailer.send({
    to: user.email,
    subject: `[Test] ${mail.subject}`,
    text: mail.text,
    html: mail.html,
    fromName: newsletter.sender_name || settings.name,
    replyTo: newsletter.reply_to || undefined,
  });
  return { to: user.email, delivery };
}

export interface SendSummary {
  id: number;
  newsletterId: number;
  kind: string;
  articleId: number | null;
  periodStart: string | null;
  periodEnd: string | null;
  subject: string;
  /** 'queued', 'paused' (the SMTP server cannot be reached; it goes on by itself) or 'sent'. */
  status: string;
  recipients: number;
  delivered: number;
  failed: number;
  /** Still to send (waiting, or being sent). */
  pending: number;
  /** Handed to SMTP by a process that stopped before the answer: not sent again (see send.worker.ts). */
  unknown: number;
  /** Recipients who left because they unsubscribed or were removed before their turn. */
  skipped: number;
  /** Recipients who unsubscribed from the newsletter since the send was queued. */
  unsubscribedSince: number;
  createdAt: string;
  finishedAt: string | null;
}

export async function listSends(db: Kysely<Schema>, filter: { newsletterId?: number }, page: number, limit: number): Promise<{ items: SendSummary[]; total: number }> {
  let query = db.selectFrom('newsletter_sends');
  if (filter.newsletterId !== undefined) query = query.where('newsletter_id', '=', filter.newsletterId);
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll('newsletter_sends')
    .select((eb) => {
      // Counted live: the send's own counters are brought up to date only once per batch.
      const count = (statuses: string[]) =>
        eb.selectFrom('newsletter_deliveries as d').select(eb.fn.countAll<number>().as('n')).whereRef('d.send_id', '=', 'newsletter_sends.id').where('d.status', 'in', statuses);
      return [
        count(['delivered']).as('delivered_now'),
        count(['failed']).as('failed_now'),
        count(['pending', 'sending', 'handed']).as('pending'),
        count(['unknown']).as('unknown'),
        count(['skipped']).as('skipped'),
        eb
          .selectFrom('newsletter_deliveries as d')
          .innerJoin('member_subscriptions as s', (join) => join.onRef('s.member_id', '=', 'd.member_id').onRef('s.newsletter_id', '=', 'newsletter_sends.newsletter_id'))
          .select(eb.fn.countAll<number>().as('n'))
          .whereRef('d.send_id', '=', 'newsletter_sends.id')
          .where('s.status', '=', 'unsubscribed')
          .whereRef('s.unsubscribed_at', '>=', 'newsletter_sends.created_at')
          .as('unsubscribed'),
      ];
      })
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .offset((page - 1) * limit)
    .execute();
  return {
    total: Number(total),
    items: rows.map((row) => ({
      id: row.id,
      newsletterId: row.newsletter_id,
      kind: row.kind,
      articleId: row.article_id,
      periodStart: row.period_start,
      periodEnd: row.period_end,
      subject: row.subject,
      status: row.status,
      recipients: Number(row.recipients),
      delivered: Number(row.delivered_now ?? 0),
      failed: Number(row.failed_now ?? 0),
      pending: Number(row.pending ?? 0),
      unknown: Number(row.unknown ?? 0),
      skipped: Number(row.skipped ?? 0),
      unsubscribedSince: Number(row.unsubscribed ?? 0),
      createdAt: row.created_at,
      finishedAt: row.finished_at,
    })),
  };
}
