import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from '../columns.js';

// Reach: the search index (FTS5 on SQLite, tsvector + pg_trgm on PostgreSQL; see src/search/),
// Content API keys, webhooks with their delivery queue and log.
// The index tables are written out here, frozen, never taken from src/search/: PostgreSQL's
// as they were before 2026-11-26-70-search-ranking changed them, SQLite's as they still are.
// They start empty: the index is derived from the stories, and whatever migrates a database
// fills it afterwards (prepareDatabase in src/prepare.ts).
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await createPostgresIndex(db);
  else await createSqliteIndex(db);

  await withId(db, db.schema.createTable('content_keys'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('key_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await withId(db, db.schema.createTable('webhooks'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull().defaultTo(''))
    // JSON array of event names ("article.published", …).
    .addColumn('events', 'text', (c) => c.notNull())
    // Kept in clear: signing needs it. Shown once at creation, never listed again.
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  // The queue and the log in one table: a delivery is pending until delivered or given up.
  await withId(db, db.schema.createTable('webhook_deliveries'))
    .addColumn('webhook_id', 'integer', (c) => c.notNull().references('webhooks.id').onDelete('cascade'))
    .addColumn('event', 'text', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text', (c) => c.notNull())
    // A worker that claimed the delivery holds it until then; a crashed worker's claim expires.
    .addColumn('locked_until', 'text')
    .addColumn('last_status', 'integer')
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('delivered_at', 'text')
    .execute();
  await db.schema.createIndex('webhook_deliveries_due').on('webhook_deliveries').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_deliveries_hook').on('webhook_deliveries').columns(['webhook_id', 'id']).execute();

  await withId(db, db.schema.createTable('webhook_attempts'))
    .addColumn('delivery_id', 'integer', (c) => c.notNull().references('webhook_deliveries.id').onDelete('cascade'))
    .addColumn('attempt', 'integer', (c) => c.notNull())
    .addColumn('status', 'integer')
    .addColumn('error', 'text')
    .addColumn('duration_ms', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('webhook_attempts_delivery').on('webhook_attempts').columns(['delivery_id', 'attempt']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['webhook_attempts', 'webhook_deliveries', 'webhooks', 'content_keys']) await db.schema.dropTable(table).execute();
  for (const table of isPostgres(db) ? ['search_documents'] : ['search_fts', 'search_keys', 'search_cjk']) {
    await sql`drop table if exists ${sql.table(table)}`.execute(db);
  }
}

// SQLite: search_fts (FTS5, rowid = recency key, a `facets` column), search_keys (article →
// its recency key), search_cjk (FTS5 trigram, documents with CJK text only).
async function createSqliteIndex(db: Kysely<any>): Promise<void> {
  await sql`create virtual table search_fts using fts5(title, body, facets, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
  await sql`create table search_keys (article_id integer primary key, fts_rowid integer not null unique)`.execute(db);
  await sql`create virtual table search_cjk using fts5(title, body, tokenize = 'trigram')`.execute(db);
}

// PostgreSQL: one row per article, folded title and text and a tsvector of both.
async function createPostgresIndex(db: Kysely<any>): Promise<void> {
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
}
