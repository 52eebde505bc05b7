import type { Kysely } from 'kysely';
import { commentCounts } from '../comments/comments.service.js';
import type { Schema } from '../db/schema.js';
import { cacheKey } from '../http/cache-keys.js';

/**
 * What listings show next to each story besides the story itself: its number of approved
 * comments. The cache keys go with it, so approving a comment drops every listing counting it.
 */
export async function storyCardExtras(db: Kysely<Schema>, articles: ReadonlyArray<{ id: number }>) {
  const ids = [...new Set(articles.map((a) => a.id))];
  return { commentCounts: await commentCounts(db, ids), keys: ids.map(cacheKey.comments) };
}
