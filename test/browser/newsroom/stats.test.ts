import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { writeViews, type PendingViews } from '../../../src/analytics/views.repository.js';
import { createArticle, updateArticle } from '../../../src/content/articles.service.js';
import { createTranslation } from '../../../src/content/translations.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { setInterfaceLanguage } from '../../../src/people/users.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { seriousViolations } from './axe.js';
import { newsroomSuite, PASSWORD, shoot, signInAs } from './newsroom-server.js';
import { sectionNamed } from '../../support/sections.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** `n` views of an article now by `visitors` distinct readers. */
function views(articleId: number, language: string, n: number, visitors: number, fields: Partial<PendingViews> = {}): PendingViews {
  const at = Date.now();
  const day = Math.floor(at / DAY_MS);
  const hashes = Array.from({ length: visitors }, (_, i) => `${articleId}-${language}-${i}`);
  return {
    minute: Math.floor(at / MINUTE_MS), article_id: articleId, language, page_kind: 'story', referrer: '', source: '', medium: '', campaign: '',
    device: 'desktop', country: '', views: n, reads: 0, ...fields,
    newVisitors: hashes.map((visitor) => ({ day, page: `a${articleId}`, visitor })),
    newSiteVisitors: hashes.map((visitor) => ({ day, page: 'site', visitor })),
  };
}

describe('The Stats screen and a story’s own numbers, in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let editor: { id: number; email: string };
  let author: { id: number; email: string };
  let flood: { en: number; fr: number };

  beforeAll(async () => {
    editor = await newsroom.person('editor', 'Eddie Editor');
    author = await newsroom.person('author', 'Ada Author');
    const store = newsroom.server.database;
    const actor: Actor = { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Eddie Editor' };
    const en = await createArticle(store, { language: 'en', title: 'Floods close the valley road', section: await sectionNamed(store, 'Weather'), status: 'published', authors: [author.id] }, actor, newsroom.url);
    const fr = await createTranslation(store, en.id, { language: 'fr' }, actor, newsroom.url, null);
    await updateArticle(store, fr.id, { version: fr.version, title: 'Les crues ferment la route de la vallée', status: 'published' }, actor, newsroom.url);
    await createArticle(store, { language: 'en', title: 'Harbour festival draws crowds', section: await sectionNamed(store, 'Culture'), status: 'published' }, actor, newsroom.url);
    flood = { en: en.id, fr: fr.id };
  });
  beforeEach(async () => {
    page = await newsroom.openPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  });

  const kpi = (name: string) => page.locator(`.stats-overview [data-kpi="${name}"]`);
  const rows = (list: string) => page.locator(`.top-${list} tbody tr`).evaluateAll((trs) => trs.map((tr) => [tr.querySelector('th')!.textContent!.trim(), tr.querySelector('td.views')!.textContent!.trim()]));

  it('says nothing was counted yet, then shows the counts in the chart and every list, narrows to a language or a story, compares the translations and downloads the CSV', async () => {
    await signInAs(page, newsroom.url, editor.email);
    await page.locator('#admin-sidebar').getByRole('link', { name: 'Stats' }).click();
    await page.getByRole('heading', { name: 'Stats', level: 1 }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Nothing counted yet' }).waitFor();

    const harbour = (await newsroom.server.database.db.selectFrom('articles').select('id').where('title', '=', 'Harbour festival draws crowds').executeTakeFirstOrThrow()).id;
    await writeViews(newsroom.server.database.db, [
      views(flood.en, 'en', 6, 4, { reads: 2, referrer: 'news.google.com', device: 'mobile', country: 'FR' }),
      views(flood.fr, 'fr', 2, 1, { country: 'FR' }),
      views(harbour, 'en', 3, 3, { source: 'newsletter' }),
    ]);
    await page.reload();
    await expect.poll(() => kpi('views').textContent()).toBe('11');
    expect(await kpi('visitors').textContent()).toBe('8');
    expect(await kpi('reads').textContent()).toBe('2');
    // uPlot drew the 30 days, today's point holding every view.
    const plot = page.locator('.views-chart .plot');
    await plot.locator('canvas').waitFor();
    expect(await plot.getAttribute('data-points')).toBe('30');
    expect(await plot.getAttribute('aria-label')).toBe('Views and visitors over time: Views 11, Visitors 8');
    const box = (await plot.locator('.u-over').boundingBox())!;
    await page.mouse.move(box.x + box.width - 2, box.y + box.height / 2);
    await expect.poll(() => page.locator('.views-chart .readout').textContent()).toMatch(/Views 11 · Visitors 8$/);

    expect(await rows('stories')).toEqual([['Floods close the valley road', '8'], ['Harbour festival draws crowds', '3']]);
    expect(await rows('sources')).toEqual([['news.google.com', '6'], ['newsletter', '3'], ['Direct or unknown', '2']]);
    expect(await rows('languages')).toEqual([['English', '9'], ['French', '2']]);
    expect(await rows('sections')).toEqual([['Weather', '8'], ['Culture', '3']]);
    // The French version is its translator's; the festival story its writer's.
    expect(await rows('authors')).toEqual([['Ada Author', '6'], ['Eddie Editor', '5']]);
    expect(await rows('devices')).toEqual([['Phone', '6'], ['Desktop', '5']]);
    expect(await rows('countries')).toEqual([['France', '8'], ['Unknown', '3']]);
    // DB-IP's licence asks for a link wherever its country data is shown.
    expect(await page.locator('.top-countries a[href="https://db-ip.com"]').textContent()).toBe('IP Geolocation by DB-IP');
    expect(await seriousViolations(page)).toEqual([]);
    await shoot(page, 'stats-countries-en');
    await setInterfaceLanguage(newsroom.server.database.db, editor.id, 'ar');
    await page.reload();
    await expect.poll(() => rows('countries')).toEqual([['فرنسا', '8'], ['غير معروف', '3']]);
    await shoot(page, 'stats-countries-ar');
    await setInterfaceLanguage(newsroom.server.database.db, editor.id, null);
    await page.reload();
    await expect.poll(() => kpi('views').textContent()).toBe('11');

    await page.locator('.top-languages').getByRole('button', { name: 'French' }).click();
    await page.locator('.stats-filters').getByText('French').waitFor();
    await expect.poll(() => kpi('views').textContent()).toBe('2');
    await page.getByRole('button', { name: 'Show all again (remove “French”)' }).click();
    await expect.poll(() => kpi('views').textContent()).toBe('11');

    await page.locator('.top-stories').getByRole('button', { name: 'Floods close the valley road' }).click();
    const translations = page.getByRole('region', { name: 'Translations compared' });
    await translations.getByText('English had 4× the readers of French.').waitFor();
    expect(await translations.locator('li').evaluateAll((items) => items.map((li) => li.getAttribute('data-language')))).toEqual(['en', 'fr']);
    await translations.getByText('Les crues ferment la route de la vallée').waitFor();
    expect(await kpi('views').textContent()).toBe('8');
    expect(page.url()).toMatch(/\/admin\/stats\?story=\d+&storyName=Floods/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download CSV' }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n');
    expect(csv[0]).toBe('table,key,name,views,visitors,read_to_end');
    expect(csv).toContain(`stories,${(await newsroom.server.database.db.selectFrom('articles').select('story_id').where('id', '=', flood.en).executeTakeFirstOrThrow()).story_id},Floods close the valley road,8,5,2`);
    expect(csv).toContain('translations,fr,Les crues ferment la route de la vallée,2,1,0');

    await page.getByRole('button', { name: 'Last 30 minutes' }).click();
    await expect.poll(() => page.locator('.views-chart .plot').getAttribute('data-points')).toBe('30');
    expect(await page.getByRole('button', { name: 'Last 30 minutes' }).getAttribute('aria-pressed')).toBe('true');
    await page.getByText('Live: updated every 30 seconds').waitFor();
    expect(await kpi('views').textContent()).toBe('8');
  });

  it('shows the story’s own numbers and its translations’ in the editor’s side panel', async () => {
    await signInAs(page, newsroom.url, editor.email);
    await page.goto(`${newsroom.url}/admin/stories/${flood.fr}`);
    const panel = page.getByRole('region', { name: 'Readers' });
    await panel.getByText('Last 30 days, all languages').waitFor();
    await expect.poll(() => panel.locator('[data-kpi="views"]').textContent()).toBe('8');
    expect(await panel.locator('[data-kpi="visitors"]').textContent()).toBe('5');
    expect(await panel.locator('[data-kpi="reads"]').textContent()).toBe('25%');
    expect(await panel.locator('[data-list="translations"] li').allInnerTexts()).toEqual([expect.stringMatching(/^English\s+4 Visitors · 6 Views$/), expect.stringMatching(/^French\s+1 Visitors · 2 Views$/)]);
    expect(await panel.locator('[data-list="sources"] li').allInnerTexts()).toEqual([expect.stringMatching(/^news\.google\.com\s+6$/), expect.stringMatching(/^Direct or unknown\s+2$/)]);
    await panel.getByRole('link', { name: 'All stats for this story' }).click();
    await page.getByRole('region', { name: 'Translations compared' }).waitFor();
    await page.locator('.stats-filters').getByText('Les crues ferment la route de la vallée').waitFor();
  });

  it('shows an author their own stories only, and a contributor no Stats at all', async () => {
    await signInAs(page, newsroom.url, author.email);
    await page.locator('#admin-sidebar').getByRole('link', { name: 'Stats' }).click();
    await page.getByText('The numbers of the stories you wrote.').waitFor();
    await expect.poll(() => kpi('views').textContent()).toBe('6');
    expect(await rows('stories')).toEqual([['Floods close the valley road', '6']]);
    await updateSettings(newsroom.server.database.db, { analytics: false });
    await page.reload();
    await page.getByText('Reader statistics are switched off in Settings: nothing new is counted, and the numbers below are those counted before.').waitFor();
    expect(await kpi('views').textContent()).toBe('6');
    await updateSettings(newsroom.server.database.db, { analytics: true });
    const contributor = await newsroom.person('contributor');
    const other = await newsroom.browser.newContext();
    const contributorPage = await other.newPage();
    await signInAs(contributorPage, newsroom.url, contributor.email);
    expect(await contributorPage.locator('#admin-sidebar').getByRole('link', { name: 'Stats' }).count()).toBe(0);
    await other.close();
  });

  it('runs right to left in Arabic, the chart too: time runs leftward and the counts’ axis stands on the right', async () => {
    const arabic = await newsroom.browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'ar' });
    const arabicPage = await arabic.newPage();
    // The sign-in form speaks Arabic too: signed in through the API, the cookie is the page's.
    const signed = await arabic.request.post(`${newsroom.url}/api/admin/v1/session`, { data: { email: editor.email, password: PASSWORD } });
    expect(signed.ok()).toBe(true);
    await arabicPage.goto(`${newsroom.url}/admin/stats`);
    await arabicPage.getByRole('heading', { name: 'الإحصاءات', level: 1 }).waitFor();
    expect(await arabicPage.locator('html').getAttribute('dir')).toBe('rtl');
    const plot = arabicPage.locator('.views-chart .plot');
    await plot.locator('canvas').waitFor();
    const over = (await plot.locator('.u-over').boundingBox())!;
    const [, yAxis] = await plot.locator('.u-axis').all();
    expect((await yAxis.boundingBox())!.x).toBeGreaterThan(over.x + over.width - 1);
    // The newest day (holding every view) is at the left end.
    await arabicPage.mouse.move(over.x + 2, over.y + over.height / 2);
    await expect.poll(() => arabicPage.locator('.views-chart .readout strong').first().textContent()).toMatch(/^(11|١١)$/);
    expect(await seriousViolations(arabicPage)).toEqual([]);
    await arabic.close();
  });
});
