/**
 * A scheduled story goes to the newsletters planned for it (sends.service.ts `queueStorySend`)
 * in the very transaction that publishes it, whichever process or path publishes it: the
 * scheduler at its time, or an editor publishing it early. The sends are created like any
 * other (a story goes to a newsletter once, ever, by the sends' unique index) and the plan is
 * forgotten, so unpublishing and publishing again sends nothing more. A story taken back to a
 * draft, or to the bin, drops its plans: they were made for that publication.
 */
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { createSend, sendsQueued } from './sends.service.js';

const installed = new WeakSet<Store>();

/** Sends the plans of a story that is now published; returns how many sends were queued. */
export async function sendPlanned(db: Kysely<Schema>, articleId: number, now: string): Promise<number> {
  const plans = await db.selectFrom('newsletter_plans').select(['newsletter_id', 'created_by']).where('article_id', '=', articleId).execute();
  if (plans.length === 0) return 0;
  const story = await db.selectFrom('articles').select(['status', 'title', 'deleted_at']).where('id', '=', articleId).executeTakeFirstOrThrow();
  const out = story.status === 'published' && !story.deleted_at;
  if (story.status === 'scheduled' && !story.deleted_at) return 0;
  await db.deleteFrom('newsletter_plans').where('article_id', '=', articleId).execute();
  if (!out) return 0;
  let queued = 0;
  for (const plan of plans) {
    const send = await createSend(db, { newsletterId: plan.newsletter_id, kind: 'story', articleId, subject: story.title, createdBy: plan.created_by }, now);
    if (send) queued++;
  }
  return queued;
}

export function installPlannedSends(store: Store): void {
  if (installed.has(store)) return;
  installed.add(store);
  // Stories whose plans were queued in a transaction: the delivery process hears of it once it commits.
  const queuedFor = new Set<number>();
  store.hooks.duringTransaction(async (trx, event) => {
    if (event.entity !== 'article') return;
    if ((await sendPlanned(trx, event.id, new Date().toISOString())) > 0) queuedFor.add(event.id);
  });
  store.hooks.afterCommit((event) => {
    if (event.entity === 'article' && queuedFor.delete(event.id)) sendsQueued.emit('queued');
  });
}
