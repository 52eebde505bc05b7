import { findAll, getAttributeValue, textContent } from 'domutils';
import { parseDocument } from 'htmlparser2';
import { expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { headOf } from '../site/structured-data.js';
import { createStory, xmllint } from './reach-support.js';
import { sectionNamed } from '../../support/sections.js';

interface SitemapUrl {
  loc: string;
  lastmod: string | null;
  alternates: Record<string, string>;
}

/** The entries of a sitemap index or urlset, read as XML. */
function readSitemap(xml: string) {
  const document = parseDocument(xml, { xmlMode: true });
  const child = (el: ReturnType<typeof findAll>[number], name: string) => findAll((c) => c.name === name, el.children)[0];
  const sitemaps = findAll((el) => el.name === 'sitemap', document.children).map((el) => ({
    loc: textContent(child(el, 'loc')).trim(),
    lastmod: child(el, 'lastmod') ? textContent(child(el, 'lastmod')).trim() : null,
  }));
  const urls: SitemapUrl[] = findAll((el) => el.name === 'url', document.children).map((el) => ({
    loc: textContent(child(el, 'loc')).trim(),
    lastmod: child(el, 'lastmod') ? textContent(child(el, 'lastmod')).trim() : null,
    alternates: Object.fromEntries(
      findAll((c) => c.name === 'xhtml:link', el.children).map((link) => [getAttributeValue(link, 'hreflang'), getAttributeValue(link, 'href')]),
    ),
  }));
  return { sitemaps, urls };
}

const path = (url: string) => url.replace(TEST_BASE_URL, '');

describeEachEngineApp('every sitemap, and every address in it', (t) => {
  const files = new Map<string, ReturnType<typeof readSitemap>>();
  const urls = () => [...files.values()].flatMap((f) => f.urls);

  it('publishes stories in English, French and Chinese, with tags, sections and two authors', async () => {
    const english = await createStory(t(), { language: 'en', title: 'Ferry service resumes', body: '<p>Boats.</p>', section: await sectionNamed(t().database, 'World'), tags: ['Harbour'] });
    const sections = (await t().app.inject({ url: '/api/admin/v1/sections', headers: await t().auth('editor') })).json();
    const world = (sections.items ?? sections).find((s: { names: Record<string, { name: string }> }) => s.names.en?.name === 'World');
    await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/sections/${world.id}`, headers: await t().auth('editor'), payload: { names: { fr: { name: 'Monde' } } } });
    await createStory(t(), { language: 'fr', title: 'Le ferry reprend', body: '<p>Bateaux.</p>', translationOf: english.id, section: world.id, tags: ['Port'] });
    await createStory(t(), { language: 'en', title: 'Rain all week', body: '<p>Rain.</p>', tags: ['Weather'], publishedAt: '2025-09-01T10:00:00.000Z' });
    await createStory(t(), { language: 'zh-Hant', title: '渡輪恢復航行', body: '<p>船。</p>' }, 'administrator');
    await createStory(t(), { language: 'en', title: 'Never listed', status: 'draft', tags: ['Secret'] });
  });

  it('the index validates against siteindex.xsd and dates every file by its newest entry', async () => {
    const response = await t().app.inject({ url: '/sitemap.xml' });
    expect(response.statusCode).toBe(200);
    const verdict = xmllint(response.body, 'siteindex.xsd');
    expect(verdict.valid, verdict.output).toBe(true);
    const index = readSitemap(response.body);
    expect(index.sitemaps.length).toBeGreaterThan(0);
    for (const entry of index.sitemaps) {
      const file = await t().app.inject({ url: path(entry.loc) });
      expect(file.statusCode, entry.loc).toBe(200);
      const valid = xmllint(file.body, 'urlset-with-extensions.xsd');
      expect(valid.valid, `${entry.loc}: ${valid.output}`).toBe(true);
      const read = readSitemap(file.body);
      files.set(entry.loc, read);
      const dates = read.urls.map((u) => u.lastmod).filter((d): d is string => d !== null);
      const newest = dates.length ? dates.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null;
      expect(entry.lastmod === null ? null : Date.parse(entry.lastmod), entry.loc).toBe(newest === null ? null : Date.parse(newest));
    }
    // Every file of a language with stories has one.
    for (const entry of index.sitemaps.filter((s) => /\/(en|fr)-/.test(s.loc))) expect(entry.lastmod, entry.loc).not.toBeNull();
  });

  it('the news sitemap validates too', async () => {
    const response = await t().app.inject({ url: '/news-sitemap.xml' });
    expect(response.statusCode).toBe(200);
    const verdict = xmllint(response.body, 'urlset-with-extensions.xsd');
    expect(verdict.valid, verdict.output).toBe(true);
  });

  it('lists every indexable page once: homes, privacy and corrections pages, sections, tags, stories, and authors where they have stories', async () => {
    const locs = urls().map((u) => u.loc);
    expect(new Set(locs).size).toBe(locs.length);
    for (const language of ['en', 'fr', 'zh-Hant', 'ar']) {
      expect(locs).toContain(`${TEST_BASE_URL}/${language}/`);
      expect(locs).toContain(`${TEST_BASE_URL}/${language}/privacy`);
      expect(locs).toContain(`${TEST_BASE_URL}/${language}/corrections`);
    }
    expect(locs).toEqual(expect.arrayContaining([
      `${TEST_BASE_URL}/en/author/test-editor`,
      `${TEST_BASE_URL}/fr/author/test-editor`,
      `${TEST_BASE_URL}/zh-Hant/author/test-administrator`,
      `${TEST_BASE_URL}/en/section/world`,
      `${TEST_BASE_URL}/fr/section/monde`,
      `${TEST_BASE_URL}/en/tag/harbour`,
      `${TEST_BASE_URL}/fr/tag/port`,
    ]));
    expect(locs).not.toContain(`${TEST_BASE_URL}/zh-Hant/author/test-editor`);
    expect(locs).not.toContain(`${TEST_BASE_URL}/en/author/test-administrator`);
    expect(locs.some((l) => l.includes('never-listed') || l.includes('/tag/secret'))).toBe(false);
  });

  it('every address answers 200, indexable, with itself as canonical and the same hreflang alternates as its head (x-default included)', async () => {
    expect(urls().length).toBeGreaterThan(15);
    for (const url of urls()) {
      const head = await headOf(t(), url.loc);
      expect(head.status, url.loc).toBe(200);
      expect(head.robots, url.loc).not.toContain('noindex');
      expect(head.canonical, url.loc).toEqual([url.loc]);
      expect(url.alternates, `${url.loc}: sitemap alternates against the page's`).toEqual(Object.fromEntries(head.hreflang));
    }
    const story = urls().find((u) => u.loc.endsWith('/en/ferry-service-resumes'))!;
    expect(story.alternates['x-default']).toBe(story.loc);
    const home = urls().find((u) => u.loc === `${TEST_BASE_URL}/fr/`)!;
    expect(home.alternates['x-default']).toBe(`${TEST_BASE_URL}/`);
  });
});
