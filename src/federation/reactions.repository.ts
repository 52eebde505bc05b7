/** Likes and boosts of the site's stories from the fediverse (table `federation_reactions`). */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';

export type ReactionKind = 'like' | 'boost';

/** Counts one account's like or boost of a story once, however often it arrives. */
export async function saveReaction(db: Kysely<Schema>, reaction: { articleId: number; kind: ReactionKind; actorUri: string; activityId: string }): Promise<void> {
  await db
    .insertInto('federation_reactions')
    .values({ article_id: reaction.articleId, kind: reaction.kind, actor_uri: reaction.actorUri, activity_id: reaction.activityId, created_at: nowIso() })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

/** Takes back the like or boost `activityId`, only if `actorUri` gave it. */
export async function removeReaction(db: Kysely<Schema>, activityId: string, actorUri: string): Promise<void> {
  await db.deleteFrom('federation_reactions').where('activity_id', '=', activityId).where('actor_uri', '=', actorUri).execute();
}

export async function reactionCounts(db: Kysely<Schema>, articleId: number): Promise<{ likes: number; boosts: number }> {
  const rows = await db
    .selectFrom('federation_reactions')
    .select(['kind', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', '=', articleId)
    .groupBy('kind')
    .execute();
  const count = (kind: ReactionKind) => Number(rows.find((r) => r.kind === kind)?.n ?? 0);
  return { likes: count('like'), boosts: count('boost') };
}
