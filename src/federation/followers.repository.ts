/**
 * Who follows each language edition (table `federation_followers`). A follower is 'accepted',
 * or 'pending' while their Follow waits for the newsroom's approval: only accepted ones are
 * counted, listed publicly and sent the stories.
 */
import type { Kysely } from 'kysely';
import type { FollowerStatus, Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';

export interface FollowerInput {
  actor: string;
  followerUri: string;
  handle: string;
  inbox: string;
  sharedInbox: string | null;
  followId: string;
  status: FollowerStatus;
}

/** Adds a follower, or refreshes one that followed again (a new Follow id, a moved inbox). */
export async function saveFollower(db: Kysely<Schema>, input: FollowerInput): Promise<void> {
  const values = { handle: input.handle, inbox: input.inbox, shared_inbox: input.sharedInbox, follow_id: input.followId, status: input.status };
  await db
    .insertInto('federation_followers')
    .values({ actor: input.actor, follower_uri: input.followerUri, ...values, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['actor', 'follower_uri']).doUpdateSet(values))
    .execute();
}

export async function removeFollower(db: Kysely<Schema>, actor: string, followerUri: string): Promise<boolean> {
  const result = await db.deleteFrom('federation_followers').where('actor', '=', actor).where('follower_uri', '=', followerUri).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every follower reached through `inbox` (their own or their server's shared one): the server said 410 Gone. */
export async function removeFollowersAt(db: Kysely<Schema>, inbox: string): Promise<number> {
  const result = await db
    .deleteFrom('federation_followers')
    .where((eb) => eb.or([eb('inbox', '=', inbox), eb('shared_inbox', '=', inbox)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Whether `followerUri` follows `actor` already, or waits for approval: undefined when neither. */
export async function followerStatus(db: Kysely<Schema>, actor: string, followerUri: string): Promise<FollowerStatus | undefined> {
  const row = await db.selectFrom('federation_followers').select('status').where('actor', '=', actor).where('follower_uri', '=', followerUri).executeTakeFirst();
  return row?.status;
}

export async function countFollowers(db: Kysely<Schema>, actor: string, status: FollowerStatus = 'accepted'): Promise<number> {
  const row = await db
    .selectFrom('federation_followers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('actor', '=', actor)
    .where('status', '=', status)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One page of followers (or of follow requests), oldest first, after the follower row `afterId`. */
export async function followersPage(db: Kysely<Schema>, actor: string, afterId: number, limit: number, status: FollowerStatus = 'accepted') {
  return db
    .selectFrom('federation_followers')
    .select(['id', 'follower_uri', 'handle', 'inbox', 'shared_inbox', 'created_at'])
    .where('actor', '=', actor)
    .where('status', '=', status)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(limit)
    .execute();
}

/** The inboxes one activity of `actor` goes to: a server's shared inbox once for all its followers. */
export async function followerInboxes(db: Kysely<Schema>, actor: string): Promise<string[]> {
  const rows = await db.selectFrom('federation_followers').select(['inbox', 'shared_inbox']).where('actor', '=', actor).where('status', '=', 'accepted').execute();
  return [...new Set(rows.map((r) => r.shared_inbox ?? r.inbox))];
}
