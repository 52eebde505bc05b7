/**
 * `npm run screenshots`: photographs real story pages — English (left to right) and Arabic
 * (right to left), on a phone (390×844) and a desktop (1280×800) — into docs/screenshots/,
 * from a throw-away server holding the demo newsroom. Uses Debian's Chromium, nothing downloaded.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startDemoSite } from './demo-site.js';

const OUT = resolve('docs/screenshots');
const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
  desktop: { viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 },
};
const STORIES = [
  { language: 'en', titleContains: 'Volunteers' },
  { language: 'ar', titleContains: 'التمور' },
];

const site = await startDemoSite();
const { browser, database, url } = site;
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
  await site.close();
}
