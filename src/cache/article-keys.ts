import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { isExpired, isPubliclyVisible } from '../content/articles.repository.js';
import { cacheKey } from '../core/cache-keys.js';

/**
 * Every cache key whose pages may show this article as it is stored right now: itself, its
 * story, the listings of its language, its section, tags and authors; none while it is not
 * public (a draft, a scheduled or trashed story shows on no public page). Writers call it
 * inside their transaction, before and after a change, so that a story moved from one tag to
 * another drops both tag pages, and editing a draft drops nothing.
 */
export async function articleCacheKeys(db: Kysely<Schema>, articleId: number): Promise<string[]> {
  const row = await db
    .selectFrom('articles')
    .select(['id', 'story_id', 'language', 'section_id', 'status', 'deleted_at'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!row) return [];
  // An expired story is on no listing, but its address still shows its note or, unlisted, itself.
  if (isExpired(row)) return [cacheKey.article(row.id), cacheKey.story(row.story_id)];
  if (!isPubliclyVisible(row)) return [];
  const tags = await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute();
  const authors = await db.selectFrom('article_authors').select('user_id').where('article_id', '=', articleId).execute();
  return [
    cacheKey.article(row.id),
    cacheKey.story(row.story_id),
    cacheKey.list(row.language),
    ...(row.section_id === null ? [] : [cacheKey.section(row.section_id)]),
    ...tags.map((t) => cacheKey.tag(t.tag_id)),
    ...authors.map((a) => cacheKey.author(a.user_id)),
  ];
}
