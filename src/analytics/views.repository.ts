import type { Kysely } from 'kysely';
import type { AnalyticsViewsTable, Schema } from '../db/schema.js';

/** What a row of `analytics_views` is keyed by (every column but the counts). */
export type ViewKey = Omit<AnalyticsViewsTable, 'views' | 'visitors' | 'site_visitors' | 'reads'>;

export const VIEW_KEY_COLUMNS = [
  'minute', 'article_id', 'language', 'page_kind', 'referrer', 'source', 'medium', 'campaign', 'device', 'country',
] as const satisfies readonly (keyof ViewKey)[];

/**
 * One aggregate a process has counted since its last flush. `newVisitors` and `newSiteVisitors`
 * are the visitor hashes this process saw here for the first time today: whether they are new
 * for the whole site is only known once the flush has tried to record them.
 */
export interface PendingViews extends ViewKey {
  views: number;
  reads: number;
  newVisitors: VisitorMark[];
  newSiteVisitors: VisitorMark[];
}

/** A visitor hash on one page (or 'site') on one day (days since 1970, UTC). */
export interface VisitorMark {
  day: number;
  page: string;
  visitor: string;
}

// Rows per statement: 14 parameters a row stays well under SQLite's 32,766.
const CHUNK = 500;

function markId(mark: VisitorMark): string {
  return `${mark.day}|${mark.page}|${mark.visitor}`;
}

/**
 * Writes a process's counts in one transaction. The visitor hashes are inserted first, and only
 * those no other process (or earlier flush) had recorded count as visitors; the counts are then
 * added to the stored rows (an upsert that adds), so processes flushing at the same time add up.
 * Either all of a batch is stored or none of it.
 */
export async function writeViews(db: Kysely<Schema>, batch: PendingViews[]): Promise<void> {
  if (batch.length === 0) return;
  await db.transaction().execute(async (trx) => {
    const marks = batch.flatMap((row) => [...row.newVisitors, ...row.newSiteVisitors]);
    const recorded = new Set<string>();
    for (let i = 0; i < marks.length; i += CHUNK) {
      const inserted = await trx
        .insertInto('analytics_visitors')
        .values(marks.slice(i, i + CHUNK))
        .onConflict((oc) => oc.columns(['day', 'page', 'visitor']).doNothing())
        .returning(['day', 'page', 'visitor'])
        .execute();
      for (const mark of inserted) recorded.add(markId(mark));
    }
    // A hash recorded now counts once, in the first row that brought it.
    const counted = (list: VisitorMark[]) => list.filter((mark) => recorded.delete(markId(mark))).length;
    const rows: AnalyticsViewsTable[] = batch.map(({ newVisitors, newSiteVisitors, ...row }) => ({
      ...row,
      visitors: counted(newVisitors),
      site_visitors: counted(newSiteVisitors),
    }));
    await addViews(trx, rows);
  });
}

function keyOf(row: ViewKey): string {
  return JSON.stringify(VIEW_KEY_COLUMNS.map((column) => row[column]));
}

/** Rows with the same key summed into one (one statement may not update a row twice). */
function merged(rows: AnalyticsViewsTable[]): AnalyticsViewsTable[] {
  const byKey = new Map<string, AnalyticsViewsTable>();
  for (const row of rows) {
    const key = keyOf(row);
    const into = byKey.get(key);
    if (!into) byKey.set(key, { ...row });
    else {
      into.views += row.views;
      into.visitors += row.visitors;
      into.site_visitors += row.site_visitors;
      into.reads += row.reads;
    }
  }
  return [...byKey.values()];
}

/** Adds counts to the stored rows with the same key, creating those that do not exist yet. */
export async function addViews(db: Kysely<Schema>, rows: AnalyticsViewsTable[]): Promise<void> {
  const sums = merged(rows);
  for (let i = 0; i < sums.length; i += CHUNK) {
    await db
      .insertInto('analytics_views')
      .values(sums.slice(i, i + CHUNK))
      .onConflict((oc) =>
        oc.columns([...VIEW_KEY_COLUMNS]).doUpdateSet((eb) => ({
          views: eb('analytics_views.views', '+', eb.ref('excluded.views')),
          visitors: eb('analytics_views.visitors', '+', eb.ref('excluded.visitors')),
          site_visitors: eb('analytics_views.site_visitors', '+', eb.ref('excluded.site_visitors')),
          reads: eb('analytics_views.reads', '+', eb.ref('excluded.reads')),
        })),
      )
      .execute();
  }
}

/** Forgets the visitor hashes of days before `day`: nothing links a reader's two days. */
export async function forgetVisitorsBefore(db: Kysely<Schema>, day: number): Promise<void> {
  await db.deleteFrom('analytics_visitors').where('day', '<', day).execute();
}
