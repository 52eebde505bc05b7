import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { loadArticles } from './articles.repository.js';
import type { Article, ArticleStatus, Audience } from './articles.types.js';

export interface ArticleFilter {
  language?: string;
  status?: ArticleStatus;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  /** Only what is in the trash (admin); otherwise the trash is left out. */
  trashed?: boolean;
  publishedAfter?: string;
  publishedBefore?: string;
  page: number;
  limit: number;
  /**
   * Keyset pagination for deep archive pages (public order): the stories after this one.
   * However deep, the page is one index range, where `page` N skips (N-1)×limit rows first.
   */
  after?: ArticleCursor;
}

/** Where a public listing page ended: its last story's `publishedAt` and `id`. */
export interface ArticleCursor {
  publishedAt: string;
  id: number;
}

export interface Page<T> {
  items: T[];
  pagination: { page: number; limit: number; total: number; pages: number };
}

/**
 * Stories newest first, filtered. The public audience sees published, untrashed stories only;
 * that rule lives here once rather than in every caller.
 */
export async function listArticles(
  db: Kysely<Schema>,
  filter: ArticleFilter,
  baseUrl: string,
  audience: Audience,
): Promise<Page<Article>> {
  let query = db.selectFrom('articles');
  if (audience === 'public') query = query.where('status', '=', 'published').where('deleted_at', 'is', null);
  else {
    query = query.where('deleted_at', filter.trashed ? 'is not' : 'is', null);
    if (filter.status) query = query.where('status', '=', filter.status);
  }
  if (filter.language) query = query.where('language', '=', filter.language);
  if (filter.sectionId !== undefined) query = query.where('section_id', '=', filter.sectionId);
  if (filter.tagId !== undefined) {
    const tagId = filter.tagId;
    query = query.where('id', 'in', (eb) => eb.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId));
  }
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    query = query.where('id', 'in', (eb) =>
      eb.selectFrom('article_authors').select('article_id').where('user_id', '=', authorId),
    );
  }
  if (filter.publishedAfter) query = query.where('published_at', '>=', filter.publishedAfter);
  if (filter.publishedBefore) query = query.where('published_at', '<', filter.publishedBefore);
  const after = audience === 'public' ? filter.after : undefined;
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query
      .select('id')
      // `published_at <=` lets both engines seek into the listing index instead of scanning to the cursor.
      .$if(after !== undefined, (q) =>
        q
          .where('published_at', '<=', after!.publishedAt)
          .where((eb) => eb.or([eb('published_at', '<', after!.publishedAt), eb('id', '<', after!.id)])),
      )
      .orderBy(audience === 'public' ? 'published_at' : 'updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(after ? 0 : (filter.page - 1) * filter.limit)
      .execute(),
  ]);
  const items = await loadArticles(db, rows.map((r) => r.id), baseUrl, audience);
  const count = Number(total);
  return { items, pagination: { page: filter.page, limit: filter.limit, total: count, pages: Math.ceil(count / filter.limit) } };
}
