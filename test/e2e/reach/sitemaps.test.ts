import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';
import { newsLanguage, newsSitemap, sitemapFile, sitemapIndex } from '../../../src/reach/sitemaps.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { createStory, xmllint } from './reach-support.js';
import { sectionNamed } from '../../support/sections.js';

const URLSET = 'urlset-with-extensions.xsd';
const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);

describeEachEngineApp('sitemaps', (t) => {
  let english: Awaited<ReturnType<typeof createStory>>;
  let chinese: Awaited<ReturnType<typeof createStory>>;
  let old: Awaited<ReturnType<typeof createStory>>;

  it('publishes stories in several languages', async () => {
    english = await createStory(t(), { language: 'en', title: 'Typhoon nears the coast', body: '<p>Wind.</p>', section: await sectionNamed(t().database, 'World'), tags: ['Weather'] });
    chinese = await createStory(t(), { language: 'zh-Hant', title: '颱風逼近海岸', body: '<p>風。</p>', translationOf: english.id, section: await sectionNamed(t().database, '國際', 'zh-Hant') });
    old = await createStory(t(), { language: 'en', title: 'Last year’s harvest', body: '<p>Grain.</p>', publishedAt: '2025-09-01T10:00:00.000Z' });
    await createStory(t(), { language: 'en', title: 'Draft never listed', status: 'draft', tags: ['Secret'] });
  });

  it('the index lists per-language sitemaps that validate against the sitemaps.org schema', async () => {
    const index = await t().app.inject({ url: '/sitemap.xml' });
    expect(index.statusCode).toBe(200);
    expect(index.headers['content-type']).toContain('application/xml');
    expect(xmllint(index.body, 'siteindex.xsd')).toMatchObject({ valid: true });
    const files = locs(index.body);
    expect(files).toContain(`${TEST_BASE_URL}/sitemaps/en-stories-1.xml`);
    expect(files).toContain(`${TEST_BASE_URL}/sitemaps/zh-Hant-stories-1.xml`);
    expect(files).toContain(`${TEST_BASE_URL}/sitemaps/en-tags-1.xml`);
    expect(files).not.toContain(`${TEST_BASE_URL}/sitemaps/fr-stories-1.xml`);
    for (const file of files) {
      const response = await t().app.inject({ url: file.replace(TEST_BASE_URL, '') });
      expect(response.statusCode, file).toBe(200);
      const verdict = xmllint(response.body, URLSET);
      expect(verdict.valid, `${file}: ${verdict.output}`).toBe(true);
    }
  });

  it('story URLs carry their language alternates, and drafts are never listed', async () => {
    const xml = (await t().app.inject({ url: '/sitemaps/en-stories-1.xml' })).body;
    expect(locs(xml)).toEqual([english.url, old.url]);
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="zh-Hant" href="${chinese.url}"/>`);
    expect(xml).toContain(`<xhtml:link rel="alternate" hreflang="en" href="${english.url}"/>`);
    const tags = (await t().app.inject({ url: '/sitemaps/en-tags-1.xml' })).body;
    expect(locs(tags)).toEqual([`${TEST_BASE_URL}/en/tag/weather`]);
    const sections = (await t().app.inject({ url: '/sitemaps/en-sections-1.xml' })).body;
    expect(locs(sections)).toEqual([`${TEST_BASE_URL}/en/`, `${TEST_BASE_URL}/en/privacy`, `${TEST_BASE_URL}/en/corrections`, `${TEST_BASE_URL}/en/section/world`]);
    const authors = (await t().app.inject({ url: '/sitemaps/en-authors-1.xml' })).body;
    expect(locs(authors)).toEqual([`${TEST_BASE_URL}/en/author/test-editor`]);
  });

  it('lists each language\'s corrections page, dated by the last change of its notes', async () => {
    const lastmodOf = (xml: string, loc: string) => new RegExp(`<url><loc>${loc}</loc>(?:<lastmod>([^<]+)</lastmod>)?`).exec(xml);
    const before = (await t().app.inject({ url: '/sitemaps/en-sections-1.xml' })).body;
    expect(lastmodOf(before, `${TEST_BASE_URL}/en/corrections`)).not.toBeNull();
    expect(lastmodOf(before, `${TEST_BASE_URL}/en/corrections`)![1]).toBeUndefined();
    const writing = Date.now();
    const added = await t().app.inject({
      method: 'POST',
      url: `/api/admin/v1/articles/${old.id}/corrections`,
      headers: await t().auth('editor'),
      payload: { kind: 'correction', text: 'An earlier version gave the wrong harvest figure.', publishedAt: '2025-09-02T10:00:00.000Z' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const written = Date.now();
    const english = (await t().app.inject({ url: '/sitemaps/en-sections-1.xml' })).body;
    expect(xmllint(english, URLSET)).toMatchObject({ valid: true });
    const lastmod = Date.parse(lastmodOf(english, `${TEST_BASE_URL}/en/corrections`)![1]);
    expect(lastmod).toBeGreaterThanOrEqual(writing - 1000);
    expect(lastmod).toBeLessThanOrEqual(written + 1000);
    // Its alternates are the corrections pages of the other languages; Chinese has no note, so no date.
    expect(english).toContain(`<xhtml:link rel="alternate" hreflang="zh-Hant" href="${TEST_BASE_URL}/zh-Hant/corrections"/>`);
    const chinese = (await t().app.inject({ url: '/sitemaps/zh-Hant-sections-1.xml' })).body;
    expect(lastmodOf(chinese, `${TEST_BASE_URL}/zh-Hant/corrections`)![1]).toBeUndefined();
    // The index dates the file by it too: the harvest story itself is older than its note.
    const index = (await t().app.inject({ url: '/sitemap.xml' })).body;
    const file = new RegExp(`<loc>${TEST_BASE_URL}/sitemaps/en-sections-1.xml</loc><lastmod>([^<]+)</lastmod>`).exec(index);
    expect(Date.parse(file![1])).toBeGreaterThanOrEqual(lastmod);
  });

  it('splits a sitemap when it reaches the limit of URLs per file', async () => {
    const settings = await t().app.herald.settings();
    const limits = { perFile: 1, newsPerFile: 1 };
    const index = await sitemapIndex(t().database.db, settings, limits);
    expect(locs(index.body).filter((l) => l.includes('/en-stories-'))).toEqual([
      `${TEST_BASE_URL}/sitemaps/en-stories-1.xml`,
      `${TEST_BASE_URL}/sitemaps/en-stories-2.xml`,
    ]);
    const second = await sitemapFile(t().database.db, settings, 'en', 'stories', 2, limits);
    expect(locs(second!.body)).toEqual([old.url]);
    expect(await sitemapFile(t().database.db, settings, 'en', 'stories', 3, limits)).toBeNull();
    expect((await t().app.inject({ url: '/sitemaps/en-stories-9.xml' })).statusCode).toBe(404);
    expect((await t().app.inject({ url: '/sitemaps/nonsense.xml' })).statusCode).toBe(404);
  });

  it('the Google News sitemap lists the last two days only, with zh-tw for Traditional Chinese, and validates', async () => {
    const response = await t().app.inject({ url: '/news-sitemap.xml' });
    expect(response.statusCode).toBe(200);
    const verdict = xmllint(response.body, URLSET);
    expect(verdict.valid, verdict.output).toBe(true);
    expect(locs(response.body).sort()).toEqual([english.url, chinese.url].sort());
    expect(response.body).toContain('<news:language>zh-tw</news:language>');
    expect(response.body).toContain('<news:language>en</news:language>');
    expect(response.body).toContain('<news:name>Herald</news:name>');
    expect(response.body).toContain('<news:title>颱風逼近海岸</news:title>');
    expect(response.body).toMatch(/<news:publication_date>\d{4}-\d\d-\d\dT/);
  });

  it('beyond the limit per file the news sitemap becomes an index of valid files', async () => {
    const settings = await t().app.herald.settings();
    const limits = { perFile: 50_000, newsPerFile: 1 };
    const index = await newsSitemap(t().database.db, settings, null, new Date(), limits);
    expect(xmllint(index!.body, 'siteindex.xsd')).toMatchObject({ valid: true });
    expect(locs(index!.body)).toEqual([`${TEST_BASE_URL}/sitemaps/news-1.xml`, `${TEST_BASE_URL}/sitemaps/news-2.xml`]);
    const page = await newsSitemap(t().database.db, settings, 2, new Date(), limits);
    expect(xmllint(page!.body, URLSET)).toMatchObject({ valid: true });
    expect(locs(page!.body)).toHaveLength(1);
  });

  it('robots.txt names both sitemaps', async () => {
    const response = await t().app.inject({ url: '/robots.txt' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/plain');
    expect(response.body).toContain(`Sitemap: ${TEST_BASE_URL}/sitemap.xml`);
    expect(response.body).toContain(`Sitemap: ${TEST_BASE_URL}/news-sitemap.xml`);
    expect(response.body).toContain('Disallow: /api/admin/');
  });

  it('answers 304 when the sitemap has not changed', async () => {
    const first = await t().app.inject({ url: '/sitemaps/zh-Hant-stories-1.xml' });
    const again = await t().app.inject({ url: '/sitemaps/zh-Hant-stories-1.xml', headers: { 'if-none-match': String(first.headers.etag) } });
    expect(again.statusCode).toBe(304);
  });
});

it('maps languages to the codes Google News accepts', () => {
  expect(newsLanguage('zh-Hant')).toBe('zh-tw');
  expect(newsLanguage('zh-TW')).toBe('zh-tw');
  expect(newsLanguage('zh-HK')).toBe('zh-tw');
  expect(newsLanguage('zh-Hans')).toBe('zh-cn');
  expect(newsLanguage('zh')).toBe('zh-cn');
  expect(newsLanguage('en-GB')).toBe('en');
  expect(newsLanguage('ar')).toBe('ar');
});

/** xmllint's verdict on well-formedness alone (no schema). */
function wellFormed(xml: string): { ok: boolean; output: string } {
  try {
    execFileSync('xmllint', ['--noout', '-'], { input: xml, encoding: 'utf8', stdio: 'pipe' });
    return { ok: true, output: '' };
  } catch (error) {
    return { ok: false, output: (error as { stderr?: string }).stderr ?? String(error) };
  }
}

const NEWS_NS = 'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"';

/** An empty news sitemap: a urlset with the news namespace and no url. */
function expectEmptyNewsUrlset(response: { statusCode: number; headers: Record<string, unknown>; body: string }) {
  expect(response.statusCode, response.body).toBe(200);
  expect(String(response.headers['content-type'])).toContain('application/xml');
  expect(wellFormed(response.body)).toEqual({ ok: true, output: '' });
  expect(response.body).toMatch(/^<\?xml version="1\.0" encoding="UTF-8"\?>\s*<urlset xmlns="http:\/\/www\.sitemaps\.org\/schemas\/sitemap\/0\.9"[^>]*>\s*<\/urlset>\s*$/);
  expect(response.body).toContain(NEWS_NS);
  expect(locs(response.body)).toEqual([]);
  // The official sitemaps.org XSD wants at least one <url>; that is the only fault it may find.
  const verdict = xmllint(response.body, URLSET);
  const faults = verdict.output.split('\n').filter((line) => /validity error/.test(line));
  expect(faults).toHaveLength(1);
  expect(faults[0]).toMatch(/urlset'?: Missing child element\(s\)/);
}

describeEachEngineApp('sitemaps of a site with nothing (recent) to list', (t) => {
  it('an empty site: the news sitemap is an empty urlset, the index and every file it lists answer 200 and validate', async () => {
    expectEmptyNewsUrlset(await t().app.inject({ url: '/news-sitemap.xml' }));
    expectEmptyNewsUrlset(await t().app.inject({ url: '/sitemaps/news-1.xml' }));
    expect((await t().app.inject({ url: '/sitemaps/news-2.xml' })).statusCode).toBe(404);

    const index = await t().app.inject({ url: '/sitemap.xml' });
    expect(index.statusCode, index.body).toBe(200);
    expect(xmllint(index.body, 'siteindex.xsd')).toMatchObject({ valid: true });
    const files = locs(index.body);
    // Only the sections file (it lists the home and privacy pages) exists for each language.
    expect(files.sort()).toEqual(['ar', 'en', 'fr', 'zh-Hant'].map((l) => `${TEST_BASE_URL}/sitemaps/${l}-sections-1.xml`).sort());
    for (const file of files) {
      const response = await t().app.inject({ url: file.replace(TEST_BASE_URL, '') });
      expect(response.statusCode, file).toBe(200);
      const verdict = xmllint(response.body, URLSET);
      expect(verdict.valid, `${file}: ${verdict.output}`).toBe(true);
    }
    // Files the index does not list are missing pages, not server errors.
    for (const kind of ['stories', 'tags', 'authors']) {
      expect((await t().app.inject({ url: `/sitemaps/en-${kind}-1.xml` })).statusCode, kind).toBe(404);
    }
  });

  it('only old stories and an empty section: the news sitemap stays an empty urlset, the others list them and validate', async () => {
    const old = await createStory(t(), { language: 'en', title: 'Autumn of last year', body: '<p>Leaves.</p>', section: await sectionNamed(t().database, 'Archive'), tags: ['Seasons'], publishedAt: '2025-09-01T10:00:00.000Z' });
    const admin = await t().auth('administrator');
    const section = await t().app.inject({ method: 'POST', url: '/api/admin/v1/sections', headers: admin, payload: { names: { fr: { name: 'Vide' } } } });
    expect(section.statusCode, section.body).toBe(201);

    expectEmptyNewsUrlset(await t().app.inject({ url: '/news-sitemap.xml' }));
    const index = await t().app.inject({ url: '/sitemap.xml' });
    expect(xmllint(index.body, 'siteindex.xsd')).toMatchObject({ valid: true });
    for (const file of locs(index.body)) {
      const response = await t().app.inject({ url: file.replace(TEST_BASE_URL, '') });
      expect(response.statusCode, file).toBe(200);
      const verdict = xmllint(response.body, URLSET);
      expect(verdict.valid, `${file}: ${verdict.output}`).toBe(true);
    }
    expect(locs((await t().app.inject({ url: '/sitemaps/en-stories-1.xml' })).body)).toEqual([old.url]);
    expect(locs((await t().app.inject({ url: '/sitemaps/fr-sections-1.xml' })).body)).toEqual([`${TEST_BASE_URL}/fr/`, `${TEST_BASE_URL}/fr/privacy`, `${TEST_BASE_URL}/fr/corrections`, `${TEST_BASE_URL}/fr/section/vide`]);
  });
});
