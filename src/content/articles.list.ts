import { sql, type Kysely } from 'kysely';
import { rowCount } from '../db/columns.js';
import { containsText } from '../db/like.js';
import { prepared } from '../db/prepared.js';
import type { Schema } from '../db/schema.js';
import { loadArticleCards, loadArticles } from './articles.repository.js';
import type { Article, ArticleCard, ArticleKind, ArticleStatus, Audience } from './articles.types.js';

export interface ArticleFilter {
  language?: string;
  status?: ArticleStatus;
  /** Stories or pages; the public sees stories unless it asks for pages, the admin both. */
  kind?: ArticleKind;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
  /** Drafts waiting for an editor, or sent back to their writer (admin). */
  review?: 'submitted' | 'returned';
  /** Only what is in the trash (admin); otherwise the trash is left out. */
  trashed?: boolean;
  /** Headlines containing this text, whatever the case (admin). */
  titleContains?: string;
  /** Only versions of these stories (admin): see `storiesNeeding`. */
  storyIds?: number[];
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
 * The stories a filter selects. The public audience sees published, untrashed stories only
 * (pages only when it asks for them): that rule lives here once rather than in every caller.
 */
function selected(db: Kysely<Schema>, filter: ArticleFilter, audience: Audience) {
  let query = db.selectFrom('articles');
  if (audience === 'public') query = query.where('status', '=', 'published').where('deleted_at', 'is', null).where('kind', '=', filter.kind ?? 'story');
  else {
    query = query.where('deleted_at', filter.trashed ? 'is not' : 'is', null);
    if (filter.status) query = query.where('status', '=', filter.status);
    if (filter.kind) query = query.where('kind', '=', filter.kind);
    if (filter.review) {
      query = query.where('review_submitted_at', 'is not', null).where('review_returned_at', filter.review === 'returned' ? 'is not' : 'is', null);
    }
    if (filter.titleContains) query = query.where(containsText('title', filter.titleContains));
    if (filter.storyIds?.length) query = query.where('story_id', 'in', filter.storyIds);
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
  return query;
}

/** What a public listing without a tag or author filters on; null where it does not. */
interface PublicSlice {
  kind: ArticleKind;
  language: string | null;
  sectionId: number | null;
  publishedAfter: string | null;
  publishedBefore: string | null;
  afterAt: string | null;
  afterId: number | null;
  offset: number;
}

/** The site's listings and feeds read this on every page: compiled once per set of filters. */
const publicPageQuery = prepared((db, of: PublicSlice, { limit }: { limit: number }) => {
  const filter = {
    kind: of.kind,
    language: of.language ?? undefined,
    sectionId: of.sectionId ?? undefined,
    publishedAfter: of.publishedAfter ?? undefined,
    publishedBefore: of.publishedBefore ?? undefined,
    page: 1,
    limit,
  };
  return (
    selected(db, filter, 'public')
      .select('id')
      // `published_at <=` lets both engines seek into the listing index instead of scanning to the cursor.
      .$if(of.afterAt !== null, (q) =>
        q
          .where('published_at', '<=', of.afterAt!)
          .where((eb) => eb.or([eb('published_at', '<', of.afterAt!), eb('id', '<', of.afterId!)])),
      )
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset(of.offset)
  );
});

/** Ids of up to `limit` selected stories of the filter's page, newest first (last changed first for the admin). */
async function pageIds(db: Kysely<Schema>, filter: ArticleFilter, audience: Audience, limit: number): Promise<number[]> {
  if (audience === 'admin') {
    const rows = await selected(db, filter, audience)
      .select('id')
      .orderBy('updated_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
      .offset((filter.page - 1) * filter.limit)
      .execute();
    return rows.map((r) => r.id);
  }
  if (filter.tagId !== undefined || filter.authorId !== undefined) {
    if ((filter.kind ?? 'story') === 'story') return topicPageIds(db, filter, limit);
    // Pages of a tag or an author (rare, never listed on the site): the plain query.
    const rows = await selected(db, filter, audience).select('id').orderBy('published_at', 'desc').orderBy('id', 'desc').limit(limit).offset((filter.page - 1) * filter.limit).execute();
    return rows.map((r) => r.id);
  }
  const { after } = filter;
  const slice: PublicSlice = {
    kind: filter.kind ?? 'story',
    language: filter.language || null,
    sectionId: filter.sectionId ?? null,
    publishedAfter: filter.publishedAfter || null,
    publishedBefore: filter.publishedBefore || null,
    afterAt: after?.publishedAt ?? null,
    afterId: after?.id ?? null,
    offset: after ? 0 : (filter.page - 1) * filter.limit,
  };
  return (await publicPageQuery(db, slice, { limit })).map((r) => r.id);
}

/**
 * Ids of a tag's or an author's public stories, newest first: one range of the link table's
 * (topic, listed_at) index, each story then found by its id (see migration 60 for why).
 * Written in SQL because the query starts from either link table, which share these columns.
 */
async function topicPageIds(db: Kysely<Schema>, filter: ArticleFilter, limit: number): Promise<number[]> {
  const [table, topic, id] = filter.tagId !== undefined ? ['article_tags', 'tag_id', filter.tagId] : ['article_authors', 'user_id', filter.authorId!];
  const { after } = filter;
  const conditions = [
    sql`link.${sql.ref(topic)} = ${id}`,
    sql`link.listed_at is not null`,
    // listed_at already says the story is public and a story (pages are never listed); the rule is stated all the same.
    sql`a.status = 'published' and a.deleted_at is null and a.kind = 'story'`,
    ...(filter.language ? [sql`a.language = ${filter.language}`] : []),
    ...(filter.sectionId !== undefined ? [sql`a.section_id = ${filter.sectionId}`] : []),
    ...(filter.tagId !== undefined && filter.authorId !== undefined
      ? [sql`exists (select 1 from article_authors by_author where by_author.article_id = a.id and by_author.user_id = ${filter.authorId})`]
      : []),
    ...(filter.publishedAfter ? [sql`link.listed_at >= ${filter.publishedAfter}`] : []),
    ...(filter.publishedBefore ? [sql`link.listed_at < ${filter.publishedBefore}`] : []),
    ...(after ? [sql`link.listed_at <= ${after.publishedAt}`, sql`(link.listed_at < ${after.publishedAt} or link.article_id < ${after.id})`] : []),
  ];
  // CROSS JOIN keeps the link table as SQLite's outer loop; PostgreSQL plans it the same way.
  const { rows } = await sql<{ id: number }>`select link.article_id as id from ${sql.table(table)} link cross join articles a
    where a.id = link.article_id and ${sql.join(conditions, sql` and `)}
    order by link.listed_at desc, link.article_id desc
    limit ${rowCount(limit)} offset ${after ? 0 : (filter.page - 1) * filter.limit}`.execute(db);
  return rows.map((r) => r.id);
}

/** Full stories newest first, filtered, with the total the APIs report. */
export async function listArticles(db: Kysely<Schema>, filter: ArticleFilter, baseUrl: string, audience: Audience): Promise<Page<Article>> {
  if (filter.storyIds?.length === 0) return { items: [], pagination: { page: filter.page, limit: filter.limit, total: 0, pages: 0 } };
  const [{ total }, ids] = await Promise.all([
    selected(db, filter, audience).select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    pageIds(db, filter, audience, filter.limit),
  ]);
  const count = Number(total);
  const items = await loadArticles(db, ids, baseUrl, audience);
  return { items, pagination: { page: filter.page, limit: filter.limit, total: count, pages: Math.ceil(count / filter.limit) } };
}

/** Published stories newest first, filtered, in full, without the total (what feeds need). */
export async function publishedArticles(db: Kysely<Schema>, filter: ArticleFilter, baseUrl: string): Promise<Article[]> {
  return loadArticles(db, await pageIds(db, filter, 'public', filter.limit), baseUrl, 'public');
}

export interface CardPage {
  items: ArticleCard[];
  /** Another page follows: what the reader's newer/older links need, found without counting. */
  hasMore: boolean;
}

/**
 * Published stories newest first, filtered, as the reader's listings show them. Counting every
 * story of a language grows with the archive; one row more than the page tells the same.
 */
export async function listArticleCards(db: Kysely<Schema>, filter: ArticleFilter, baseUrl: string): Promise<CardPage> {
  const ids = await pageIds(db, filter, 'public', filter.limit + 1);
  const shown = ids.slice(0, filter.limit);
  return { items: await loadArticleCards(db, shown, baseUrl), hasMore: ids.length > shown.length };
}
