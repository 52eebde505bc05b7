import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, TEST_BASE_URL, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { moderate, postComment } from '../comments/helpers.js';
import { multipart, photoWithLocation, png } from '../newsroom/media-files.js';
import { checkAtom, checkJsonFeed, checkRss, childrenOf, parseXml, readFeed, shown } from './feed-check.js';
import { sectionNamed } from '../../support/sections.js';

const ATOM = 'http://www.w3.org/2005/Atom';
const DC = 'http://purl.org/dc/elements/1.1/';
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

describe('the strict feed checks catch what they are for', () => {
  const rss = (item: string, channel = '<language>en</language>') =>
    `<?xml version="1.0"?><rss version="2.0" xmlns:atom="${ATOM}"><channel><title>T</title><link>http://x.test/</link><description>D</description>${channel}` +
    `<atom:link href="http://x.test/feed.xml" rel="self" type="application/rss+xml"/><item><title>I</title>${item}</item></channel></rss>`;
  const atom = (entry: string, feed = '') =>
    `<?xml version="1.0"?><feed xmlns="${ATOM}"><id>http://x.test/</id><title>T</title><updated>2026-01-01T00:00:00Z</updated>${feed}` +
    `<link rel="self" href="http://x.test/feed.atom"/><entry><id>tag:x.test,2026:1</id><title>E</title><updated>2026-01-01T00:00:00Z</updated><link href="http://x.test/1"/>${entry}</entry></feed>`;

  it('passes a clean feed of each format', () => {
    expect(checkRss(rss('<dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Ada</dc:creator>'), 'http://x.test/feed.xml')).toEqual([]);
    expect(checkAtom(atom('<author><name>Ada</name></author>'), 'http://x.test/feed.atom')).toEqual([]);
    expect(checkJsonFeed(JSON.stringify({ version: 'https://jsonfeed.org/version/1.1', title: 'T', items: [{ id: '1', content_text: '' }] }))).toEqual([]);
  });

  it('finds the faults the validators issue lists', () => {
    expect(checkRss(rss('<author>Ada Lovelace</author>'), 'http://x.test/feed.xml').join()).toMatch(/not an e-mail address/);
    expect(checkRss(rss('<enclosure url="http://x.test/a.jpg" length="0" type="image/jpg" title="A"/>'), 'http://x.test/feed.xml')).toHaveLength(3);
    expect(checkRss(rss('', '<language>zh-Hant</language>'), 'http://x.test/feed.xml').join()).toMatch(/not an RSS language value/);
    expect(checkRss(rss('').replace(/<atom:link[^>]*\/>/, ''), 'http://x.test/feed.xml').join()).toMatch(/rel="self"/);
    expect(checkRss(rss('<dc:creator>Ada</dc:creator>'), 'http://x.test/feed.xml').join()).toMatch(/not well-formed/);
    expect(checkAtom(atom(''), 'http://x.test/feed.atom').join()).toMatch(/no atom:author, and the feed has none/);
    expect(checkAtom(atom('', '<author><name>Herald</name></author>'), 'http://x.test/feed.atom')).toEqual([]);
    expect(checkAtom(atom('<link rel="enclosure" href="http://x.test/a.jpg" type="image/jpg" length="0"/>', '<author><name>H</name></author>'), 'http://x.test/feed.atom').join()).toMatch(/image\/jpg/);
    expect(checkAtom(atom('<title>Again</title>', '<author><name>H</name></author>'), 'http://x.test/feed.atom').join()).toMatch(/more than one/);
    const json = { version: 'https://jsonfeed.org/version/1', title: 'T', author: { name: 'A' }, items: [{ id: 1, author: { name: 'A' }, date_published: 'yesterday' }] };
    expect(checkJsonFeed(JSON.stringify(json))).toEqual([
      'version is "https://jsonfeed.org/version/1"',
      'feed: unknown key "author"',
      'item 1: unknown key "author"',
      'item 1: id is not a string',
      'item 1: neither content_html nor content_text',
      'item 1: date_published is not an RFC 3339 date',
    ]);
  });
});

interface Story {
  id: number;
  title: string;
  url: string;
  excerpt: string;
  authors: Array<{ name: string; slug: string }>;
}

for (const engine of ENGINES) {
  for (const content of ['full', 'excerpt'] as const) {
    describe(`feeds pass strict RSS 2.0, Atom 1.0 and JSON Feed 1.1 checks with every kind of story [${engine}, ${content}]`, () => {
      let t: TestApp;
      const stories: Record<string, Story> = {};
      let jpeg: { id: number; url: string; bytes: number };
      let picture: { id: number; url: string; bytes: number };
      const feeds = ['/en', '/zh-Hant', '/en/section/world', '/en/tag/ports', '/en/author/test-author'];

      beforeAll(async () => {
        t = await createTestApp(engine, { HERALD_FEED_CONTENT: content });
        const headers = await t.auth('editor');
        await t.auth('author');
        await t.auth('administrator');
        const upload = async (name: string, type: string, data: Buffer) => {
          const body = multipart(name, type, data);
          const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, ...headers }, payload: body.payload });
          expect(response.statusCode, response.body).toBe(201);
          const media = response.json() as { id: number; url: string };
          // The size of the file as the site serves it.
          return { ...media, bytes: (await t.app.inject({ url: media.url })).rawPayload.length };
        };
        jpeg = await upload('harbour.jpg', 'image/jpeg', await photoWithLocation(800, 500));
        picture = await upload('chart.png', 'image/png', await png(300, 200));
        const create = async (key: string, hours: number, payload: Record<string, unknown>) => {
          const response = await t.app.inject({
            method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', status: 'published', publishedAt: hoursAgo(hours), ...payload },
          });
          expect(response.statusCode, response.body).toBe(201);
          stories[key] = response.json() as Story;
        };
        await create('bare', 1, { title: 'Q&A: <finally> the "end" & AT&T’s ]]> <script>x</script>', body: '<p>Short.</p>', authors: [] });
        await create('crowd', 2, {
          title: 'Three reporters, one harbour', standfirst: 'Boats <b>came</b> back.', body: '<p>The harbour reopened.</p>', section: await sectionNamed(t.database, 'World'),
          tags: ['Ports', '<b>&"Tag\'</b>'], authors: ['test-editor', 'test-author', 'test-administrator'], featuredImage: { mediaId: jpeg.id, alt: 'Boats "at" dawn' },
        });
        await create('external', 3, { title: 'Picture from elsewhere', body: '<p>Elsewhere.</p>', tags: ['Ports'], featuredImage: { url: 'https://images.example/photos/harbour.JPG?w=800', alt: 'Far' } });
        await create('byUrl', 4, { title: 'Chart by its address', body: '<p>Numbers.</p>', section: await sectionNamed(t.database, 'World'), authors: ['test-author'], featuredImage: { url: picture.url, alt: 'Chart' } });
        await create('chinese', 5, { language: 'zh-Hant', title: '港口重新開放', body: '<p>船隻回來了。</p>' });
      });
      afterAll(async () => {
        await t?.close();
      });

      it('every feed of every scope passes the strict checks of its format', async () => {
        for (const scope of feeds) {
          const rss = await t.app.inject({ url: `${scope}/feed.xml` });
          expect(rss.headers['content-type']).toBe('application/rss+xml; charset=utf-8');
          expect(checkRss(rss.body, `${TEST_BASE_URL}${scope}/feed.xml`), `${scope}/feed.xml`).toEqual([]);
          const atom = await t.app.inject({ url: `${scope}/feed.atom` });
          expect(atom.headers['content-type']).toBe('application/atom+xml; charset=utf-8');
          expect(checkAtom(atom.body, `${TEST_BASE_URL}${scope}/feed.atom`), `${scope}/feed.atom`).toEqual([]);
          const json = await t.app.inject({ url: `${scope}/feed.json` });
          expect(json.headers['content-type']).toBe('application/feed+json; charset=utf-8');
          expect(checkJsonFeed(json.body), `${scope}/feed.json`).toEqual([]);
          expect(readFeed(rss.body).bozo, scope).toBe(false);
          expect(readFeed(atom.body).bozo, scope).toBe(false);
        }
        const site = (await t.app.inject({ url: '/en/feed.json' })).json();
        expect(site.items.map((i: { url: string }) => i.url)).toEqual([stories.bare.url, stories.crowd.url, stories.external.url, stories.byUrl.url]);
      });

      it('Atom: the publisher is the feed’s author, so an entry without an author is still authored', async () => {
        const atom = parseXml((await t.app.inject({ url: '/en/feed.atom' })).body);
        const authors = childrenOf(atom, `{${ATOM}}author`);
        expect(authors.map((a) => childrenOf(a, `{${ATOM}}name`)[0].text)).toEqual(['Herald']);
        const entries = childrenOf(atom, `{${ATOM}}entry`);
        expect(childrenOf(entries[0], `{${ATOM}}author`)).toEqual([]);
        expect(childrenOf(entries[1], `{${ATOM}}author`).map((a) => childrenOf(a, `{${ATOM}}name`)[0].text)).toEqual(['Test editor', 'Test author', 'Test administrator']);
      });

      it('RSS: names go in dc:creator, every author of a story, and <author> is never a name', async () => {
        const body = (await t.app.inject({ url: '/en/feed.xml' })).body;
        const items = childrenOf(childrenOf(parseXml(body), 'channel')[0], 'item');
        expect(items.flatMap((item) => childrenOf(item, 'author'))).toEqual([]);
        expect(items.map((item) => childrenOf(item, `{${DC}}creator`).map((c) => c.text))).toEqual([
          [], ['Test editor', 'Test author', 'Test administrator'], ['Test editor'], ['Test author'],
        ]);
        const reader = readFeed(body);
        expect(reader.entries[1].authors).toEqual(['Test editor', 'Test author', 'Test administrator']);
        expect(reader.entries[0].authors).toEqual([]);
      });

      it('RSS: an enclosure has the image’s real size and type, only url, length and type; an image of unknown size has none', async () => {
        const items = childrenOf(childrenOf(parseXml((await t.app.inject({ url: '/en/feed.xml' })).body), 'channel')[0], 'item');
        const enclosures = items.map((item) => childrenOf(item, 'enclosure').map((e) => e.attributes));
        expect(enclosures).toEqual([
          [],
          [{ url: `${TEST_BASE_URL}${jpeg.url}`, length: String(jpeg.bytes), type: 'image/jpeg' }],
          [],
          [{ url: `${TEST_BASE_URL}${picture.url}`, length: String(picture.bytes), type: 'image/png' }],
        ]);
        const atom = parseXml((await t.app.inject({ url: '/en/feed.atom' })).body);
        const links = childrenOf(atom, `{${ATOM}}entry`).map((entry) => childrenOf(entry, `{${ATOM}}link`).filter((l) => l.attributes.rel === 'enclosure').map((l) => l.attributes));
        expect(links[1]).toEqual([{ rel: 'enclosure', href: `${TEST_BASE_URL}${jpeg.url}`, type: 'image/jpeg', length: String(jpeg.bytes), title: 'Boats "at" dawn' }]);
        expect(links[2]).toEqual([{ rel: 'enclosure', href: 'https://images.example/photos/harbour.JPG?w=800', type: 'image/jpeg', title: 'Far' }]);
        const json = (await t.app.inject({ url: '/en/feed.json' })).json();
        expect(json.items.map((i: { image?: string }) => i.image)).toEqual([undefined, `${TEST_BASE_URL}${jpeg.url}`, 'https://images.example/photos/harbour.JPG?w=800', `${TEST_BASE_URL}${picture.url}`]);
      });

      it('Atom and RSS: a headline with <finally> keeps that word in a reader', async () => {
        for (const file of ['feed.xml', 'feed.atom']) {
          const reader = readFeed((await t.app.inject({ url: `/en/${file}` })).body);
          expect(shown(reader.entries[0].title), file).toEqual({ text: stories.bare.title, elements: [] });
          expect(reader.entries[1].tags, file).toEqual(['Ports', '<b>&"Tag\'</b>']);
        }
      });

      it('language: RSS values in RSS (zh-tw), BCP 47 in Atom and JSON Feed', async () => {
        const rss = parseXml((await t.app.inject({ url: '/zh-Hant/feed.xml' })).body);
        expect(childrenOf(childrenOf(rss, 'channel')[0], 'language')[0].text).toBe('zh-tw');
        expect(childrenOf(childrenOf(parseXml((await t.app.inject({ url: '/en/feed.xml' })).body), 'channel')[0], 'language')[0].text).toBe('en');
        expect(parseXml((await t.app.inject({ url: '/zh-Hant/feed.atom' })).body).attributes['xml:lang']).toBe('zh-Hant');
        const json = (await t.app.inject({ url: '/zh-Hant/feed.json' })).json();
        expect([json.language, json.items[0].language, json.items[0].title]).toEqual(['zh-Hant', 'zh-Hant', '港口重新開放']);
      });

      it('JSON Feed: every author of a story, with their pages; none for a story without', async () => {
        const json = (await t.app.inject({ url: '/en/feed.json' })).json();
        expect(json.authors).toEqual([{ name: 'Herald', url: `${TEST_BASE_URL}/` }]);
        expect(json.items[0].authors).toBeUndefined();
        expect(json.items[1].authors).toEqual(['test-editor', 'test-author', 'test-administrator'].map((slug, i) => ({
          name: stories.crowd.authors[i].name, url: `${TEST_BASE_URL}/en/author/${slug}`,
        })));
        expect(content === 'full' ? json.items[1].summary : json.items[1].content_text).toBe(stories.crowd.excerpt);
      });

      it('the comments feed has a description, its own address as rel="self" and Herald as generator', async () => {
        for (const story of [stories.bare, stories.crowd]) {
          const posted = await postComment(t, story.id, { name: 'Ada <Reader>', email: `ada${story.id}@example.org`, body: 'Fine & <well> said' }, { json: true });
          expect((await moderate(t, posted.json().id, 'approve')).statusCode).toBe(200);
          const url = `/comments/feed/${story.id}.xml`;
          const response = await t.app.inject({ url });
          expect(checkRss(response.body, `${TEST_BASE_URL}${url}`), url).toEqual([]);
          const channel = childrenOf(parseXml(response.body), 'channel')[0];
          expect(shownHtml(childrenOf(channel, 'description')[0].text)).toContain(shownHtml(childrenOf(channel, 'title')[0].text));
          expect(childrenOf(channel, 'generator')[0].text).toBe('Herald');
          const reader = readFeed(response.body);
          expect(shown(reader.feed.subtitle).text).toContain(story.title);
          expect(reader.entries.map((e) => e.authors)).toEqual([['Ada <Reader>']]);
        }
      });

      it('the comments feed lists comments newest first, a late reply before the older comments above it', async () => {
        const story = stories.byUrl;
        const ids: number[] = [];
        for (const [n, parent] of [[1, ''], [2, ''], [3, 'first']] as const) {
          const posted = await postComment(t, story.id, { name: `Reader ${n}`, email: `reader${n}@example.org`, body: `Remark ${n}.`, parent: parent && String(ids[0]) }, { json: true });
          ids.push(posted.json().id);
          expect((await moderate(t, ids.at(-1)!, 'approve')).statusCode).toBe(200);
        }
        const body = (await t.app.inject({ url: `/comments/feed/${story.id}.xml` })).body;
        const reader = readFeed(body);
        expect(reader.entries.map((e) => e.link)).toEqual([3, 2, 1].map((n) => `${story.url}#comment-${ids[n - 1]}`));
        const channel = childrenOf(parseXml(body), 'channel')[0];
        expect(childrenOf(channel, 'lastBuildDate')[0].text).toBe(childrenOf(childrenOf(channel, 'item')[0], 'pubDate')[0].text);
      });
    });
  }
}

/** The characters an HTML string shows. */
function shownHtml(html: string): string {
  return shown({ value: html, type: 'text/html' }).text;
}
