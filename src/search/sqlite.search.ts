import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Schema } from '../db/schema.js';
import { fold, hasCjk } from './text.js';
import { articleFilters, RANKING, type IndexedDocument, type SearchIndex, type SearchMatches, type SearchQuery } from './search.types.js';

// Two FTS5 tables keyed by article id (rowid):
// - search_fts: unicode61 with remove_diacritics 2, for every script that separates words;
// - search_cjk: trigram, holding only documents with Chinese, Japanese or Korean text, where
//   words are not separated. Trigrams need 3 characters; shorter CJK terms ("總統") are
//   matched with LIKE on that (small) table instead.

/** A term as an FTS5 string, prefix-matched; terms never contain quotes (see queryTerms). */
const phrase = (term: string) => `"${term}"*`;

function likeAll(column: RawBuilder<unknown>, terms: string[]): RawBuilder<unknown> {
  return sql.join(terms.map((t) => sql`${column} like ${`%${t}%`}`), sql` and `);
}

async function run(db: Kysely<Schema>, from: RawBuilder<unknown>, where: RawBuilder<unknown>, inTitle: RawBuilder<unknown>, query: SearchQuery): Promise<SearchMatches> {
  const filters = articleFilters(query);
  const [rows, count] = await Promise.all([
    sql<{ id: number }>`select a.id as id, (${inTitle}) as in_title from ${from} where ${where} and ${filters}
      order by ${RANKING} limit ${query.limit} offset ${(query.page - 1) * query.limit}`.execute(db),
    sql<{ n: number }>`select count(*) as n from ${from} where ${where} and ${filters}`.execute(db),
  ]);
  return { ids: rows.rows.map((r) => r.id), total: Number(count.rows[0]?.n ?? 0) };
}

export const sqliteSearch: SearchIndex = {
  async create(db) {
    await sql`create virtual table search_fts using fts5(title, body, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql`create virtual table search_cjk using fts5(title, body, tokenize = 'trigram')`.execute(db);
  },

  async drop(db) {
    await sql`drop table if exists search_fts`.execute(db);
    await sql`drop table if exists search_cjk`.execute(db);
  },

  async put(db, doc: IndexedDocument) {
    await this.remove(db, doc.id);
    await sql`insert into search_fts (rowid, title, body) values (${doc.id}, ${doc.title}, ${doc.text})`.execute(db);
    if (hasCjk(doc.title) || hasCjk(doc.text)) {
      await sql`insert into search_cjk (rowid, title, body) values (${doc.id}, ${fold(doc.title)}, ${fold(doc.text)})`.execute(db);
    }
  },

  async remove(db, articleId) {
    await sql`delete from search_fts where rowid = ${articleId}`.execute(db);
    await sql`delete from search_cjk where rowid = ${articleId}`.execute(db);
  },

  search(db, query) {
    if (!query.terms.some(hasCjk)) {
      const match = query.terms.map(phrase).join(' ');
      return run(
        db,
        sql`search_fts join articles a on a.id = search_fts.rowid`,
        sql`search_fts match ${match}`,
        sql`a.id in (select rowid from search_fts where search_fts match ${`title : (${match})`})`,
        query,
      );
    }
    const long = query.terms.filter((t) => Array.from(t).length >= 3);
    const short = query.terms.filter((t) => Array.from(t).length < 3);
    const conditions: RawBuilder<unknown>[] = [];
    if (long.length) conditions.push(sql`search_cjk match ${long.map((t) => `"${t}"`).join(' ')}`);
    for (const term of short) conditions.push(sql`(search_cjk.title like ${`%${term}%`} or search_cjk.body like ${`%${term}%`})`);
    return run(
      db,
      sql`search_cjk join articles a on a.id = search_cjk.rowid`,
      sql.join(conditions, sql` and `),
      likeAll(sql`search_cjk.title`, query.terms),
      query,
    );
  },
};
