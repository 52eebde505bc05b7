import { Migrator, type MigrationResult } from 'kysely';
import type { Database } from './database.js';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {}

/**
 * Brings the schema up to date. All pending migrations run in one transaction on both
 * engines, so a failure leaves the database exactly as it was.
 */
export async function migrateToLatest(database: Database): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: database.db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: 'herald_migrations',
    migrationLockTableName: 'herald_migrations_lock',
    // Work on different domains lands in any order; a migration dated earlier than one already
    // applied must still run rather than block the start.
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const reason = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`migration ${failed} failed, nothing was changed: ${reason}`);
  }
  return results ?? [];
}
