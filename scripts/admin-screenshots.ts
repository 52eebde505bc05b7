/**
 * `npm run screenshots:admin [FOLDER]`: photographs every admin screen of the demo newsroom
 * (and those before signing in: sign-in, password reset, an invitation's one-time link; the
 * editor of a demo story; the phone's open menu) on a desktop (1280) and a phone (390): light and
 * dark in English, and in each other language the admin is written in (Arabic right to left),
 * into FOLDER (a new temporary folder when none is given, printed at the end). For looking at
 * the admin after a change of its styles or words; nothing is compared.
 * Uses Debian's Chromium, nothing downloaded.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { INTERFACE_LANGUAGES } from '../src/core/interface-text.js';
import { createLink } from '../src/people/links.service.js';
import { createUser } from '../src/people/users.service.js';
import { startDemoSite } from './demo-site.js';

const out = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'herald-admin-screenshots-'));
const EMAIL = 'screenshots@herald.test';
const PASSWORD = 'a password for the screenshots';
// Every screen of the menu, in its order (src/admin/screens.ts), and a new story's editor.
const SCREENS = ['/', '/stories', '/stats', '/stories/new?language=en', '/media', '/taxonomy', '/comments', '/newsletters', '/members', '/people', '/fediverse', '/feeds', '/import', '/settings'];
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
// The browser's language picks the admin's for a person who has not chosen one.
const LOOKS: Array<{ name: string; options: BrowserContextOptions }> = [
  ...(['light', 'dark'] as const).flatMap((colorScheme) => [
    { name: `desktop-${colorScheme}`, options: { ...DESKTOP, colorScheme, locale: 'en' } },
    { name: `phone-${colorScheme}`, options: { ...PHONE, colorScheme, locale: 'en' } },
  ]),
  ...INTERFACE_LANGUAGES.filter((language) => language !== 'en').flatMap((locale) => [
    { name: `desktop-${locale}`, options: { ...DESKTOP, locale } },
    { name: `phone-${locale}`, options: { ...PHONE, locale } },
  ]),
];

const site = await startDemoSite();
const { browser, url } = site;
await createUser(site.database.db, { email: EMAIL, name: 'Ada Lovelace', role: 'administrator', password: PASSWORD });
const invited = await createUser(site.database.db, { email: 'invited@herald.test', name: 'Grace Hopper', role: 'author' });
const invitation = (await createLink(site.database.db, 'invitation', invited.id, 'screenshots')).token;
const story = await site.database.db.selectFrom('articles').select('id').where('language', '=', 'en').orderBy('id').executeTakeFirstOrThrow();
try {
  mkdirSync(out, { recursive: true });
  for (const look of LOOKS) {
    const context = await browser.newContext(look.options);
    const page = await context.newPage();
    const shoot = (name: string, fullPage = true) => page.screenshot({ path: join(out, `${look.name}-${name}.png`), fullPage });
    for (const [name, path] of [['sign-in', '/'], ['reset', '/reset'], ['invitation', `/link/${invitation}`]]) {
      await page.goto(`${url}/admin${path}`);
      await page.locator('form').waitFor();
      await shoot(name);
    }
    // Signed in through the API (the form's words change with the language); the cookie is the page's.
    const signedIn = await context.request.post(`${url}/api/admin/v1/session`, { data: { email: EMAIL, password: PASSWORD } });
    if (!signedIn.ok()) throw new Error(`signing in failed: ${signedIn.status()}`);
    for (const path of SCREENS) {
      await page.goto(`${url}/admin${path}`);
      await page.locator('#admin-sidebar').waitFor({ state: 'attached' });
      await page.waitForLoadState('networkidle');
      await shoot(path === '/' ? 'dashboard' : path.slice(1).split('?')[0].replace(/\//g, '-'));
    }
    await page.goto(`${url}/admin/stories/${story.id}`);
    await page.locator('.writing [contenteditable]').waitFor();
    await page.waitForLoadState('networkidle');
    await shoot('story');
    const menu = page.locator('.topbar button[aria-controls="admin-sidebar"]');
    if (await menu.isVisible()) {
      await menu.click();
      // The drawer is as tall as the screen: the rest of the page behind it adds nothing.
      await shoot('menu', false);
    }
    await context.close();
  }
  console.log(out);
} finally {
  await site.close();
}
