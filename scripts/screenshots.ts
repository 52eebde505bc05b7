/**
 * `npm run screenshots`: photographs real story pages — English (left to right) and Arabic
 * (right to left), on a phone (390×844) and a desktop (1280×800) — into docs/screenshots/,
 * from a throw-away server holding the demo newsroom. Uses Debian's Chromium, nothing downloaded.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { loadDemo } from '../src/demo/demo.js';

const OUT = resolve('docs/screenshots');
const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
};
const STORIES = [
  { language: 'en', titleContains: 'Volunteers' },
  { language: 'ar', titleContains: 'التمور' },
];

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
try {
  mkdirSync(OUT, { recursive: true });
  for (const story of STORIES) {
    const { slug } = await database.db
      .selectFrom('articles')
      .select('slug')
      .where('language', '=', story.language)
      .where('title', 'like', `%${story.titleContains}%`)
      .executeTakeFirstOrThrow();
    for (const [device, options] of Object.entries(VIEWPORTS)) {
      const context = await browser.newContext({ ...options, colorScheme: 'light' });
      const page = await context.newPage();
      await page.goto(`${url}/${story.language}/${encodeURIComponent(slug)}`, { waitUntil: 'networkidle' });
      const file = join(OUT, `story-${story.language}-${device}.png`);
      await page.screenshot({ path: file });
      console.log(file);
      await context.close();
    }
  }
} finally {
  await browser.close();
  await app.close();
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
}
