import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { DAY, HOUR } from './day-counts.js';
import { coarsenDay, firstDayByHour, packDay } from './days.repository.js';
import { forgetVisitorsBefore } from './views.repository.js';

export { DAY, HOUR };
export const MINUTE_MS = 60_000;
/** A UTC day keeps its minute rows (the realtime and "today" views) until its last minute is this old, then is packed by the hour. */
export const KEEP_MINUTES = 2 * DAY;
/** Hour rows stay hour rows this long, then become days (UTC days). */
export const KEEP_HOURS = 90 * DAY;

/** Where the roll-up got to (days since 1970), so that a run after the first looks only at what aged since. */
export interface RollUpProgress {
  packedBefore: number | null;
  oneBucketBefore: number | null;
}

export function minuteOf(instant: number): number {
  return Math.floor(instant / MINUTE_MS);
}

export function dayOf(instant: number): number {
  return Math.floor(instant / (DAY * MINUTE_MS));
}

async function firstMinuteDay(db: Kysely<Schema>): Promise<number | null> {
  const row = await db.selectFrom('analytics_views').select(sql<number | null>`min(minute)`.as('oldest')).executeTakeFirst();
  return row?.oldest == null ? null : Math.floor(Number(row.oldest) / DAY);
}

/**
 * One pass of the roll-up, a UTC day per transaction: each day whose last minute is two days
 * old moves from minute rows into day rows by the hour (analytics_days), each day 90 days old
 * becomes one bucket, and the visitor hashes of days gone by are deleted. Safe to run in several
 * processes at once (see days.repository.ts). Returns how many minute rows and day rows it changed.
 */
export async function rollUpViews(db: Kysely<Schema>, now: number, progress: RollUpProgress): Promise<number> {
  const packBefore = Math.floor((minuteOf(now) - KEEP_MINUTES) / DAY);
  const oneBucketBefore = Math.floor((minuteOf(now) - KEEP_HOURS) / DAY);
  let changed = 0;
  const packFrom = progress.packedBefore ?? (await firstMinuteDay(db));
  for (let day = packFrom ?? packBefore; day < packBefore; day++) {
    changed += await db.transaction().execute((trx) => packDay(trx, day, day < oneBucketBefore));
  }
  const coarsenFrom = progress.oneBucketBefore ?? (await firstDayByHour(db));
  for (let day = coarsenFrom ?? oneBucketBefore; day < oneBucketBefore; day++) {
    changed += await db.transaction().execute((trx) => coarsenDay(trx, day));
  }
  progress.packedBefore = Math.max(progress.packedBefore ?? packBefore, packBefore);
  progress.oneBucketBefore = Math.max(progress.oneBucketBefore ?? oneBucketBefore, oneBucketBefore);
  await forgetVisitorsBefore(db, dayOf(now));
  return changed;
}
