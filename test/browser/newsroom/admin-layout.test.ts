import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { createSection } from '../../../src/content/sections.service.js';
import { changeSettings } from '../../../src/settings/settings.service.js';
import { IMPORT_ACTOR } from '../../../src/portability/import.writer.js';
import { createLink } from '../../../src/people/links.service.js';
import { seriousViolations } from './axe.js';
import { newsroomSuite, PASSWORD, signInAs } from './newsroom-server.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };

/** How far the document reaches past the viewport sideways (0 when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

/** The admin's screens a phone reaches: each through the menu button, then the editor of a new story (in any admin language). */
async function visitEveryScreen(page: Page, url: string, check: (screen: string) => Promise<void>): Promise<string[]> {
  const menu = page.locator('.topbar button[aria-controls="admin-sidebar"]');
  const links = page.locator('#admin-sidebar nav a');
  await menu.click();
  const names = await links.allTextContents();
  await page.keyboard.press('Escape');
  for (const [index, name] of names.entries()) {
    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await links.nth(index).click();
    await expect.poll(() => menu.getAttribute('aria-expanded')).toBe('false');
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    await check(name);
  }
  await page.goto(`${url}/admin/stories/new?language=en`);
  await page.locator('.writing [contenteditable]').waitFor();
  await page.waitForLoadState('networkidle');
  await check('the editor of a new story');
  return names;
}

describe('the admin on a phone and a desktop, left to right and right to left', () => {
  const newsroom = newsroomSuite();
  let email: string;
  let adminId: number;
  beforeAll(async () => {
    await changeSettings(newsroom.server.database, IMPORT_ACTOR, { name: 'Harbour Daily' });
    ({ email, id: adminId } = await newsroom.person('administrator', 'Ada Admin'));
  });

  async function signedIn(options: BrowserContextOptions): Promise<Page> {
    const context = await newsroom.browser.newContext(options);
    const page = await context.newPage();
    await signInAs(page, newsroom.url, email);
    return page;
  }

  it('says what to do on an empty list: no stories yet, and the button writes the first one', async () => {
    const page = await signedIn(PHONE);
    await page.goto(`${newsroom.url}/admin/stories`);
    const empty = page.getByRole('status').filter({ hasText: 'No stories yet' });
    await empty.waitFor();
    expect(await page.locator('table').count()).toBe(0);
    await empty.getByRole('button', { name: 'Write your first story' }).click();
    await page.getByPlaceholder('Headline').waitFor();
    expect(new URL(page.url()).pathname).toBe('/admin/stories/new');
    await page.context().close();
  });

  describe('with stories in the lists', () => {
    // A dozen screens, each checked by axe: longer than one test's default on a busy machine.
    const EVERY_SCREEN_MS = 90_000;
    let whale: { id: number };
    beforeAll(async () => {
      const actor = { role: 'administrator' as const, userId: adminId, principal: `user:${adminId}`, name: 'Ada Admin' };
      const long = 'Fishermen, harbour pilots and the coastguard of Marseille worked through the night to bring a stranded whale back to open water';
      whale = await createArticle(newsroom.server.database, { language: 'en', title: long, status: 'published', tags: ['Whales', 'Marseille harbour'] }, actor, newsroom.url);
      await createArticle(newsroom.server.database, { language: 'fr', title: 'Une baleine sauvée', status: 'draft' }, actor, newsroom.url);
      // A row of one name field per language: four languages made the Sections table wider than a desktop's page.
      await changeSettings(newsroom.server.database, actor, { languages: ['en', 'fr', 'zh-Hant', 'ar'] });
      const names = { name: 'Environment and climate' };
      await createSection(newsroom.server.database, actor, { names: { en: names, fr: names, 'zh-Hant': names, ar: names } });
    });

    for (const colorScheme of ['light', 'dark'] as const) {
      it(`fits every screen in 390 px through the menu, with no serious axe violation (${colorScheme})`, async () => {
        const page = await signedIn({ ...PHONE, colorScheme });
        const problems: string[] = [];
        const screens = await visitEveryScreen(page, newsroom.url, async (screen) => {
          const overflow = await sidewaysOverflow(page);
          if (overflow > 0) problems.push(`${screen}: ${overflow} px wider than the phone`);
          problems.push(...(await seriousViolations(page)).map((v) => `${screen}: ${v}`));
        });
        expect(screens).toEqual(['Dashboard', 'Stories', 'Stats', 'Media', 'Sections & tags', 'Comments', 'Newsletters', 'Members', 'People', 'Fediverse', 'Partner feeds', 'Import', 'Settings']);
        expect(problems).toEqual([]);
        await page.context().close();
      }, EVERY_SCREEN_MS);
    }

    // Every admin language on a phone: German's long words, Chinese, and Arabic right to left.
    for (const language of ['fr', 'de', 'es', 'zh-Hant', 'ar'] as const) {
      it(`fits every screen in 390 px in ${language}, with no serious axe violation${language === 'ar' ? ', the menu opening from the right' : ''}`, async () => {
        await newsroom.server.database.db.updateTable('users').set({ interface_language: language }).where('id', '=', adminId).execute();
        try {
          const page = await signedIn(PHONE);
          const problems: string[] = [];
          const screens = await visitEveryScreen(page, newsroom.url, async (screen) => {
            expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual([language, language === 'ar' ? 'rtl' : 'ltr']);
            const overflow = await sidewaysOverflow(page);
            if (overflow > 0) problems.push(`${screen}: ${overflow} px wider than the phone`);
            problems.push(...(await seriousViolations(page)).map((v) => `${screen}: ${v}`));
          });
          expect(screens).toHaveLength(13);
          expect(screens).not.toContain('Stories');
          expect(problems).toEqual([]);
          if (language === 'ar') {
            await page.locator('.topbar button[aria-controls="admin-sidebar"]').click();
            const drawer = (await page.locator('#admin-sidebar').boundingBox())!;
            expect(drawer.x + drawer.width).toBeCloseTo(390, 0);
            expect(drawer.x).toBeGreaterThan(0);
          }
          await page.context().close();
        } finally {
          await newsroom.server.database.db.updateTable('users').set({ interface_language: null }).where('id', '=', adminId).execute();
        }
      }, EVERY_SCREEN_MS);
    }

    // The screens outside the menu: before signing in (sign-in, password reset, an invitation's
    // one-time link) and the editor of a story that exists, with its settings and history.
    for (const [look, options] of [['desktop', DESKTOP], ['phone', PHONE]] as const) {
      for (const locale of ['en', 'ar'] as const) {
        it(`fits the sign-in, reset, invitation and story editor screens on a ${look} in ${locale}, with no serious axe violation`, async () => {
          const invited = await newsroom.person('author', `Invited ${look} ${locale}`);
          const { token } = await createLink(newsroom.server.database.db, 'invitation', invited.id, 'test');
          const context = await newsroom.browser.newContext({ ...options, locale });
          const page = await context.newPage();
          const problems: string[] = [];
          const check = async (screen: string, path: string, ready: string) => {
            await page.goto(`${newsroom.url}/admin${path}`);
            await page.locator(ready).first().waitFor();
            await page.waitForLoadState('networkidle');
            expect(await page.evaluate(() => document.documentElement.dir), screen).toBe(locale === 'ar' ? 'rtl' : 'ltr');
            const overflow = await sidewaysOverflow(page);
            if (overflow > 0) problems.push(`${screen}: ${overflow} px wider than the screen`);
            problems.push(...(await seriousViolations(page)).map((v) => `${screen}: ${v}`));
          };
          await check('sign-in', '/', 'form input[type="password"]');
          await check('password reset', '/reset', 'form input[type="email"]');
          await check('invitation link', `/link/${token}`, 'form input[type="password"]');
          // Signed in through the API: the form's words are the browser's language.
          const signedIn = await context.request.post(`${newsroom.url}/api/admin/v1/session`, { data: { email, password: PASSWORD } });
          expect(signedIn.ok()).toBe(true);
          await check('the editor of a story', `/stories/${whale.id}`, '.writing [contenteditable]');
          expect(problems).toEqual([]);
          await context.close();
        }, EVERY_SCREEN_MS);
      }
    }

    it('opens the menu from the keyboard: focus moves into it, Escape closes it and gives focus back to the button', async () => {
      const page = await signedIn(PHONE);
      const menu = page.getByRole('button', { name: 'Menu' });
      const firstLink = page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Dashboard' });
      expect(await firstLink.isVisible()).toBe(false);
      expect(await page.getByRole('banner').getByText('Harbour Daily').isVisible()).toBe(true);
      await menu.focus();
      await page.keyboard.press('Enter');
      expect(await menu.getAttribute('aria-expanded')).toBe('true');
      await expect.poll(() => page.evaluate(() => document.activeElement?.closest('#admin-sidebar') !== null)).toBe(true);
    // Tab goes through the menu and never into the screen behind it.
    for (let step = 0; step < 16; step++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('#main') === null)).toBe(true);
    }
      await page.keyboard.press('Escape');
      expect(await menu.getAttribute('aria-expanded')).toBe('false');
      expect(await firstLink.isVisible()).toBe(false);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Menu');
      await page.context().close();
    });

    it('shows a sidebar on a desktop: the newsroom name, icons with labels, the current screen, the person and sign-out', async () => {
      const page = await signedIn(DESKTOP);
      const nav = page.getByRole('navigation', { name: 'Admin' });
      expect(await page.getByRole('button', { name: 'Menu' }).isVisible()).toBe(false);
      expect(await page.locator('.sidebar').getByRole('link', { name: 'Harbour Daily' }).isVisible()).toBe(true);
      await nav.getByRole('link', { name: 'Stories' }).click();
      await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
      expect(await nav.locator('[aria-current="page"]').textContent()).toBe('Stories');
      expect(await nav.getByRole('link').evaluateAll((links) => links.every((a) => a.querySelector('svg[aria-hidden="true"]')))).toBe(true);
      for (const name of await nav.getByRole('link').allTextContents()) {
      await nav.getByRole('link', { name, exact: true }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      expect([name, await sidewaysOverflow(page)]).toEqual([name, 0]);
    }
    const sidebar = (await page.locator('#admin-sidebar').boundingBox())!;
      expect(sidebar.x).toBe(0);
      expect(await page.locator('.sidebar').getByText('Ada Admin').isVisible()).toBe(true);
      expect(await page.getByRole('button', { name: 'Sign out', exact: true }).isVisible()).toBe(true);
      await page.evaluate(() => document.documentElement.setAttribute('dir', 'rtl'));
      const mirrored = (await page.locator('#admin-sidebar').boundingBox())!;
      expect(mirrored.x + mirrored.width).toBeCloseTo(1280, 0);
      await page.context().close();
    });
  });
});
