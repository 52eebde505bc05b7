/**
 * Search over stories for readers (published only) and editors (everything but the trash).
 * The index is written inside every article write (a `duringTransaction` hook), so it never
 * disagrees with the rows; queries go to the dialect's engine and come back as full articles.
 */
import type { Kysely } from 'kysely';
import type { Page } from '../content/articles.list.js';
import { loadArticles } from '../content/articles.repository.js';
import type { Article, Audience } from '../content/articles.types.js';
import { plainText } from '../content/body.js';
import { isPostgres } from '../db/columns.js';
import type { Store } from '../db/hooks.js';
import type { ArticleRow, Schema } from '../db/schema.js';
import { invalid } from '../core/errors.js';
import { highlight, type Highlight } from './highlight.js';
import { postgresSearch } from './postgres.search.js';
import type { IndexedDocument, SearchIndex } from './search.types.js';
import { sqliteSearch } from './sqlite.search.js';
import { MAX_QUERY_LENGTH, queryTerms } from './text.js';

export function searchIndexFor(db: Kysely<any>): SearchIndex {
  return isPostgres(db) ? postgresSearch : sqliteSearch;
}

const DOCUMENT_COLUMNS = ['id', 'language', 'title', 'standfirst', 'body', 'section_id', 'status', 'kind', 'deleted_at', 'published_at', 'updated_at'] as const;
type DocumentRow = Pick<ArticleRow, (typeof DOCUMENT_COLUMNS)[number]>;

async function documentsOf(db: Kysely<Schema>, rows: DocumentRow[]): Promise<IndexedDocument[]> {
  const tags = rows.length
    ? await db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', rows.map((r) => r.id)).execute()
    : [];
  return rows.map((row) => ({
    id: row.id,
    language: row.language,
    title: row.title,
    text: [row.standfirst, plainText(row.body)].filter(Boolean).join(' '),
    sectionId: row.section_id,
    tagIds: tags.filter((t) => t.article_id === row.id).map((t) => t.tag_id),
    status: row.status,
    kind: row.kind,
    deletedAt: row.deleted_at,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  }));
}

/** Brings one article's entry in line with its row (gone from the index when the row is gone). */
export async function reindexArticle(db: Kysely<Schema>, id: number): Promise<void> {
  const index = searchIndexFor(db);
  const row = await db.selectFrom('articles').select(DOCUMENT_COLUMNS).where('id', '=', id).executeTakeFirst();
  if (row) await index.put(db, (await documentsOf(db, [row]))[0]);
  else await index.remove(db, id);
}

/** Fills the index from every article, in batches (the index tables must exist). */
export async function reindexAll(db: Kysely<Schema>, batch = 500): Promise<number> {
  const index = searchIndexFor(db);
  let count = 0;
  for (let lastId = 0; ; ) {
    const rows = await db.selectFrom('articles').select(DOCUMENT_COLUMNS).where('id', '>', lastId).orderBy('id').limit(batch).execute();
    if (rows.length === 0) return count;
    for (const document of await documentsOf(db, rows)) await index.put(db, document);
    count += rows.length;
    lastId = rows[rows.length - 1].id;
  }
}

/**
 * Indexes the stories that have no entry yet: ones written straight into the tables (a
 * restore, a benchmark's bulk seed) rather than through the article service. The server runs
 * it before listening, so search never misses a story it could show. Returns how many.
 */
export async function indexMissing(db: Kysely<Schema>, batch = 500): Promise<number> {
  const index = searchIndexFor(db);
  let count = 0;
  for (;;) {
    const ids = await index.missing(db, batch);
    if (ids.length === 0) return count;
    await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('articles').select(DOCUMENT_COLUMNS).where('id', 'in', ids).execute();
      for (const document of await documentsOf(trx, rows)) await index.put(trx, document);
    });
    count += ids.length;
  }
}

/**
 * Drops and recreates the index tables, then fills them: the repair behind
 * `herald search reindex`, and the upgrade of an index built with an older layout.
 */
export async function rebuildSearchIndex(db: Kysely<any>): Promise<number> {
  const index = searchIndexFor(db);
  await index.drop(db);
  await index.create(db);
  return reindexAll(db);
}

const installed = new WeakSet<Store>();

/** Keeps the index current on every article write of this store; safe to call twice. */
export function installSearchIndexing(store: Store): void {
  if (installed.has(store)) return;
  installed.add(store);
  store.hooks.duringTransaction(async (trx, event) => {
    if (event.entity === 'article') await reindexArticle(trx, event.id);
  });
}

export interface SearchInput {
  q: string;
  language?: string;
  sectionId?: number;
  tagId?: number;
  /** Date (YYYY-MM-DD, from the start of that day UTC) or date-time. */
  from?: string;
  /** Date (up to the end of that day UTC) or date-time (exclusive). */
  to?: string;
  page: number;
  limit: number;
}

export interface SearchResult {
  article: Article;
  highlight: Highlight;
}

export type SearchPage = Page<SearchResult> & { query: string; terms: string[] };

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A `from`/`to` filter as an ISO instant: a bare date covers that whole day (UTC). */
export function boundary(value: string | undefined, field: 'from' | 'to'): string | undefined {
  if (value === undefined || value === '') return undefined;
  const time = Date.parse(DAY.test(value) ? `${value}T00:00:00Z` : value);
  if (!Number.isFinite(time)) throw invalid([{ field, message: 'must be a date (YYYY-MM-DD) or an ISO 8601 date-time' }]);
  return new Date(field === 'to' && DAY.test(value) ? time + 86_400_000 : time).toISOString();
}

export async function searchArticles(db: Kysely<Schema>, input: SearchInput, baseUrl: string, audience: Audience): Promise<SearchPage> {
  if (input.q.length > MAX_QUERY_LENGTH) throw invalid([{ field: 'q', message: `must be at most ${MAX_QUERY_LENGTH} characters` }]);
  const terms = queryTerms(input.q);
  const from = boundary(input.from, 'from');
  const to = boundary(input.to, 'to');
  const empty = { items: [], pagination: { page: input.page, limit: input.limit, total: 0, pages: 0 }, query: input.q, terms };
  if (terms.length === 0) return empty;
  const { ids, total } = await searchIndexFor(db).search(db, {
    terms,
    language: input.language,
    sectionId: input.sectionId,
    tagId: input.tagId,
    from,
    to,
    audience,
    page: input.page,
    limit: input.limit,
  });
  const articles = await loadArticles(db, ids, baseUrl, audience);
  return {
    items: articles.map((article) => ({ article, highlight: highlight(article, terms) })),
    pagination: { page: input.page, limit: input.limit, total, pages: Math.ceil(total / input.limit) },
    query: input.q,
    terms,
  };
}
