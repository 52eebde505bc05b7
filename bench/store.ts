/** A throw-away store for a benchmark: a fresh data folder, and for PostgreSQL a fresh database; both removed by `drop`. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

export interface BenchStore {
  dataDir: string;
  /** '' for SQLite (the file lives in dataDir). */
  databaseUrl: string;
  drop(): Promise<void>;
}

/**
 * PostgreSQL databases are created through HERALD_BENCH_POSTGRES_URL (default
 * postgres://postgres@127.0.0.1:5432/postgres) and dropped with FORCE at the end.
 */
export async function freshStore(engine: 'sqlite' | 'postgres', prefix: string): Promise<BenchStore> {
  const dataDir = mkdtempSync(join(tmpdir(), `${prefix}-`));
  if (engine === 'sqlite') return { dataDir, databaseUrl: '', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const adminUrl = process.env.HERALD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `herald_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
