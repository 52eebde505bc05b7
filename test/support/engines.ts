import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe } from 'vitest';
import { openPostgres, openSqlite, type Database, type Engine } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';

/**
 * The engines every storage test runs on: both, unless HERALD_TEST_ENGINES names some
 * (`sqlite` on a machine without PostgreSQL). CI sets nothing and so runs both.
 */
export const ENGINES: Engine[] = testEngines(process.env.HERALD_TEST_ENGINES);

function testEngines(raw: string | undefined): Engine[] {
  if (!raw?.trim()) return ['sqlite', 'postgres'];
  const names = raw.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => name !== 'sqlite' && name !== 'postgres');
  if (unknown.length) throw new Error(`HERALD_TEST_ENGINES lists ${unknown.join(', ')}: use sqlite, postgres or both, comma-separated`);
  return names as Engine[];
}

/** The PostgreSQL server tests create their throw-away databases on. */
export const POSTGRES_ADMIN_URL = process.env.HERALD_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestStore {
  engine: Engine;
  /** What `DATABASE_URL` would be for this store ('' for SQLite, which uses `dataDir`). */
  databaseUrl: string;
  dataDir: string;
  drop(): Promise<void>;
}

/** A fresh, empty store: a SQLite file in a temp folder, or a new PostgreSQL database. */
export async function createStore(engine: Engine): Promise<TestStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-test-'));
  if (engine === 'sqlite') {
    return { engine, databaseUrl: '', dataDir, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  }
  const name = `herald_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    engine,
    databaseUrl: url.toString(),
    dataDir,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      // pg's Pool.end() resolves before its sockets have closed; a FORCE drop during that
      // moment sends the closing clients a FATAL they report as an unhandled error.
      for (let i = 0; i < 50; i++) {
        const { rows } = await client.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The environment that points Herald at a test store, quietly and without demo content. */
export function storeEnvironment(store: TestStore): Record<string, string> {
  return { HERALD_DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl, HERALD_LOG_LEVEL: 'silent', HERALD_DEMO: 'off' };
}

export function openStore(store: TestStore): Database {
  return store.engine === 'sqlite' ? openSqlite(join(store.dataDir, 'herald.db')) : openPostgres(store.databaseUrl);
}

/**
 * Runs a suite once per engine against a fresh, migrated database. The callback receives a
 * getter because the database only exists once `beforeAll` has run.
 */
export function describeEachEngine(name: string, suite: (database: () => Database, engine: Engine) => void): void {
  for (const engine of ENGINES) {
    describe(`${name} [${engine}]`, () => {
      let store: TestStore;
      let database: Database;
      beforeAll(async () => {
        store = await createStore(engine);
        database = openStore(store);
        await migrateToLatest(database);
      });
      afterAll(async () => {
        await database?.close();
        await store?.drop();
      });
      suite(() => database, engine);
    });
  }
}
