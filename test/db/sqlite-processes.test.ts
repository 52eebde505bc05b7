import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { openSqlite } from '../../src/db/database.js';

const dir = mkdtempSync(join(tmpdir(), 'herald-sqlite-processes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Several processes write one SQLite file (the cluster's workers, the newsletter delivery
// process, a CLI command beside the server). A transaction that reads, then writes, must wait
// its turn rather than fail when another process wrote in between.
it('lets a transaction that reads then writes finish while another process writes the same file', async () => {
  const file = join(dir, 'herald.db');
  const database = openSqlite(file);
  await sql`create table counter (n integer not null)`.execute(database.db);
  await sql`create table other (n integer not null)`.execute(database.db);
  await sql`insert into counter (n) values (0)`.execute(database.db);
  const writer = spawn(
    process.execPath,
    ['-e', `const db = new (require('better-sqlite3'))(${JSON.stringify(file)}); db.pragma('busy_timeout = 5000'); const until = Date.now() + 3000; while (Date.now() < until) db.prepare('insert into other (n) values (1)').run();`],
    { cwd: process.cwd(), stdio: 'inherit' },
  );
  const exited = new Promise((resolve) => writer.once('exit', resolve));
  let failures = 0;
  const rounds = 100;
  for (let i = 0; i < rounds; i++) {
    try {
      await database.db.transaction().execute(async (trx) => {
        const { rows } = await sql<{ n: number }>`select n from counter`.execute(trx);
        await new Promise((resolve) => setTimeout(resolve, 5));
        await sql`update counter set n = ${rows[0].n + 1}`.execute(trx);
      });
    } catch {
      failures++;
    }
  }
  await exited;
  expect(failures).toBe(0);
  const { rows } = await sql<{ n: number }>`select n from counter`.execute(database.db);
  expect(rows[0].n).toBe(rounds);
  await database.close();
}, 30_000);
