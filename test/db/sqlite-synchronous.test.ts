import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';

// The pragma exists only in SQLite: PostgreSQL's durability is the server's own setting.
describe("SQLite's synchronous pragma follows HERALD_SQLITE_SYNCHRONOUS", () => {
  const opened: Array<{ database: Database; dataDir: string }> = [];
  afterEach(async () => {
    for (const { database, dataDir } of opened.splice(0)) {
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  /** `PRAGMA synchronous` of a database opened as Herald opens it, from this environment. */
  async function synchronousWith(env: Record<string, string>): Promise<number> {
    const dataDir = mkdtempSync(join(tmpdir(), 'herald-sync-'));
    const database = openDatabase(loadConfig({ HERALD_DATA_DIR: dataDir, ...env }));
    opened.push({ database, dataDir });
    const { rows } = await sql<{ synchronous: number }>`PRAGMA synchronous`.execute(database.db);
    const [{ journal_mode }] = (await sql<{ journal_mode: string }>`PRAGMA journal_mode`.execute(database.db)).rows;
    expect(journal_mode).toBe('wal');
    return rows[0].synchronous;
  }

  it('is NORMAL (1) by default', async () => {
    expect(await synchronousWith({})).toBe(1);
    expect(await synchronousWith({ HERALD_SQLITE_SYNCHRONOUS: 'normal' })).toBe(1);
  });

  it('is FULL (2) with HERALD_SQLITE_SYNCHRONOUS=full', async () => {
    expect(await synchronousWith({ HERALD_SQLITE_SYNCHRONOUS: 'full' })).toBe(2);
    expect(await synchronousWith({ HERALD_SQLITE_SYNCHRONOUS: 'FULL' })).toBe(2);
  });
});
