import { sql, type Kysely } from 'kysely';
import { isPostgres } from './columns.js';

/**
 * After a bulk write (an import, a restore, the benchmark's seed), PostgreSQL plans with the
 * statistics it had before, often an empty table's: until autovacuum's next analyze, a story
 * was found by walking its language's index (5.8 ms) instead of its slug's (0.02 ms). SQLite
 * keeps no statistics unless asked, and its plans here are written for that; it is left alone.
 */
export async function refreshPlannerStatistics(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await sql`analyze`.execute(db);
}
