import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStoryPath, launchChromium, startSiteServer, type SiteServer } from './site-server.js';

// axe-core's own source, evaluated in the page (CDP evaluation is not subject to the page's CSP).
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[] }>;
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  const { violations, passes } = await page.evaluate(async () => {
    const results = await (window as unknown as { axe: { run(): Promise<{ violations: Violation[]; passes: unknown[] }> } }).axe.run();
    return { violations: results.violations, passes: results.passes.length };
  });
  // Proof that axe ran its rules on this page rather than on an empty document.
  expect(passes).toBeGreaterThan(10);
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

describe('Accessibility of the reader site (axe-core in Chromium)', () => {
  let server: SiteServer;
  let browser: Browser;
  const pages: Record<string, string[]> = {};

  beforeAll(async () => {
    [server, browser] = await Promise.all([startSiteServer(), launchChromium()]);
    const tag = async (language: string) =>
      (await server.database.db.selectFrom('tags').select('slug').where('language', '=', language).executeTakeFirstOrThrow()).slug;
    const author = async (name: string) =>
      (await server.database.db.selectFrom('users').select('slug').where('name', '=', name).executeTakeFirstOrThrow()).slug;
    pages.en = ['/en/', await demoStoryPath(server.database, 'en', 'Volunteers'), `/en/tag/${encodeURIComponent(await tag('en'))}`, `/en/author/${await author('Sam Taylor')}`, '/en/missing-page'];
    pages.ar = ['/ar/', await demoStoryPath(server.database, 'ar', 'التمور'), `/ar/tag/${encodeURIComponent(await tag('ar'))}`, `/ar/author/${encodeURIComponent(await author('أمينة حداد'))}`, '/ar/missing-page'];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const language of ['en', 'ar']) {
    for (const scheme of ['light', 'dark'] as const) {
      it(`finds no serious or critical violation on the ${language} home, story, tag, author and 404 pages (${scheme} scheme)`, async () => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
        const found: string[] = [];
        for (const path of pages[language]) {
          const page = await context.newPage();
          const response = await page.goto(server.url + path);
          expect(response?.status(), path).toBe(path.endsWith('missing-page') ? 404 : 200);
          found.push(...(await seriousViolations(page)).map((v) => `${path}: ${v}`));
          await page.close();
        }
        await context.close();
        expect(found).toEqual([]);
        // Five pages with axe each: generous on a two-core machine shared with other suites.
      }, 120_000);
    }
  }
});
