/**
 * `herald backup`: a consistent copy of the live database. SQLite is copied with its online
 * backup API while the site runs; for PostgreSQL the right tool is pg_dump, whose command
 * is explained rather than run (it belongs to the database server's installation).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Config } from '../config.js';
import { backupSqliteFile } from '../db/backup.js';
import { sqliteFile } from '../db/database.js';
import { AppError } from '../core/errors.js';

export type BackupResult = { kind: 'sqlite'; file: string; totalPages: number } | { kind: 'postgres'; command: string };

function stamp(now: Date): string {
  return now.toISOString().replace(/[:.]/g, '-').replace(/-\d{3}Z$/, 'Z');
}

export async function backupDatabase(config: Pick<Config, 'databaseUrl' | 'dataDir'>, target?: string, now = new Date()): Promise<BackupResult> {
  if (config.databaseUrl) {
    const file = target ?? `herald-${stamp(now)}.dump`;
    // The URL stays in the environment variable, so the password is never printed.
    return { kind: 'postgres', command: `pg_dump --format=custom --no-owner --file=${JSON.stringify(file)} "$DATABASE_URL"` };
  }
  const source = sqliteFile(config.dataDir);
  if (!existsSync(source)) throw new AppError('NOT_FOUND', `There is no database at ${source} to back up (is HERALD_DATA_DIR right?).`);
  const file = target ?? join(config.dataDir, 'backups', `herald-${stamp(now)}.db`);
  if (existsSync(file)) throw new AppError('CONFLICT', `${file} already exists; choose another file name.`);
  mkdirSync(dirname(file), { recursive: true });
  const { totalPages } = await backupSqliteFile(source, file);
  return { kind: 'sqlite', file, totalPages };
}
