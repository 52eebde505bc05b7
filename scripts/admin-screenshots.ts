/**
 * `npm run screenshots:admin [FOLDER]`: photographs every admin screen of the demo newsroom
 * (and its sign-in, and the phone's open menu) on a desktop (1280) and a phone (390), light and
 * dark, and right to left, into FOLDER (a new temporary folder when none is given, printed at
 * the end). For looking at the admin after a change of its styles; nothing is compared.
 * Uses Debian's Chromium, nothing downloaded.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { BrowserContextOptions } from 'playwright-core';
import { createUser } from '../src/people/users.service.js';
import { startDemoSite } from './demo-site.js';

const out = process.argv[2] ? resolve(process.argv[2]) : mkdtempSync(join(tmpdir(), 'herald-admin-screenshots-'));
const EMAIL = 'screenshots@herald.test';
const PASSWORD = 'a password for the screenshots';
const SCREENS = ['/', '/stories', '/stories/new?language=en', '/media', '/taxonomy', '/comments', '/people', '/feeds', '/import', '/settings'];
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true };
const LOOKS = [
  { name: 'desktop-light', options: { ...DESKTOP, colorScheme: 'light' as const } },
  { name: 'desktop-dark', options: { ...DESKTOP, colorScheme: 'dark' as const } },
  { name: 'desktop-rtl', options: { ...DESKTOP, colorScheme: 'light' as const }, rtl: true },
  { name: 'phone-light', options: { ...PHONE, colorScheme: 'light' as const } },
  { name: 'phone-dark', options: { ...PHONE, colorScheme: 'dark' as const } },
  { name: 'phone-rtl', options: { ...PHONE, colorScheme: 'light' as const }, rtl: true },
];

const site = await startDemoSite();
const { browser, url } = site;
await createUser(site.database.db, { email: EMAIL, name: 'Ada Lovelace', role: 'administrator', password: PASSWORD });
try {
  mkdirSync(out, { recursive: true });
  for (const look of LOOKS) {
    const context = await browser.newContext(look.options);
    const page = await context.newPage();
    // The admin's strings are English for now; the direction is set by hand to see its right-to-left layout.
    const direction = () => (look.rtl ? page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl')) : Promise.resolve());
    const shoot = (name: string) => page.screenshot({ path: join(out, `${look.name}-${name}.png`), fullPage: true });
    await page.goto(`${url}/admin/`);
    await direction();
    await shoot('sign-in');
    await page.getByLabel('E-mail').fill(EMAIL);
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.locator('#admin-sidebar').waitFor({ state: 'attached' });
    for (const path of SCREENS) {
      await page.goto(`${url}/admin${path}`);
      await direction();
      await page.getByRole('heading', { level: 1 }).or(page.getByPlaceholder('Headline')).first().waitFor();
      await page.waitForLoadState('networkidle');
      await shoot(path === '/' ? 'dashboard' : path.slice(1).split('?')[0].replace(/\//g, '-'));
    }
    const menu = page.getByRole('button', { name: 'Menu' });
    if (await menu.isVisible()) {
      await menu.click();
      await shoot('menu');
    }
    await context.close();
  }
  console.log(out);
} finally {
  await site.close();
}
