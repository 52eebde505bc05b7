import type { Kysely } from 'kysely';
import { withId } from '../columns.js';

// Moving in and syndicating: what imports remember (so a second run creates nothing new),
// the old addresses that keep answering with redirects, imported attachments, and the
// partner feeds a site follows with the items already taken from them.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('import_map')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('local_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('import_map_pk', ['source', 'kind', 'external_id'])
    .execute();

  await db.schema
    .createTable('legacy_redirects')
    .addColumn('path', 'text', (c) => c.primaryKey())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'integer', (c) => c.notNull())
    .addColumn('language', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('imported_attachments'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('external_id', 'text', (c) => c.notNull())
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('mime_type', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('imported_attachments_source_id', ['source', 'external_id'])
    .execute();

  await withId(db, db.schema.createTable('syndication_feeds'))
    .addColumn('url', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('section_id', 'integer', (c) => c.references('sections.id').onDelete('set null'))
    .addColumn('language', 'text')
    .addColumn('publish', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('canonical_to_source', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('poll_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .addColumn('etag', 'text')
    .addColumn('last_modified', 'text')
    .addColumn('last_polled_at', 'text')
    .addColumn('next_poll_at', 'text', (c) => c.notNull())
    .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('syndication_feeds_due').on('syndication_feeds').column('next_poll_at').execute();

  await db.schema
    .createTable('syndication_items')
    .addColumn('feed_id', 'integer', (c) => c.notNull().references('syndication_feeds.id').onDelete('cascade'))
    .addColumn('guid', 'text', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.references('articles.id').onDelete('set null'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('syndication_items_pk', ['feed_id', 'guid'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['syndication_items', 'syndication_feeds', 'imported_attachments', 'legacy_redirects', 'import_map']) {
    await db.schema.dropTable(table).execute();
  }
}
