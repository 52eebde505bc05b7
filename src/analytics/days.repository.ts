import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../db/columns.js';
import type { AnalyticsDaysTable, AnalyticsViewsTable, Schema } from '../db/schema.js';
import { DAY, decodeDayCounts, encodeDayCounts, HOUR, mergeDayCounts, type DayCount } from './day-counts.js';
import { segmentIds } from './segments.repository.js';

// Rows per statement: 4 parameters a row.
const CHUNK = 500;
// Any number of our own: the key of PostgreSQL's advisory lock the roll-ups take.
const ROLL_UP_LOCK = 0x48_52_4c_44;

/**
 * Makes roll-ups wait for each other: a page's day row is read, added to and written back, which
 * two transactions must not do at once. SQLite's transactions already take the write lock when
 * they begin (db/database.ts); PostgreSQL's take this lock until they end.
 */
async function lockRollUp(trx: Kysely<Schema>): Promise<void> {
  if (isPostgres(trx)) await sql`select pg_advisory_xact_lock(${sql.lit(ROLL_UP_LOCK)})`.execute(trx);
}

async function storeDays(trx: Kysely<Schema>, rows: AnalyticsDaysTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    await trx
      .insertInto('analytics_days')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['day', 'article_id']).doUpdateSet((eb) => ({ grain: eb.ref('excluded.grain'), counts: eb.ref('excluded.counts') })))
      .execute();
  }
}

/**
 * Adds counts of one UTC day (rows with any minute of it) into that day's rows, one per page,
 * as hours, or as one bucket for the whole day (`oneBucket`, or when the day already is).
 * Runs inside the caller's transaction, after lockRollUp.
 */
export async function addDayCounts(trx: Kysely<Schema>, day: number, oneBucket: boolean, rows: readonly AnalyticsViewsTable[]): Promise<void> {
  if (rows.length === 0) return;
  const idOf = await segmentIds(trx, rows);
  const byPage = new Map<number, DayCount[]>();
  for (const row of rows) {
    const counts = byPage.get(row.article_id) ?? [];
    byPage.set(row.article_id, counts);
    counts.push({
      hour: Math.floor((row.minute - day * DAY) / HOUR), segment: idOf(row),
      views: row.views, visitors: row.visitors, siteVisitors: row.site_visitors, reads: row.reads,
    });
  }
  const pages = [...byPage.keys()];
  const stored = new Map<number, Pick<AnalyticsDaysTable, 'grain' | 'counts'>>();
  for (let i = 0; i < pages.length; i += CHUNK) {
    const found = await trx.selectFrom('analytics_days').select(['article_id', 'grain', 'counts']).where('day', '=', day).where('article_id', 'in', pages.slice(i, i + CHUNK)).execute();
    for (const row of found) stored.set(row.article_id, row);
  }
  await storeDays(trx, pages.map((page) => {
    const before = stored.get(page);
    const whole = oneBucket || before?.grain === DAY;
    const counts = mergeDayCounts([...(before ? decodeDayCounts(before.counts) : []), ...byPage.get(page)!], whole);
    return { day, article_id: page, grain: whole ? DAY : HOUR, counts: encodeDayCounts(counts) };
  }));
}

/** Moves the minute rows of a UTC day into its day rows (see addDayCounts). Returns how many rows moved. */
export async function packDay(trx: Kysely<Schema>, day: number, oneBucket: boolean): Promise<number> {
  await lockRollUp(trx);
  // Deleting with RETURNING hands each row to exactly one transaction.
  const rows = await trx.deleteFrom('analytics_views').where('minute', '>=', day * DAY).where('minute', '<', (day + 1) * DAY).returningAll().execute();
  await addDayCounts(trx, day, oneBucket, rows);
  return rows.length;
}

/** Folds each page's hours of a UTC day into one bucket. Returns how many day rows changed. */
export async function coarsenDay(trx: Kysely<Schema>, day: number): Promise<number> {
  await lockRollUp(trx);
  const rows = await trx.selectFrom('analytics_days').select(['article_id', 'counts']).where('day', '=', day).where('grain', '=', HOUR).execute();
  await storeDays(trx, rows.map((row) => ({ day, article_id: row.article_id, grain: DAY, counts: encodeDayCounts(mergeDayCounts(decodeDayCounts(row.counts), true)) })));
  return rows.length;
}

/** The first day still kept by the hour, if any. */
export async function firstDayByHour(db: Kysely<Schema>): Promise<number | null> {
  const row = await db.selectFrom('analytics_days').select(sql<number | null>`min(day)`.as('day')).where('grain', '=', HOUR).executeTakeFirst();
  return row?.day == null ? null : Number(row.day);
}
