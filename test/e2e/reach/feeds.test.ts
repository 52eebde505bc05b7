import { expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { createStory, feedparser } from './reach-support.js';
import { sectionNamed } from '../../support/sections.js';

describeEachEngineApp('feeds', (t) => {
  let older: Awaited<ReturnType<typeof createStory>>;
  let newer: Awaited<ReturnType<typeof createStory>>;
  let french: Awaited<ReturnType<typeof createStory>>;

  it('publishes stories to feed from', async () => {
    older = await createStory(t(), {
      language: 'en', title: 'Harbour reopens after the storm', body: 'The **harbour** reopened on Monday.', bodyFormat: 'markdown',
      section: await sectionNamed(t().database, 'World'), tags: ['Storms', 'Ports'], featuredImage: { url: '/media/demo/harbour.jpg', alt: 'Boats' },
      publishedAt: '2026-11-20T08:00:00.000Z',
    });
    newer = await createStory(t(), {
      language: 'en', title: 'Elections & results in Taipei', body: '<p>Votes were counted.</p>', section: await sectionNamed(t().database, 'Politics'), tags: ['Elections'],
      publishedAt: '2026-11-24T09:30:00.000Z',
    });
    french = await createStory(t(), {
      language: 'fr', title: 'Le port rouvre après la tempête', body: '<p>Le port a rouvert.</p>', translationOf: older.id,
      publishedAt: '2026-11-21T08:00:00.000Z',
    });
    await createStory(t(), { language: 'en', title: 'Unfinished draft', status: 'draft' });
  });

  it('RSS and Atom parse without error in feedparser and list the same stories, newest first', async () => {
    const parsed = [];
    for (const file of ['feed.xml', 'feed.atom']) {
      const response = await t().app.inject({ url: `/en/${file}` });
      expect(response.statusCode, file).toBe(200);
      const feed = feedparser(response.body);
      expect(feed.bozo, `${file}: ${feed.bozo_exception}`).toBe(false);
      expect(feed.title).toBe('Herald');
      expect(feed.link).toBe(`${TEST_BASE_URL}/en/`);
      expect(feed.language).toBe('en');
      expect(feed.entries.map((e) => e.title)).toEqual(['Elections & results in Taipei', 'Harbour reopens after the storm']);
      expect(feed.entries.map((e) => e.link)).toEqual([newer.url, older.url]);
      parsed.push(feed);
    }
    const [rss, atom] = parsed;
    expect(rss.version).toBe('rss20');
    expect(atom.version).toBe('atom10');
    expect(rss.entries[1].published).toBe('2026-11-20T08:00:00Z');
    expect(atom.entries[1].published).toBe('2026-11-20T08:00:00Z');
    expect(atom.entries[1].updated).not.toBeNull();
    expect(atom.entries.map((e) => e.id)).toEqual(rss.entries.map((e) => e.id));
    expect(rss.entries[1].tags).toEqual(['Storms', 'Ports']);
    // No file in the media library has this address: its size is unknown, and an RSS enclosure
    // must state it; Atom's enclosure link may leave it out.
    expect(rss.entries[1].enclosures).toEqual([]);
    expect(atom.entries[1].enclosures).toEqual([`${TEST_BASE_URL}/media/demo/harbour.jpg`]);
    expect(atom.entries[1].author).toBe('Test editor');
    expect(atom.entries[1].content).toContain('<strong>harbour</strong>');
  });

  // Debian's feedparser (6.0) reads RSS and Atom only; JSON Feed is checked against its 1.1 spec here.
  it('JSON Feed is version 1.1 with the language and a list of authors', async () => {
    const response = await t().app.inject({ url: '/en/feed.json' });
    expect(response.headers['content-type']).toContain('application/feed+json');
    const feed = response.json();
    const atom = feedparser((await t().app.inject({ url: '/en/feed.atom' })).body);
    expect(feed.items.map((i: { id: string }) => i.id)).toEqual(atom.entries.map((e) => e.id));
    expect(feed.items.map((i: { url: string }) => i.url)).toEqual([newer.url, older.url]);
    expect(feed.items.map((i: { title: string }) => i.title)).toEqual(['Elections & results in Taipei', 'Harbour reopens after the storm']);
    expect(feed.items[1].date_published).toBe('2026-11-20T08:00:00.000Z');
    expect(feed.title).toBe('Herald');
    expect(feed.home_page_url).toBe(`${TEST_BASE_URL}/en/`);
    expect(feed.version).toBe('https://jsonfeed.org/version/1.1');
    expect(feed.language).toBe('en');
    expect(feed.feed_url).toBe(`${TEST_BASE_URL}/en/feed.json`);
    expect(feed.items[0].authors).toEqual([{ name: 'Test editor', url: `${TEST_BASE_URL}/en/author/test-editor` }]);
  });

  it('keeps a story’s GUID when its title and slug change', async () => {
    const before = feedparser((await t().app.inject({ url: '/en/feed.atom' })).body).entries.find((e) => e.link === older.url)!;
    const headers = await t().auth('editor');
    const patched = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${older.id}`, headers, payload: { version: older.version, title: 'Harbour reopens at last', slug: 'harbour-open' } });
    expect(patched.statusCode).toBe(200);
    const after = feedparser((await t().app.inject({ url: '/en/feed.atom' })).body).entries.find((e) => e.title === 'Harbour reopens at last')!;
    expect(after.id).toBe(before.id);
    expect(after.link).toBe(`${TEST_BASE_URL}/en/harbour-open`);
  });

  it('a French feed lists only French stories, in French', async () => {
    const feed = feedparser((await t().app.inject({ url: '/fr/feed.xml' })).body);
    expect(feed.language).toBe('fr');
    expect(feed.entries.map((e) => e.link)).toEqual([french.url]);
  });

  it('section, tag and author feeds list only their stories', async () => {
    const section = feedparser((await t().app.inject({ url: '/en/section/politics/feed.atom' })).body);
    expect(section.title).toBe('Politics · Herald');
    expect(section.entries.map((e) => e.title)).toEqual(['Elections & results in Taipei']);
    const tag = feedparser((await t().app.inject({ url: '/en/tag/storms/feed.xml' })).body);
    expect(tag.bozo).toBe(false);
    expect(tag.title).toBe('#Storms · Herald');
    expect(tag.entries.map((e) => e.title)).toEqual(['Harbour reopens at last']);
    const author = feedparser((await t().app.inject({ url: '/en/author/test-editor/feed.atom' })).body);
    expect(author.entries).toHaveLength(2);
  });

  it('answers 404 for an unknown language, section, tag or author', async () => {
    for (const url of ['/xx/feed.xml', '/en/section/nope/feed.xml', '/en/tag/nope/feed.atom', '/en/author/nobody/feed.json']) {
      expect((await t().app.inject({ url })).statusCode, url).toBe(404);
    }
  });

  it('answers 304 to a conditional GET for the version the reader has', async () => {
    const first = await t().app.inject({ url: '/en/feed.xml' });
    const etag = String(first.headers.etag);
    const lastModified = String(first.headers['last-modified']);
    expect(first.headers['content-type']).toContain('application/rss+xml');
    expect(etag).toMatch(/^".+"$/);
    expect(new Date(lastModified).getTime()).toBeGreaterThan(0);
    expect((await t().app.inject({ url: '/en/feed.xml', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    // A URL not fetched before, so the route answers rather than the page cache.
    const tomorrow = new Date(Date.now() + 86_400_000).toUTCString();
    const bySince = await t().app.inject({ url: '/en/section/world/feed.atom', headers: { 'if-modified-since': tomorrow } });
    expect(bySince.statusCode).toBe(304);
    expect(bySince.body).toBe('');
    const stale = await t().app.inject({ url: '/en/section/world/feed.json', headers: { 'if-modified-since': 'Mon, 01 Jan 2001 00:00:00 GMT' } });
    expect(stale.statusCode).toBe(200);
    expect((await t().app.inject({ url: '/en/feed.xml', headers: { 'if-none-match': '"other"' } })).statusCode).toBe(200);
  });

  it('drops an unpublished story from the feed and changes the ETag', async () => {
    const before = await t().app.inject({ url: '/en/feed.xml' });
    const headers = await t().auth('editor');
    expect((await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${newer.id}/unpublish`, headers })).statusCode).toBe(200);
    const after = await t().app.inject({ url: '/en/feed.xml', headers: { 'if-none-match': String(before.headers.etag) } });
    expect(after.statusCode).toBe(200);
    expect(feedparser(after.body).entries.map((e) => e.title)).toEqual(['Harbour reopens at last']);
  });

  it('every feed a page advertises in its head answers with that type', async () => {
    for (const page of ['/en/', '/en/tag/storms', '/fr/']) {
      const html = (await t().app.inject({ url: page })).body;
      const links = [...html.matchAll(/<link rel="alternate" type="(application\/(?:rss\+xml|atom\+xml|feed\+json))"[^>]*href="([^"]+)"/g)];
      expect(links.length, page).toBeGreaterThanOrEqual(3);
      if (page.includes('/tag/')) expect(links.map((l) => l[2])).toContain(`${TEST_BASE_URL}/en/tag/storms/feed.atom`);
      for (const [, type, href] of links) {
        const response = await t().app.inject({ url: href.replace(TEST_BASE_URL, '') });
        expect(response.statusCode, href).toBe(200);
        expect(response.headers['content-type'], href).toContain(type);
      }
    }
  });
});
