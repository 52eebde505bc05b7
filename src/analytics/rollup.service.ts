import { sql, type Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { foldViews, forgetVisitorsBefore } from './views.repository.js';

export const MINUTE_MS = 60_000;
export const HOUR = 60;
export const DAY = 24 * HOUR;
/** Minute rows stay minute rows this long (the realtime and "today" views), then become hours. */
export const KEEP_MINUTES = 2 * DAY;
/** Hour rows stay hour rows this long, then become days (UTC days). */
export const KEEP_HOURS = 90 * DAY;

/** Where the roll-up got to, so that a run after the first looks only at what aged since. */
export interface RollUpProgress {
  hoursBefore: number | null;
  daysBefore: number | null;
}

export function minuteOf(instant: number): number {
  return Math.floor(instant / MINUTE_MS);
}

export function dayOf(instant: number): number {
  return Math.floor(instant / (DAY * MINUTE_MS));
}

async function oldestMinute(db: Kysely<Schema>): Promise<number | null> {
  const row = await db.selectFrom('analytics_views').select(sql<number>`min(minute)`.as('oldest')).executeTakeFirst();
  return row?.oldest == null ? null : Number(row.oldest);
}

/** Folds `[from, to)` into buckets of `width`, one day's rows per transaction. */
async function foldRange(db: Kysely<Schema>, from: number, to: number, width: number): Promise<number> {
  let folded = 0;
  for (let start = from - (from % DAY); start < to; start += DAY) {
    folded += await foldViews(db, Math.max(start, from), Math.min(start + DAY, to), width);
  }
  return folded;
}

/**
 * One pass of the roll-up: minute rows older than two days into hours, hour rows older than 90
 * days into days, and the visitor hashes of days gone by deleted. Safe to run in several
 * processes at once (see foldViews). Returns how many rows were folded.
 */
export async function rollUpViews(db: Kysely<Schema>, now: number, progress: RollUpProgress): Promise<number> {
  const hourCutoff = minuteOf(now) - KEEP_MINUTES;
  const hoursTo = hourCutoff - (hourCutoff % HOUR);
  const dayCutoff = minuteOf(now) - KEEP_HOURS;
  const daysTo = dayCutoff - (dayCutoff % DAY);
  const oldest = progress.hoursBefore === null || progress.daysBefore === null ? await oldestMinute(db) : null;
  let folded = 0;
  const hoursFrom = progress.hoursBefore ?? oldest;
  if (hoursFrom !== null && hoursFrom < hoursTo) folded += await foldRange(db, hoursFrom, hoursTo, HOUR);
  const daysFrom = progress.daysBefore ?? oldest;
  if (daysFrom !== null && daysFrom < daysTo) folded += await foldRange(db, daysFrom, daysTo, DAY);
  progress.hoursBefore = Math.max(progress.hoursBefore ?? 0, hoursTo);
  progress.daysBefore = Math.max(progress.daysBefore ?? 0, daysTo);
  await forgetVisitorsBefore(db, dayOf(now));
  return folded;
}
