/**
 * What Herald sends (tables `federation_activities` and `federation_deliveries`). An activity is
 * written in the same transaction as the change it announces, so a rolled-back change sends
 * nothing and a committed one is never forgotten; the delivery worker (delivery.ts) later fans
 * it out into one delivery per inbox. Publishing never waits for a follower's server.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';

export type OutgoingType = 'Create' | 'Update' | 'Delete' | 'Accept' | 'Reject' | 'Follow' | 'Undo';

export interface OutgoingActivity {
  activityId: string;
  /** The local actor: a site language. */
  actor: string;
  type: OutgoingType;
  articleId?: number | null;
  /** Only this inbox (an Accept or a Reject to the follower); otherwise every follower of the actor. */
  recipientInbox?: string | null;
  /** Only this actor, its inbox looked up when fanned out (a reply to a fediverse reply). */
  recipientActor?: string | null;
  /** The site comment it sends (replies.outbox.ts). */
  commentId?: number | null;
  /** The JSON-LD when known now; a story's is written when fanned out. */
  payload?: string | null;
}

/** Queues an activity; the same activity id twice is one activity (an inbox handled twice). */
export async function queueActivity(db: Kysely<Schema>, activity: OutgoingActivity): Promise<void> {
  await db
    .insertInto('federation_activities')
    .values({
      activity_id: activity.activityId,
      actor: activity.actor,
      type: activity.type,
      article_id: activity.articleId ?? null,
      recipient_inbox: activity.recipientInbox ?? null,
      recipient_actor: activity.recipientActor ?? null,
      comment_id: activity.commentId ?? null,
      payload: activity.payload ?? null,
      status: 'pending',
      locked_until: null,
      created_at: nowIso(),
      fanned_out_at: null,
    })
    .onConflict((oc) => oc.column('activity_id').doNothing())
    .execute();
}

/** The last story activity queued for an article: whether the fediverse has it now (Create/Update) or not. */
export async function lastStoryActivity(db: Kysely<Schema>, articleId: number): Promise<{ id: number; type: string; status: string } | undefined> {
  return db
    .selectFrom('federation_activities')
    .select(['id', 'type', 'status'])
    .where('article_id', '=', articleId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

/** The last activity queued about a site comment: whether the fediverse has it (Create/Update) or not. */
export async function lastCommentActivity(db: Kysely<Schema>, commentId: number) {
  return db
    .selectFrom('federation_activities')
    .select(['id', 'type', 'status', 'actor', 'recipient_actor'])
    .where('comment_id', '=', commentId)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function dropActivity(db: Kysely<Schema>, id: number): Promise<void> {
  await db.deleteFrom('federation_activities').where('id', '=', id).execute();
}
