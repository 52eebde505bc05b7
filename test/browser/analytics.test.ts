import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsTotals, type Counts } from '../../src/analytics/stats.service.js';
import { createArticle } from '../../src/content/articles.service.js';
import type { Actor } from '../../src/people/permissions.js';
import { createUser } from '../../src/people/users.service.js';
import { launchChromium, startSiteServer, type SiteServer } from './site-server.js';

// A reader's Chrome: the headless one names itself HeadlessChrome, which counts as a robot.
const READER = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const OTHER_READER = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const PASSWORD = 'a long enough password for tests';

describe('Counting readers in Chromium', () => {
  let server: SiteServer;
  let browser: Browser;
  let storyPath = '';
  let storyId = 0;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    [server, browser] = await Promise.all([startSiteServer({ HERALD_ANALYTICS_RATE_LIMIT: '10000' }), launchChromium()]);
    const paragraphs = Array.from({ length: 40 }, (_, i) => `<p>Paragraph ${i + 1} of the council's long budget debate, told at length.</p>`).join('');
    const story = await createArticle(server.database, { language: 'en', title: 'The long budget debate', body: paragraphs, status: 'published' }, editor, server.url);
    storyId = story.id;
    storyPath = new URL(story.url).pathname;
    await createUser(server.database.db, { email: 'admin@herald.test', name: 'Ada Admin', role: 'administrator', password: PASSWORD });
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await server?.close();
  });

  async function reader(userAgent: string, headers: Record<string, string> = {}) {
    const context = await browser.newContext({ userAgent, viewport: { width: 1280, height: 720 }, extraHTTPHeaders: headers });
    contexts.push(context);
    return context;
  }

  async function counts(): Promise<Counts> {
    await server.app.analytics.flush();
    const day = 86_400_000;
    return statsTotals(server.database.db, { from: new Date(Date.now() - day), to: new Date(Date.now() + day), articleId: storyId });
  }

  /** Waits until the counts are these (beacons arrive when the browser sends them), then checks they stay so. */
  async function expectCounts(expected: Counts) {
    for (let i = 0; i < 100 && JSON.stringify(await counts()) !== JSON.stringify(expected); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await counts()).toEqual(expected);
  }

  async function read(context: BrowserContext, { toTheEnd = false } = {}) {
    const page = await context.newPage();
    const beaconSent = page.waitForRequest((request) => request.url().endsWith('/analytics/view') && request.method() === 'POST');
    await page.goto(`${server.url}${storyPath}`);
    await beaconSent;
    if (toTheEnd) {
      const read = page.waitForRequest((request) => request.url().endsWith('/analytics/view') && (request.postData() ?? '').includes('"read"'));
      await page.locator('.story > .body > :last-child').scrollIntoViewIfNeeded();
      await read;
    }
    return page;
  }

  it('counts one view and one visitor for a reading, a second view but no second visitor the same day, and a read to the end', async () => {
    const context = await reader(READER);
    const first = await read(context);
    await expectCounts({ views: 1, visitors: 1, reads: 0 });
    await first.close();
    const again = await read(context, { toTheEnd: true });
    await expectCounts({ views: 2, visitors: 1, reads: 1 });
    await again.close();
  });

  it('counts the view but not the visitor when the browser sends Sec-GPC: 1', async () => {
    const before = await counts();
    const page = await read(await reader(OTHER_READER, { 'Sec-GPC': '1' }));
    await expectCounts({ ...before, views: before.views + 1 });
    await page.close();
  });

  it('counts nothing for a signed-in administrator reading the story, or for a prefetch of it', async () => {
    const before = await counts();
    const admin = await reader('Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36');
    const signIn = await admin.request.post(`${server.url}/api/admin/v1/session`, { data: { email: 'admin@herald.test', password: PASSWORD } });
    expect(signIn.status()).toBe(200);
    const page = await read(admin, { toTheEnd: true });
    await expectCounts(before);
    await page.close();

    const visitor = await reader('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36');
    const home = await visitor.newPage();
    await home.goto(`${server.url}/en/`);
    const prefetched = home.waitForRequest((request) => request.url().endsWith(storyPath));
    await home.evaluate((path) => {
      const link = document.createElement('link');
      link.rel = 'prefetch';
      link.href = path;
      document.head.append(link);
    }, storyPath);
    const request = await prefetched;
    expect((await request.allHeaders())['sec-purpose']).toMatch(/prefetch/);
    // The home page's own view counts (article 0); the prefetched story nothing.
    await expectCounts(before);
    await home.close();
  });

  it('counts a reader who followed a newsletter’s or the fediverse’s link under that source, on the same cached page with the same canonical address', async () => {
    const plain = await fetch(`${server.url}${storyPath}`, { headers: { 'user-agent': READER } });
    await plain.arrayBuffer();
    const sources = async () => {
      await server.app.analytics.flush();
      const rows = await server.database.db.selectFrom('analytics_views').select(['source', 'views']).where('article_id', '=', storyId).where('source', '<>', '').orderBy('source').execute();
      return rows.map((row) => [row.source, row.views]);
    };
    for (const source of ['morning-briefing-newsletter', 'fediverse']) {
      const page = await (await reader(READER)).newPage();
      const beaconSent = page.waitForRequest((request) => request.url().endsWith('/analytics/view') && (request.postData() ?? '').includes(source));
      const response = await page.goto(`${server.url}${storyPath}?ref=${source}`);
      await beaconSent;
      // One cached copy serves every source: the mark is read in the browser, not by the server.
      expect(response!.headers()['x-cache'], source).toBe('HIT');
      expect(await page.locator('link[rel="canonical"]').getAttribute('href')).toBe(`${server.url}${storyPath}`);
      expect(await page.content()).not.toContain(`ref=${source}`);
      await page.close();
    }
    for (let i = 0; i < 100 && (await sources()).length < 2; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await sources()).toEqual([['fediverse', 1], ['morning-briefing-newsletter', 1]]);
  });
});
