import type { Database } from '../db/database.js';
import { rollUpViews, type RollUpProgress } from './rollup.service.js';

// A day's minute rows are packed once they are two days old: a pass every ten minutes is soon enough.
const ROLL_UP_EVERY_MS = 10 * 60_000;

/** Rolls the analytics up now and then (each process may: passes never count a row twice). */
export function startAnalyticsRollUp(database: Database, onError: (error: unknown) => void): { stop(): void } {
  const progress: RollUpProgress = { packedBefore: null, oneBucketBefore: null };
  let running: Promise<unknown> = Promise.resolve();
  const run = () => {
    running = running.then(() => rollUpViews(database.db, Date.now(), progress)).catch(onError);
  };
  run();
  const timer = setInterval(run, ROLL_UP_EVERY_MS);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
    },
  };
}
