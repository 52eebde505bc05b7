import { sql, type Kysely } from 'kysely';
import { isPostgres, withId } from '../columns.js';

// Reader analytics in a few hundred MB a year. `analytics_views` kept every past hour and day as
// rows of ten text columns: about 16 million rows and 1.3 GB for a year of 100,000 views a day.
// From now on it holds only the recent minute rows (the hot path's upserts are unchanged); a UTC
// day older than two days moves into `analytics_days`, one row per (day, page) whose `counts`
// packs that day's combinations as varints (format: src/analytics/day-counts.ts), with each
// combination of the page's language and kind, referrer, campaign, device and country named once
// in `analytics_segments` and referred to by its id.
//
// `grain` is 60 while the day keeps its hours (until it is 90 days old) and 1440 once the day is
// one bucket, the roll-up's two steps as before.
//
// The rows already rolled up are converted here, day by day. This file encodes the format itself
// rather than importing the live code, so that it converts the same way whatever that code
// becomes (test/db/analytics-days-migration.test.ts checks the live code reads it identically).
const HOUR = 60;
const DAY = 24 * HOUR;
const SEGMENT_COLUMNS = ['language', 'page_kind', 'referrer', 'source', 'medium', 'campaign', 'device', 'country'] as const;
const CHUNK = 500;

interface OldRow {
  minute: number;
  article_id: number;
  views: number;
  visitors: number;
  site_visitors: number;
  reads: number;
  [column: string]: string | number;
}

function varint(out: number[], value: number): void {
  let rest = value;
  while (rest >= 0x80) {
    out.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  out.push(rest);
}

/** One page's day: entries keyed `hour,segment`, summed. */
function packed(entries: Map<string, number[]>): Buffer {
  const sorted = [...entries].map(([key, counts]) => [...key.split(',').map(Number), ...counts]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: number[] = [];
  for (let start = 0; start < sorted.length; ) {
    let end = start;
    while (end < sorted.length && sorted[end][0] === sorted[start][0]) end++;
    varint(out, sorted[start][0]);
    varint(out, end - start);
    let previous = 0;
    for (const [, segment, ...counts] of sorted.slice(start, end)) {
      varint(out, segment - previous);
      previous = segment;
      for (const count of counts) varint(out, count);
    }
    start = end;
  }
  return Buffer.from(out);
}

export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('analytics_segments'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('page_kind', 'text', (c) => c.notNull())
    .addColumn('referrer', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('medium', 'text', (c) => c.notNull())
    .addColumn('campaign', 'text', (c) => c.notNull())
    .addColumn('device', 'text', (c) => c.notNull())
    .addColumn('country', 'text', (c) => c.notNull())
    .addUniqueConstraint('analytics_segments_key', [...SEGMENT_COLUMNS])
    .execute();
  await db.schema
    .createTable('analytics_days')
    // Days since 1970, UTC.
    .addColumn('day', 'integer', (c) => c.notNull())
    .addColumn('article_id', 'integer', (c) => c.notNull())
    .addColumn('grain', 'integer', (c) => c.notNull())
    .addColumn('counts', isPostgres(db) ? 'bytea' : 'blob', (c) => c.notNull())
    .addPrimaryKeyConstraint('analytics_days_pk', ['day', 'article_id'])
    .modifyEnd(isPostgres(db) ? sql`` : sql`without rowid`)
    .execute();
  // One page's days without reading every page's: two integers a row.
  await db.schema.createIndex('analytics_days_article').on('analytics_days').columns(['article_id', 'day']).execute();

  const nowMinute = Math.floor(Date.now() / 60_000);
  const packBefore = Math.floor((nowMinute - 2 * DAY) / DAY);
  const oneBucketBefore = Math.floor((nowMinute - 90 * DAY) / DAY);
  const oldest = await db.selectFrom('analytics_views').select(sql<number | null>`min(minute)`.as('minute')).executeTakeFirst();
  if (oldest?.minute == null) return;
  const segments = new Map<string, number>();
  for (let day = Math.floor(Number(oldest.minute) / DAY); day < packBefore; day++) {
    const rows = (await db
      .deleteFrom('analytics_views')
      .where('minute', '>=', day * DAY)
      .where('minute', '<', (day + 1) * DAY)
      .returningAll()
      .execute()) as OldRow[];
    if (rows.length === 0) continue;
    const keyOf = (row: Record<string, unknown>) => JSON.stringify(SEGMENT_COLUMNS.map((column) => row[column]));
    const unnamed = [...new Map(rows.filter((row) => !segments.has(keyOf(row))).map((row) => [keyOf(row), row])).values()];
    for (let i = 0; i < unnamed.length; i += CHUNK) {
      const values = unnamed.slice(i, i + CHUNK).map((row) => Object.fromEntries(SEGMENT_COLUMNS.map((column) => [column, row[column]])));
      const named = await db.insertInto('analytics_segments').values(values).returningAll().execute();
      for (const segment of named) segments.set(keyOf(segment), segment.id);
    }
    const oneBucket = day < oneBucketBefore;
    const pages = new Map<number, Map<string, number[]>>();
    for (const row of rows) {
      const hour = oneBucket ? 0 : Math.floor((Number(row.minute) - day * DAY) / HOUR);
      const key = `${hour},${segments.get(keyOf(row))}`;
      const page = pages.get(row.article_id) ?? new Map<string, number[]>();
      pages.set(row.article_id, page);
      const counts = page.get(key) ?? [0, 0, 0, 0];
      page.set(key, counts);
      [row.views, row.visitors, row.site_visitors, row.reads].forEach((count, i) => (counts[i] += Number(count)));
    }
    const values = [...pages].map(([article, entries]) => ({ day, article_id: article, grain: oneBucket ? DAY : HOUR, counts: packed(entries) }));
    for (let i = 0; i < values.length; i += CHUNK) await db.insertInto('analytics_days').values(values.slice(i, i + CHUNK)).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('analytics_days').execute();
  await db.schema.dropTable('analytics_segments').execute();
}
