import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../columns.js';

// PostgreSQL's search documents gain a title-only tsvector and copies of what searches filter
// and rank on, so a search reads its tiers newest first without joining `articles` (see
// src/search/postgres.search.ts), and their tsvectors lose positions and weights. The index is
// derived from the stories: its documents are removed here, in the old form, and whatever
// migrates a database fills it again afterwards (prepareDatabase in src/prepare.ts).
// SQLite's index already works this way.
export async function up(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  await sql`delete from search_documents`.execute(db);
  await sql`alter table search_documents
    add column title_document tsvector not null default '',
    add column language text not null default '',
    add column section_id integer,
    add column is_live boolean not null default true,
    add column is_public boolean not null default false,
    add column published_at text,
    add column ranked_at text not null default ''`.execute(db);
  await sql`create index search_documents_title on search_documents using gin (title_document)`.execute(db);
  await sql`create index search_documents_ranked on search_documents (ranked_at, article_id)`.execute(db);
  await sql`create index search_documents_language_ranked on search_documents (language, ranked_at, article_id)`.execute(db);
}

const ADDED = ['title_document', 'language', 'section_id', 'is_live', 'is_public', 'published_at', 'ranked_at'];

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  // The documents are in the new form: removed too, for the older code to fill again.
  await sql`delete from search_documents`.execute(db);
  // Their indexes go with the columns.
  for (const column of ADDED) await sql`alter table search_documents drop column ${sql.ref(column)}`.execute(db);
}
