import { sql, type Kysely } from 'kysely';
import { rebuildSearchIndex } from '../../search/search.service.js';
import { isPostgres } from '../columns.js';

// PostgreSQL's search documents gain a title-only tsvector and copies of what searches filter
// and rank on, so a search reads its tiers newest first without joining `articles` (see
// src/search/postgres.search.ts). The index is derived from the stories: rebuilt, not altered.
// SQLite's index already works this way.
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await rebuildSearchIndex(db);
}

const ADDED = ['title_document', 'language', 'section_id', 'is_live', 'is_public', 'published_at', 'ranked_at'];

export async function down(db: Kysely<any>): Promise<void> {
  if (!isPostgres(db)) return;
  // Their indexes go with the columns.
  for (const column of ADDED) await sql`alter table search_documents drop column ${sql.ref(column)}`.execute(db);
}
