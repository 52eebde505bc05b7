/**
 * What surrounds a story on its page: the previous and next story in the same section and
 * language, and related stories (shared tags first, then the same section). Public audience only.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { loadArticles } from './articles.repository.js';
import type { Article } from './articles.types.js';

export interface Neighbours {
  previous: Article | null;
  next: Article | null;
}

function publishedIn(db: Kysely<Schema>, article: Article) {
  let query = db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .where('language', '=', article.language)
    .where('id', '!=', article.id);
  // A story without a section walks through the whole language instead.
  if (article.section) query = query.where('section_id', '=', article.section.id);
  return query;
}

/** The story published just before and just after this one, ties broken by id. */
export async function storyNeighbours(db: Kysely<Schema>, article: Article, baseUrl: string): Promise<Neighbours> {
  const at = article.publishedAt;
  if (!at) return { previous: null, next: null };
  const [older, newer] = await Promise.all([
    publishedIn(db, article)
      .where((eb) => eb.or([eb('published_at', '<', at), eb.and([eb('published_at', '=', at), eb('id', '<', article.id)])]))
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst(),
    publishedIn(db, article)
      .where((eb) => eb.or([eb('published_at', '>', at), eb.and([eb('published_at', '=', at), eb('id', '>', article.id)])]))
      .orderBy('published_at', 'asc')
      .orderBy('id', 'asc')
      .limit(1)
      .executeTakeFirst(),
  ]);
  const ids = [older?.id, newer?.id].filter((id): id is number => id !== undefined);
  const loaded = await loadArticles(db, ids, baseUrl, 'public');
  return {
    previous: loaded.find((a) => a.id === older?.id) ?? null,
    next: loaded.find((a) => a.id === newer?.id) ?? null,
  };
}

const RELATED_CANDIDATES_PER_TAG = 100;

/**
 * Up to `limit` other stories in the same language: those sharing the most tags first
 * (newest first among equals), then the newest of the same section to fill the list.
 */
export async function relatedArticles(db: Kysely<Schema>, article: Article, baseUrl: string, limit = 3): Promise<Article[]> {
  const ids: number[] = [];
  const tagIds = article.tags.map((t) => t.id);
  // Candidates are the latest stories of each tag (highest ids, one index range per tag), so
  // the work stays the same whatever the size of the archive or of a popular tag.
  const candidates = tagIds.length
    ? await Promise.all(
        tagIds.map((tagId) =>
          db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).orderBy('article_id', 'desc').limit(RELATED_CANDIDATES_PER_TAG).execute(),
        ),
      )
    : [];
  const candidateIds = [...new Set(candidates.flat().map((r) => r.article_id))].filter((id) => id !== article.id);
  if (candidateIds.length > 0) {
    const rows = await db
      .selectFrom('article_tags')
      .innerJoin('articles', 'articles.id', 'article_tags.article_id')
      .select(['articles.id'])
      .select((eb) => [eb.fn.countAll<number>().as('shared'), eb.fn.max('articles.published_at').as('latest')])
      .where('article_tags.tag_id', 'in', tagIds)
      .where('article_tags.article_id', 'in', candidateIds)
      .where('articles.language', '=', article.language)
      .where('articles.status', '=', 'published')
      .where('articles.deleted_at', 'is', null)
      .groupBy('articles.id')
      .orderBy('shared', 'desc')
      .orderBy('latest', 'desc')
      .orderBy('articles.id', 'desc')
      .limit(limit)
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  if (ids.length < limit && article.section) {
    const rows = await publishedIn(db, article)
      .$if(ids.length > 0, (q) => q.where('id', 'not in', ids))
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit - ids.length)
      .execute();
    ids.push(...rows.map((r) => r.id));
  }
  return loadArticles(db, ids, baseUrl, 'public');
}
