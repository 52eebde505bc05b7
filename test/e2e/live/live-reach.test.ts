import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { checkHtmlFiles, describeMessage } from '../../support/nu-checker.js';
import { checkAtom, checkJsonFeed, checkRss } from '../reach/feed-check.js';
import { feedparser } from '../reach/reach-support.js';
import { parseHtml } from '../site/html.js';

/** A date-time as Google reads one: ISO 8601 with a time zone. */
const ISO_WITH_ZONE = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/;

/**
 * Google's requirements for a live blog's structured data (Search Central, "Live blog" /
 * LiveBlogPosting, and the Article guide it builds on), as a list of faults:
 *   - `@type` LiveBlogPosting, with `headline` (at most 110 characters), `datePublished` and
 *     `dateModified` (ISO 8601 with a zone), `author` (each with a name), `image`, `url` /
 *     `mainEntityOfPage` naming the canonical page;
 *   - `coverageStartTime` (when the coverage began) and, once it is over, `coverageEndTime`;
 *   - `liveBlogUpdate`: the updates, each a `BlogPosting` with a `headline`, an `articleBody`
 *     and a `datePublished`, and a `url` that is the page's own address with an anchor.
 */
function liveBlogFaults(data: Record<string, any>, canonical: string, closed: boolean): string[] {
  const faults: string[] = [];
  const need = (ok: unknown, fault: string) => ok || faults.push(fault);
  need(data['@type'] === 'LiveBlogPosting', `@type is ${data['@type']}`);
  need(typeof data.headline === 'string' && data.headline.length > 0 && data.headline.length <= 110, 'headline missing or longer than 110');
  for (const key of ['datePublished', 'dateModified', 'coverageStartTime']) need(ISO_WITH_ZONE.test(data[key] ?? ''), `${key} is not an ISO 8601 date-time with a zone`);
  need(closed ? ISO_WITH_ZONE.test(data.coverageEndTime ?? '') : data.coverageEndTime === undefined, `coverageEndTime ${closed ? 'missing' : 'present while live'}`);
  need(Array.isArray(data.author) ? data.author.every((a: any) => a.name) : data.author?.name, 'author without a name');
  need(data.image, 'no image');
  need(data.url === canonical && (data.mainEntityOfPage === canonical || data.mainEntityOfPage?.['@id'] === canonical), 'url / mainEntityOfPage not the canonical page');
  need(Array.isArray(data.liveBlogUpdate) && data.liveBlogUpdate.length > 0, 'no liveBlogUpdate');
  for (const [i, update] of (data.liveBlogUpdate ?? []).entries()) {
    need(update['@type'] === 'BlogPosting', `update ${i}: @type is ${update['@type']}`);
    need(typeof update.headline === 'string' && update.headline.length > 0 && update.headline.length <= 110, `update ${i}: headline`);
    need(typeof update.articleBody === 'string' && update.articleBody.length > 0, `update ${i}: articleBody`);
    need(ISO_WITH_ZONE.test(update.datePublished ?? ''), `update ${i}: datePublished`);
    need(typeof update.url === 'string' && update.url.startsWith(`${canonical}#`), `update ${i}: url is not an anchor of the page`);
  }
  return faults;
}

const folder = mkdtempSync(join(tmpdir(), 'herald-live-html-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describeEachEngineApp('A live blog for search engines and feed readers', (t) => {
  const admin = async (method: 'POST' | 'PATCH', url: string, payload?: object) =>
    t().app.inject({ method, url: `/api/admin/v1${url}`, payload, headers: await t().auth('editor') });
  let story: { id: number; url: string; path: string };

  it('describes the blog as a LiveBlogPosting meeting Google’s requirements, with the end of coverage once closed', async () => {
    story = (await admin('POST', '/articles', { language: 'en', title: 'Election night, as it happens', body: '<p>Polls close at eight.</p>', featuredImage: { url: 'https://example.org/polls.jpg', alt: 'Polling station' }, status: 'published' })).json();
    story.path = new URL(story.url).pathname;
    await admin('POST', `/articles/${story.id}/live`);
    const first = (await admin('POST', `/articles/${story.id}/live/entries`, { body: '<p>Polls have closed across the country. Counting begins in <strong>every</strong> district.</p>' })).json();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = (await admin('POST', `/articles/${story.id}/live/entries`, { body: `<p>${'First results show a narrow lead for the incumbent in the northern districts, '.repeat(3)}</p>`, picture: { url: '/media/count.jpg', alt: 'Counting' } })).json();
    const doc = parseHtml((await t().app.inject({ url: story.path })).body);
    const data = doc.jsonLd().find((d) => d['@type'] === 'LiveBlogPosting')!;
    expect(doc.jsonLd().find((d) => d['@type'] === 'NewsArticle')).toBeUndefined();
    expect(liveBlogFaults(data, story.url, false)).toEqual([]);
    expect(data.liveBlogUpdate.map((u: { url: string }) => u.url)).toEqual([`${story.url}#entry-${second.id}`, `${story.url}#entry-${first.id}`]);
    expect(data.liveBlogUpdate[1]).toMatchObject({ headline: 'Polls have closed across the country. Counting begins in every district.', articleBody: 'Polls have closed across the country. Counting begins in every district.' });
    expect(data.liveBlogUpdate[0].headline).toMatch(/…$/);
    expect(data.liveBlogUpdate[0].image).toBe(`${TEST_BASE_URL}/media/count.jpg`);
    expect(data.dateModified).toBe(second.updatedAt);
    writeFileSync(join(folder, `${t().engine}-live.html`), (await t().app.inject({ url: story.path })).body);

    await admin('POST', `/articles/${story.id}/live/state`, { state: 'closed' });
    const closed = parseHtml((await t().app.inject({ url: story.path })).body).jsonLd().find((d) => d['@type'] === 'LiveBlogPosting')!;
    expect(liveBlogFaults(closed, story.url, true)).toEqual([]);
    writeFileSync(join(folder, `${t().engine}-closed.html`), (await t().app.inject({ url: story.path })).body);
  });

  it('carries the entries in the blog’s own RSS, Atom and JSON feeds, advertised by the page, each new one at once', async () => {
    const doc = parseHtml((await t().app.inject({ url: story.path })).body);
    const advertised = doc.all('link', { rel: 'alternate', type: /rss|atom|json/ }).map((l) => doc.attr(l, 'href'));
    expect(advertised.slice(0, 3)).toEqual([`${story.url}/feed.xml`, `${story.url}/feed.atom`, `${story.url}/feed.json`]);
    const rss = await t().app.inject({ url: `${story.path}/feed.xml` });
    expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
    expect(checkRss(rss.body, `${story.url}/feed.xml`)).toEqual([]);
    expect(checkAtom((await t().app.inject({ url: `${story.path}/feed.atom` })).body, `${story.url}/feed.atom`)).toEqual([]);
    expect(checkJsonFeed((await t().app.inject({ url: `${story.path}/feed.json` })).body)).toEqual([]);
    const before = feedparser(rss.body);
    expect(before.bozo, before.bozo_exception).toBe(false);
    expect(before.entries).toHaveLength(2);
    // Cached until the next entry, which the next read carries first.
    expect((await t().app.inject({ url: `${story.path}/feed.xml` })).headers['x-cache']).toBe('HIT');
    const entry = (await admin('POST', `/articles/${story.id}/live/entries`, { body: '<p>The incumbent concedes.</p>' })).json();
    for (const file of ['feed.xml', 'feed.atom']) {
      const feed = feedparser((await t().app.inject({ url: `${story.path}/${file}` })).body);
      expect(feed.entries[0]).toMatchObject({ title: 'The incumbent concedes.', link: `${story.url}#entry-${entry.id}`, author: 'Test editor' });
      expect(feed.entries).toHaveLength(3);
    }
    expect((await t().app.inject({ url: '/en/not-a-story/feed.xml' })).statusCode).toBe(404);
  });
});

it('the W3C checker finds nothing wrong on a live blog page, live or closed', async () => {
  const files = ENGINES.flatMap((engine) => [`${engine}-live.html`, `${engine}-closed.html`]).map((f) => join(folder, f));
  expect(files.filter((file) => !existsSync(file))).toEqual([]);
  const messages = await checkHtmlFiles(files);
  expect(messages.filter((m) => m.type === 'error' || m.subType === 'warning').map(describeMessage)).toEqual([]);
}, 120_000);
