import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../db/schema.js';
import { fold, hasCjk } from './text.js';
import { articleFilters, RANKING, type IndexedDocument, type SearchIndex, type SearchMatches, type SearchQuery } from './search.types.js';

// One row per article in search_documents: folded title and text, and a tsvector holding
// both the language's stemmed lexemes (title weighted A, text D) and the unstemmed `simple`
// ones, so one index serves a search in one language (stemmed) and across all (simple).
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

/** The configuration as a regconfig, falling back to `simple` on a server that lacks it. */
function regconfig(name: string): RawBuilder<unknown> {
  return sql`coalesce((select oid::regconfig from pg_ts_config where cfgname = ${name} limit 1), 'simple'::regconfig)`;
}

function tsquery(language: string | undefined, text: string): RawBuilder<unknown> {
  const simple = sql`to_tsquery('simple', ${text})`;
  return language ? sql`(to_tsquery(${regconfig(configFor(language))}, ${text}) || ${simple})` : simple;
}

async function run(db: Kysely<Schema>, where: RawBuilder<unknown>, inTitle: RawBuilder<unknown>, query: SearchQuery): Promise<SearchMatches> {
  const from = sql`search_documents d join articles a on a.id = d.article_id`;
  const filters = articleFilters(query);
  // One scan gives the page and the total; only a page past the end needs a second count.
  const rows = await sql<{ id: number; total: number }>`select a.id as id, (${inTitle}) as in_title, count(*) over () as total
    from ${from} where ${where} and ${filters}
    order by ${RANKING} limit ${query.limit} offset ${(query.page - 1) * query.limit}`.execute(db);
  const total = rows.rows.length
    ? Number(rows.rows[0].total)
    : Number((await sql<{ n: number }>`select count(*) as n from ${from} where ${where} and ${filters}`.execute(db)).rows[0]?.n ?? 0);
  return { ids: rows.rows.map((r) => r.id), total };
}

function likeAll(column: RawBuilder<unknown>, terms: string[]): RawBuilder<unknown> {
  return sql.join(terms.map((t) => sql`${column} like ${`%${t}%`}`), sql` and `);
}

export const postgresSearch: SearchIndex = {
  async create(db) {
    await sql`create table search_documents (
      article_id integer primary key references articles(id) on delete cascade,
      config text not null,
      title text not null,
      body text not null,
      document tsvector not null
    )`.execute(db);
    await sql`create index search_documents_document on search_documents using gin (document)`.execute(db);
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
    const cfg = regconfig(config);
    const document = sql`setweight(to_tsvector(${cfg}, ${title}), 'A') || setweight(to_tsvector('simple', ${title}), 'A')
      || setweight(to_tsvector(${cfg}, ${body}), 'D') || setweight(to_tsvector('simple', ${body}), 'D')`;
    await sql`insert into search_documents (article_id, config, title, body, document)
      values (${doc.id}, ${config}, ${title}, ${body}, ${document})
      on conflict (article_id) do update set config = excluded.config, title = excluded.title,
        body = excluded.body, document = excluded.document`.execute(db);
  },

  async remove(db, articleId) {
    await sql`delete from search_documents where article_id = ${articleId}`.execute(db);
  },

  async missing(db, limit) {
    const rows = await sql<{ id: number }>`select id from articles a where not exists (select 1 from search_documents d where d.article_id = a.id) order by id limit ${limit}`.execute(db);
    return rows.rows.map((r) => r.id);
  },

  search(db, query) {
    if (query.terms.some(hasCjk)) {
      // Stored text and terms are both folded already: plain LIKE, without ILIKE's case folding.
      const where = sql.join(query.terms.map((t) => sql`(d.title like ${`%${t}%`} or d.body like ${`%${t}%`})`), sql` and `);
      return run(db, where, likeAll(sql`d.title`, query.terms), query);
    }
    const all = query.terms.map((t) => `${t}:*`).join(' & ');
    const title = query.terms.map((t) => `${t}:*A`).join(' & ');
    return run(db, sql`d.document @@ ${tsquery(query.language, all)}`, sql`d.document @@ ${tsquery(query.language, title)}`, query);
  },
};
