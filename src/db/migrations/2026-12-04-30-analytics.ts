import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../columns.js';

// Reader analytics, counted on the outlet's own server: aggregates only, never a view per row.
// `analytics_views` holds one row per (time bucket, page, language, where the reader came from,
// device, country) with its counts. Every dimension is NOT NULL ('' or 0 for none) so the
// primary key can be the upsert target on both engines. A bucket is a start minute (minutes since
// 1970, UTC); the roll-up turns minute rows into hour rows after two days and into day rows
// after 90, by adding them into the row keyed at the hour's or day's first minute.
//
// `analytics_visitors` is the day's set of visitor hashes (salted with a key that is never
// stored), per page and for the whole site: it lets several processes agree on who is new today.
// Its rows are deleted once their day is over.
export async function up(db: Kysely<any>): Promise<void> {
  // SQLite keeps such a table in its primary-key B-tree alone (no rowid copy of every row).
  const withoutRowid = isPostgres(db) ? sql`` : sql`without rowid`;
  await db.schema
    .createTable('analytics_views')
    .addColumn('minute', 'integer', (c) => c.notNull())
    // The story or page (an article id); 0 for a page that is no article (home, section, tag…).
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('language', 'text', (c) => c.notNull())
    // 'story', 'page', 'home', 'section', 'tag', 'author', 'search', 'other'.
    .addColumn('page_kind', 'text', (c) => c.notNull())
    // The referrer's host only ('' for none or the site itself).
    .addColumn('referrer', 'text', (c) => c.notNull())
    // utm_source / utm_medium / utm_campaign; a newsletter's or the fediverse's own mark as a source.
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('campaign', 'text', (c) => c.notNull())
    // 'desktop', 'mobile', 'tablet', 'other'.
    .addColumn('device', 'text', (c) => c.notNull())
    // ISO 3166 alpha-2, '' when unknown.
    .addColumn('country', 'text', (c) => c.notNull())
    .addColumn('views', 'integer', (c) => c.notNull())
    // Readers seen on this page for the first time that day (a visitor of two stories counts on each).
    .addColumn('visitors', 'integer', (c) => c.notNull())
    // Readers seen on the site for the first time that day (summed: the site's visitors).
    .addColumn('site_visitors', 'integer', (c) => c.notNull())
    // Readers who reached the end of the story's body.
    .addColumn('reads', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_views_pk', [
      'minute', 'article_id', 'language', 'page_kind', 'referrer', 'source', 'medium', 'campaign', 'device', 'country',
    ])
    .modifyEnd(withoutRowid)
    .execute();
  // One story's numbers over a period without reading every story's.
  await db.schema.createIndex('analytics_views_article').on('analytics_views').columns(['article_id', 'minute']).execute();

  await db.schema
    .createTable('analytics_visitors')
    // Days since 1970 (UTC): the salt's day.
    .addColumn('day', 'integer', (c) => c.notNull())
    // 'site', or 'a<article id>', or '<page kind>:<language>' for a page that is no article.
    .addColumn('page', 'text', (c) => c.notNull())
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_visitors_pk', ['day', 'page', 'visitor'])
    .modifyEnd(withoutRowid)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_visitors').execute();
  await db.schema.dropTable('analytics_views').execute();
}
