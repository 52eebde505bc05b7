import type { MigrationResult } from 'kysely';
import type { Database } from './db/database.js';
import { migrateToLatest } from './db/migrate.js';
import { indexMissing } from './search/search.service.js';

/**
 * Makes a database ready to serve: migrates its schema, then indexes every story the search
 * index lacks. Migrations are frozen and import no application code, so one that creates or
 * changes the index leaves it empty for this to fill; it also catches stories written around
 * the service (a restore, a bulk seed). Whatever migrates a real database and then serves or
 * searches it calls this rather than migrateToLatest alone.
 */
export async function prepareDatabase(database: Database): Promise<{ applied: MigrationResult[]; indexed: number }> {
  const applied = await migrateToLatest(database);
  const indexed = await indexMissing(database.db);
  return { applied, indexed };
}
