import { sql, type Kysely, type RawBuilder } from 'kysely';
import { rowCount } from '../db/columns.js';
import type { Schema } from '../db/schema.js';
import { fold, hasCjk } from './text.js';
import { pageThroughTiers, type IndexedDocument, type SearchIndex, type SearchMatches, type SearchQuery, type Tier } from './search.types.js';

// One row per article in search_documents: folded title and text, and a tsvector holding
// both the language's stemmed lexemes and the unstemmed `simple` ones, so one index serves a
// search in one language (stemmed) and across all (simple); a second tsvector holds the
// title alone. The row also copies what searches filter and rank
// on (language, section, visibility, dates), so that a search never joins `articles`: each
// tier of matches is read newest first from the (language, ranked_at) index, or gathered
// from the GIN index when the words are rare, whichever the planner finds cheaper. Joining
// every match to its article and ranking them all took 29 ms for a common word on 10,000
// stories, and grew with the archive.
// CJK has no word breaks for the parser: those queries match substrings with LIKE, which
// pg_trgm's GIN indexes speed up for 3+ characters.

/** PostgreSQL's built-in text search configurations, by ISO 639-1 code. */
const CONFIGS: Record<string, string> = {
  ar: 'arabic', hy: 'armenian', eu: 'basque', ca: 'catalan', da: 'danish', nl: 'dutch', en: 'english',
  fi: 'finnish', fr: 'french', de: 'german', el: 'greek', hi: 'hindi', hu: 'hungarian', id: 'indonesian',
  ga: 'irish', it: 'italian', lt: 'lithuanian', ne: 'nepali', no: 'norwegian', nb: 'norwegian', nn: 'norwegian',
  pt: 'portuguese', ro: 'romanian', ru: 'russian', sr: 'serbian', es: 'spanish', sv: 'swedish', ta: 'tamil',
  tr: 'turkish', yi: 'yiddish',
};

export function configFor(language: string): string {
  return CONFIGS[language.split('-')[0].toLowerCase()] ?? 'simple';
}

const serverConfigs = new WeakMap<object, Promise<Set<string>>>();

/**
 * The language's configuration, or `simple` on a server that lacks it (older releases have
 * fewer), as a value the planner can read: knowing the query, it estimates how common the
 * words are and chooses between walking the newest documents and gathering every match. A
 * subquery in its place left it guessing "rare", and every search gathered.
 */
async function regconfig(db: Kysely<Schema>, language: string): Promise<RawBuilder<unknown>> {
  // Read once per database (transactions share their database's adapter).
  const key = db.getExecutor().adapter;
  let configs = serverConfigs.get(key);
  if (!configs) {
    configs = sql<{ cfgname: string }>`select cfgname from pg_ts_config`.execute(db).then(({ rows }) => new Set(rows.map((r) => r.cfgname)));
    serverConfigs.set(key, configs);
  }
  const name = configFor(language);
  return sql`${(await configs).has(name) ? name : 'simple'}::regconfig`;
}

async function tsquery(db: Kysely<Schema>, language: string | undefined, text: string): Promise<RawBuilder<unknown>> {
  const simple = sql`to_tsquery('simple', ${text})`;
  return language ? sql`(to_tsquery(${await regconfig(db, language)}, ${text}) || ${simple})` : simple;
}

/** The query's filters on the document's own copies of the article's columns. */
function documentFilters(query: SearchQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [query.audience === 'public' ? sql`d.is_public` : sql`d.is_live`];
  if (query.language) parts.push(sql`d.language = ${query.language}`);
  if (query.sectionId !== undefined) parts.push(sql`d.section_id = ${query.sectionId}`);
  if (query.tagId !== undefined) parts.push(sql`d.article_id in (select article_id from article_tags where tag_id = ${query.tagId})`);
  if (query.from) parts.push(sql`d.published_at >= ${query.from}`);
  if (query.to) parts.push(sql`d.published_at < ${query.to}`);
  return sql.join(parts, sql` and `);
}

function tier(db: Kysely<Schema>, where: RawBuilder<unknown>): Tier {
  return {
    async count(upTo) {
      const { rows } = await sql<{ n: number }>`select count(*) as n from (select 1 from search_documents d where ${where} limit ${rowCount(upTo)}) c`.execute(db);
      return Number(rows[0]?.n ?? 0);
    },
    async page(offset, limit) {
      const { rows } = await sql<{ id: number }>`select d.article_id as id from search_documents d where ${where}
        order by d.ranked_at desc, d.article_id desc limit ${rowCount(limit)} offset ${offset}`.execute(db);
      return rows.map((r) => r.id);
    },
  };
}

/**
 * Words in the four tiers the SQLite engine uses, each newest first: every term as a word (in
 * the language's stemmed form or as written) in the title, then elsewhere; then stories where
 * a term only begins a word, in the title, then elsewhere.
 */
async function searchWords(db: Kysely<Schema>, query: SearchQuery): Promise<SearchMatches> {
  const words = await tsquery(db, query.language, query.terms.join(' & '));
  const beginnings = await tsquery(db, query.language, query.terms.map((t) => `${t}:*`).join(' & '));
  const filters = documentFilters(query);
  const wordInTitle = sql`d.title_document @@ ${words}`;
  const word = sql`d.document @@ ${words}`;
  const beginningInTitle = sql`d.title_document @@ ${beginnings}`;
  const tiers = [
    sql`${wordInTitle}`,
    sql`${word} and not ${wordInTitle}`,
    sql`${beginningInTitle} and not ${word}`,
    sql`d.document @@ ${beginnings} and not ${beginningInTitle} and not ${word}`,
  ];
  return pageThroughTiers(tiers.map((where) => tier(db, sql`${where} and ${filters}`)), query.page, query.limit);
}

function likeAll(column: RawBuilder<unknown>, terms: string[]): RawBuilder<unknown> {
  return sql.join(terms.map((t) => sql`${column} like ${`%${t}%`}`), sql` and `);
}

/**
 * CJK substrings (see the top of this file). Stored text and terms are both folded already,
 * so plain LIKE. A term shorter than a trigram reads every document, so one scan gives the
 * page and the total together.
 */
async function searchSubstrings(db: Kysely<Schema>, query: SearchQuery): Promise<SearchMatches> {
  const inTitle = likeAll(sql`d.title`, query.terms);
  const anywhere = sql.join(query.terms.map((t) => sql`(d.title like ${`%${t}%`} or d.body like ${`%${t}%`})`), sql` and `);
  const where = sql`${anywhere} and ${documentFilters(query)}`;
  const { rows } = await sql<{ id: number; total: number }>`select d.article_id as id, count(*) over () as total
    from search_documents d where ${where} order by (${inTitle}) desc, d.ranked_at desc, d.article_id desc
    limit ${rowCount(query.limit)} offset ${(query.page - 1) * query.limit}`.execute(db);
  const total = rows.length
    ? Number(rows[0].total)
    : Number((await sql<{ n: number }>`select count(*) as n from search_documents d where ${where}`.execute(db)).rows[0]?.n ?? 0);
  return { ids: rows.map((r) => r.id), total };
}


export const postgresSearch: SearchIndex = {
  async create(db) {
    await sql`create table search_documents (
      article_id integer primary key references articles(id) on delete cascade,
      config text not null,
      title text not null,
      body text not null,
      document tsvector not null,
      title_document tsvector not null default '',
      language text not null default '',
      section_id integer,
      is_live boolean not null default true,
      is_public boolean not null default false,
      published_at text,
      ranked_at text not null default ''
    )`.execute(db);
    await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
    await sql`create index search_documents_title on search_documents using gin (title_document)`.execute(db);
    await sql`create index search_documents_ranked on search_documents (ranked_at, article_id)`.execute(db);
    await sql`create index search_documents_language_ranked on search_documents (language, ranked_at, article_id)`.execute(db);
    // pg_trgm ships with PostgreSQL's contrib and is a trusted extension; where it cannot be
    // created, CJK search still works (ILIKE without an index), only slower.
    const available = await sql<{ n: number }>`select count(*) as n from pg_available_extensions where name = 'pg_trgm'`.execute(db);
    if (Number(available.rows[0]?.n) > 0) {
      await sql`savepoint herald_trgm`.execute(db);
      try {
        await sql`create extension if not exists pg_trgm`.execute(db);
        await sql`create index search_documents_title_trgm on search_documents using gin (title gin_trgm_ops)`.execute(db);
        await sql`create index search_documents_body_trgm on search_documents using gin (body gin_trgm_ops)`.execute(db);
        await sql`release savepoint herald_trgm`.execute(db);
      } catch {
        await sql`rollback to savepoint herald_trgm`.execute(db);
      }
    }
  },

  async drop(db) {
    await sql`drop table if exists search_documents`.execute(db);
  },

  async put(db, doc: IndexedDocument) {
    const config = configFor(doc.language);
    const title = fold(doc.title);
    const body = fold(doc.text);
    const cfg = await regconfig(db, doc.language);
    // Positions and weights are stripped: no query reads them, and a document a quarter of
    // the size is checked four times faster (counting a common word's matches: 22 ms → 1.4 ms).
    const titleDocument = sql`strip(to_tsvector(${cfg}, ${title}) || to_tsvector('simple', ${title}))`;
    const document = sql`strip(to_tsvector(${cfg}, ${title}) || to_tsvector('simple', ${title})
      || to_tsvector(${cfg}, ${body}) || to_tsvector('simple', ${body}))`;
    const live = doc.deletedAt === null;
    await sql`insert into search_documents (article_id, config, title, body, document, title_document, language, section_id, is_live, is_public, published_at, ranked_at)
      values (${doc.id}, ${config}, ${title}, ${body}, ${document}, ${titleDocument}, ${doc.language}, ${doc.sectionId}, ${live},
        ${live && doc.status === 'published' && doc.kind === 'story'}, ${doc.publishedAt}, ${doc.publishedAt ?? doc.updatedAt})
      on conflict (article_id) do update set config = excluded.config, title = excluded.title, body = excluded.body,
        document = excluded.document, title_document = excluded.title_document, language = excluded.language,
        section_id = excluded.section_id, is_live = excluded.is_live, is_public = excluded.is_public,
        published_at = excluded.published_at, ranked_at = excluded.ranked_at`.execute(db);
  },

  async remove(db, articleId) {
    await sql`delete from search_documents where article_id = ${articleId}`.execute(db);
  },

  async missing(db, limit) {
    const rows = await sql<{ id: number }>`select id from articles a where not exists (select 1 from search_documents d where d.article_id = a.id) order by id limit ${limit}`.execute(db);
    return rows.rows.map((r) => r.id);
  },

  search(db, query) {
    return query.terms.some(hasCjk) ? searchSubstrings(db, query) : searchWords(db, query);
  },
};
