/**
 * A throw-away server holding the demo newsroom, and Debian's Chromium to look at it, for the
 * screenshot scripts. Nothing is downloaded; `close()` removes everything it made.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase, type Database } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/demo.js';

export interface DemoSite {
  database: Database;
  url: string;
  browser: Browser;
  close(): Promise<void>;
}

export async function startDemoSite(): Promise<DemoSite> {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-screenshots-'));
  const config = loadConfig({ HERALD_DATA_DIR: dataDir, HERALD_DEMO: 'off', HERALD_LOG_LEVEL: 'silent', DATABASE_URL: '' });
  const database = openDatabase(config);
  await migrateToLatest(database);
  const app = await buildApp({ config, database, logger: false });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  await loadDemo(database, { ...config, baseUrl: url });
  const browser = await chromium.launch({
    executablePath: process.env.HERALD_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  return {
    database,
    url,
    browser,
    async close() {
      await browser.close();
      await app.close();
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
