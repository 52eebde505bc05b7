import sharp from 'sharp';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStoryPath, launchChromium, startSiteServer, type SiteServer } from './site-server.js';

describe('Reader site in Chromium', { timeout: 60_000 }, () => {
  let server: SiteServer;
  let browser: Browser;
  let phone: BrowserContext;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startSiteServer(), launchChromium()]);
    phone = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('switches a story to its French version, and to the Arabic home where there is no Arabic version', async () => {
    const page = await phone.newPage();
    await page.goto(server.url + (await demoStoryPath(server.database, 'en', 'Volunteers')));
    await page.locator('nav.languages a[hreflang="fr"]').click();
    await page.waitForURL(/\/fr\//);
    expect(await page.locator('h1').textContent()).toBe('Des bénévoles retirent deux tonnes de déchets de la rivière en un week-end');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.locator('nav.languages a[hreflang="ar"]').click();
    await page.waitForURL(`${server.url}/ar/`);
    expect(await page.getAttribute('html', 'dir')).toBe('rtl');
    await page.close();
  });

  it('lays an Arabic story out right to left', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url + (await demoStoryPath(server.database, 'ar', 'التمور')));
    const layout = await page.evaluate(() => {
      const h1 = document.querySelector('h1')!;
      const range = document.createRange();
      range.selectNodeContents(h1);
      const text = range.getClientRects()[0];
      const box = h1.getBoundingClientRect();
      const name = document.querySelector('.site-name')!.getBoundingClientRect();
      const search = document.querySelector('.search')!.getBoundingClientRect();
      return {
        dir: document.documentElement.dir,
        direction: getComputedStyle(h1).direction,
        textStartsAtRight: Math.abs(text.right - box.right) < 2,
        nameRightOfSearch: name.left > search.left,
        prevIsRight: (() => {
          const prev = document.querySelector('.prev-next .prev');
          return prev ? prev.getBoundingClientRect().left > window.innerWidth / 2 : null;
        })(),
      };
    });
    expect(layout).toMatchObject({ dir: 'rtl', direction: 'rtl', textStartsAtRight: true, nameRightOfSearch: true });
    await page.close();
  });

  it('follows the reader colour scheme and prints the story without navigation, sharing or comments', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url + (await demoStoryPath(server.database, 'en', 'Village library')));
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await background();
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await background();
    const luminance = (rgb: string) => rgb.match(/\d+/g)!.slice(0, 3).map(Number).reduce((a, b) => a + b, 0);
    expect(luminance(light)).toBeGreaterThan(600);
    expect(luminance(dark)).toBeLessThan(150);
    await page.emulateMedia({ media: 'print', colorScheme: 'dark' });
    const shown = await page.evaluate(() =>
      Object.fromEntries(['.search', '.languages', '.share', '.comments', '.related', '.prev-next', 'h1', '.body'].map((selector) => {
        const el = document.querySelector(selector);
        return [selector, el ? getComputedStyle(el).display !== 'none' : null];
      })),
    );
    expect(shown).toEqual({ '.search': false, '.languages': false, '.share': false, '.comments': false, '.related': false, '.prev-next': false, h1: true, '.body': true });
    expect(luminance(await background())).toBeGreaterThan(600);
    await page.close();
  });

  it('copies the story link with the copy-link button and says so', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.url });
    const page = await context.newPage();
    const path = await demoStoryPath(server.database, 'en', 'Village library');
    await page.goto(server.url + path);
    const button = page.locator('button[data-copy-link]');
    await expect.poll(() => button.isVisible()).toBe(true);
    await button.click();
    await expect.poll(() => page.locator('#copy-status').textContent()).toBe('Link copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(server.url + path);
    await context.close();
  });

  it('shows the 404 page in the language of the address, with a way home', async () => {
    const page = await phone.newPage();
    const response = await page.goto(`${server.url}/fr/cette-page-nexiste-pas`);
    expect(response?.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page introuvable');
    expect(await page.getAttribute('html', 'lang')).toBe('fr');
    await page.locator('main a[href="/fr/"]').click();
    await page.waitForURL(`${server.url}/fr/`);
    await page.close();
  });

  it('fits the English and Arabic home pages in a phone screen without sideways scrolling', async () => {
    const page = await phone.newPage();
    for (const home of ['/en/', '/ar/', '/zh-Hant/']) {
      await page.goto(server.url + home);
      expect(await page.evaluate(() => document.documentElement.scrollWidth), home).toBeLessThanOrEqual(390);
      expect(await page.locator('.lead h2').isVisible(), home).toBe(true);
    }
    await page.close();
  });

  for (const [language, word] of [['en', 'Volunteers'], ['ar', 'التمور']] as const) {
    it(`renders a ${language} story on a phone with the headline above the fold and nothing wider than the screen`, async () => {
      const page = await phone.newPage();
      const errors: string[] = [];
      page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
      await page.goto(server.url + (await demoStoryPath(server.database, language, word)));
      const layout = await page.evaluate(() => {
        const h1 = document.querySelector('h1')!.getBoundingClientRect();
        return { top: h1.top, bottom: h1.bottom, height: h1.height, scrollWidth: document.documentElement.scrollWidth };
      });
      expect(layout.top).toBeGreaterThanOrEqual(0);
      expect(layout.height).toBeGreaterThan(20);
      expect(layout.bottom).toBeLessThan(844);
      expect(layout.scrollWidth).toBeLessThanOrEqual(390);
      const png = await page.screenshot();
      const stats = await sharp(png).stats();
      const { width, height } = await sharp(png).metadata();
      expect([width, height]).toEqual([390, 844]);
      // A blank or single-colour screenshot has no spread in any channel.
      expect(Math.max(...stats.channels.map((c) => c.stdev))).toBeGreaterThan(20);
      expect(errors).toEqual([]);
      await page.close();
    });
  }
});
