import type { Database } from '../db/database.js';
import { rollUpViews, type RollUpProgress } from './rollup.service.js';

// Minute rows become hours after two days: a pass every ten minutes keeps the table near its size.
const ROLL_UP_EVERY_MS = 10 * 60_000;

/** Rolls the analytics up now and then (each process may: passes never count a row twice). */
export function startAnalyticsRollUp(database: Database, onError: (error: unknown) => void): { stop(): void } {
  const progress: RollUpProgress = { hoursBefore: null, daysBefore: null };
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
