import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { loadDemo } from '../../src/demo/demo.js';
import { createStore, openStore, storeEnvironment, type TestStore } from '../support/engines.js';

/** Debian's Chromium, never a downloaded one; flags that keep it off the network and quiet. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.HERALD_CHROMIUM ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export interface SiteServer {
  url: string;
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
}

/**
 * A real Herald server on 127.0.0.1 and a random port, on a fresh SQLite store holding the
 * demo newsroom (English, French, Traditional Chinese and Arabic stories); `env` adds settings
 * (HERALD_SMTP_URL for a test that reads the site's mail).
 */
export async function startSiteServer(env: Record<string, string> = {}): Promise<SiteServer> {
  const store: TestStore = await createStore('sqlite');
  const config = loadConfig({ ...storeEnvironment(store), ...env });
  const database = openStore(store);
  await migrateToLatest(database);
  const app = await buildApp({ config, database, logger: false });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  await loadDemo(database, { ...config, baseUrl: address });
  return {
    url: address,
    app,
    database,
    async close() {
      await app.close();
      await database.close();
      await store.drop();
    },
  };
}

/** The public path of a demo story version, found by language and a word of its title. */
export async function demoStoryPath(database: Database, language: string, titleContains: string): Promise<string> {
  const row = await database.db
    .selectFrom('articles')
    .select('slug')
    .where('language', '=', language)
    .where('title', 'like', `%${titleContains}%`)
    .executeTakeFirstOrThrow();
  return `/${language}/${encodeURIComponent(row.slug)}`;
}
