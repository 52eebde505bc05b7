import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importGhost } from '../../../src/portability/ghost/ghost.import.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { runHerald } from '../../support/cli.js';
import { createStore, type TestStore } from '../../support/engines.js';

/** A Ghost 5 export (written from Ghost's export format) with what moving in from Ghost meets. */
const GHOST = new URL('../../fixtures/ghost/ghost-moving-in.json', import.meta.url).pathname;

const OLD_SITE = 'https://harbour-courier.example/';

const idsOf = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map(([, id]) => id);

describeEachEngineApp('Moving in from Ghost', (t) => {
  it("refuses an export naming the old site's pictures by relative address without that site's address, importing nothing", async () => {
    const { database } = t();
    await expect(importGhost(database, GHOST, { baseUrl: TEST_BASE_URL })).rejects.toThrow(
      /ghost-moving-in\.json is refused, nothing was imported — it names 7 pictures and files by their address on the old site \(__GHOST_URL__\/content\/images\/2024\/11\/quay\.jpg\): give that site's address, as in `herald import ghost ghost-moving-in\.json --site-url https:\/\/old\.example`/,
    );
    await expect(importGhost(database, GHOST, { baseUrl: TEST_BASE_URL, siteUrl: 'ftp://old.example' })).rejects.toThrow(/siteUrl: "ftp:\/\/old\.example" is not an http\(s\) address/);
    expect(await database.db.selectFrom('articles').select('id').execute()).toHaveLength(0);
  });

  it('imports the export', async () => {
    const { database } = t();
    const report = await importGhost(database, GHOST, { baseUrl: TEST_BASE_URL, siteUrl: OLD_SITE });
    expect(report.counts.articles).toBe(4);
    expect(report.counts.embeds).toBe(3);
    expect(report.notes).toContain(
      '"Port budget: what the deal says": an embed Herald does not show as a card (open.spotify.com) kept as a link to https://open.spotify.com/embed/episode/7makk4oTQel546B0PZlDM5',
    );
  });

  it("demotes body h1 to h2 and keeps heading ids, prefixed, with the contents' links to them", async () => {
    const { app, database } = t();
    const story = await database.db.selectFrom('articles').select(['body', 'language', 'slug']).where('slug', '=', 'port-budget-deal').executeTakeFirstOrThrow();
    expect(story.body).not.toContain('<h1');
    expect(story.body).toContain('<h2 id="h-the-deal">The deal</h2>');
    expect(story.body).toContain('<h2 id="h-comments">What readers said</h2>');
    expect(story.body).toContain('<a href="#h-the-deal">The deal</a>, <a href="#h-comments">What readers said</a>');
    const page = await app.inject({ url: `/${story.language}/${story.slug}` });
    expect(page.statusCode).toBe(200);
    // One h1, the story's title; every id once; the body's ids apart from the page's own.
    expect(page.body.match(/<h1[\s>]/g)).toHaveLength(1);
    const ids = idsOf(page.body);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['h-the-deal', 'h-comments']));
    const chrome = ids.filter((id) => !idsOf(story.body).includes(id));
    expect(chrome).toContain('comments');
    expect(chrome.filter((id) => id.startsWith('h-'))).toEqual([]);
  });

  it("keeps Ghost's embed cards (YouTube, Vimeo, X) as Herald embed cards, and another provider's as a link", async () => {
    const { app, database } = t();
    const story = await database.db.selectFrom('articles').select(['body', 'language', 'slug']).where('slug', '=', 'port-budget-deal').executeTakeFirstOrThrow();
    expect(story.body).toContain(
      '<aside class="embed embed-youtube"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener">YouTube video: The vote, in two minutes</a></aside><p><span>The vote, in two minutes.</span></p>',
    );
    expect(story.body).toContain('<aside class="embed embed-vimeo"><a href="https://vimeo.com/76979871" rel="noopener">Vimeo video: The new quay, from the air</a></aside>');
    expect(story.body).toContain(
      '<aside class="embed embed-x"><a href="https://x.com/harbourcourier/status/1859234567890123456" rel="noopener">Post on X by @harbourcourier: The port budget passed 31 to 12. Full results tonight.</a></aside>',
    );
    expect(story.body).toContain('<p><a href="https://open.spotify.com/embed/episode/7makk4oTQel546B0PZlDM5" rel="noopener">Harbour Talk, episode 4</a></p>');
    // Nothing empty left behind, and nothing that loads from the platforms.
    expect(story.body).not.toMatch(/<figure>\s*<\/figure>|<iframe|<script/);
    const page = await app.inject({ url: `/${story.language}/${story.slug}` });
    expect(page.body).toContain('<aside class="embed embed-vimeo">');
  });

  it("points the old site's pictures (__GHOST_URL__/content/images/…, /content/images/…) at that site, and its page links at their redirects", async () => {
    const { app, database } = t();
    const { db } = database;
    const story = await db.selectFrom('articles').selectAll().where('slug', '=', 'port-budget-deal').executeTakeFirstOrThrow();
    expect(story.image_url).toBe('https://harbour-courier.example/content/images/2024/11/quay.jpg');
    expect(story.body).toContain(
      '<img src="https://harbour-courier.example/content/images/2024/11/quay.jpg" alt="The east quay" loading="lazy" width="1200" height="800" ' +
        'srcset="https://harbour-courier.example/content/images/size/w600/2024/11/quay.jpg 600w, https://harbour-courier.example/content/images/size/w1000/2024/11/quay.jpg 1000w, https://harbour-courier.example/content/images/2024/11/quay.jpg 1200w"',
    );
    expect(story.body).toContain('<img src="https://harbour-courier.example/content/images/2024/11/crane.png"');
    expect(story.body).not.toContain('__GHOST_URL__');
    expect(story.body).toContain('<a href="/harbour-history/">the old quay</a>');
    const moved = await app.inject({ url: '/harbour-history/' });
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/en/harbour-history');
    const older = await db.selectFrom('articles').select('image_url').where('slug', '=', 'harbour-history').executeTakeFirstOrThrow();
    expect(older.image_url).toBe('https://harbour-courier.example/content/images/2023/04/old-quay.jpg');
  });

  it("redirects Ghost's feed and author addresses (/rss/, /author/slug/, their feeds, a tag's) to Herald's", async () => {
    const { app } = t();
    const follows = async (from: string, to: string) => {
      const moved = await app.inject({ url: from });
      expect(moved.statusCode, from).toBe(301);
      expect(moved.headers.location, from).toBe(to);
      expect((await app.inject({ url: to })).statusCode, to).toBe(200);
    };
    await follows('/rss/', '/en/feed.xml');
    await follows('/author/ines/', '/en/author/ines-carvalho');
    await follows('/author/ines/rss/', '/en/author/ines-carvalho/feed.xml');
    await follows('/tag/port/rss/', '/en/tag/port/feed.xml');
    expect((await app.inject({ url: '/author/nobody/' })).statusCode).toBe(404);
  });

  it('imports Ghost pages (type "page", and "page": 1 of older exports) as pages: at their address, undated, in no listing', async () => {
    const { app, database } = t();
    const kinds = Object.fromEntries((await database.db.selectFrom('articles').select(['slug', 'kind']).execute()).map((r) => [r.slug, r.kind]));
    expect(kinds).toEqual({ 'port-budget-deal': 'story', 'harbour-history': 'story', about: 'page', contact: 'page' });
    const about = await app.inject({ url: '/en/about' });
    expect(about.statusCode).toBe(200);
    expect(about.body).toContain('An independent newsroom on the coast since 2019.');
    expect(about.body).not.toContain('class="meta dates"');
    expect((await app.inject({ url: '/about/' })).headers.location).toBe('/en/about');
    for (const url of ['/en/', '/en/feed.xml', '/news-sitemap.xml']) {
      const listing = await app.inject({ url });
      expect(listing.body, url).not.toMatch(/\/en\/(about|contact)\b/);
    }
    expect((await app.inject({ url: '/en/' })).body).toContain('/en/port-budget-deal');
  });
});

describeEachEngineApp(
  'Moving in from Ghost with --download-media',
  (t) => {
    let jpeg: Buffer;
    const asked: string[] = [];
    const oldSite = createServer((request, response) => {
      asked.push(request.url ?? '');
      if (request.url === '/content/images/2024/11/quay.jpg' || request.url === '/content/images/2023/04/old-quay.jpg') {
        return void response.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
      }
      response.writeHead(404).end();
    });
    beforeAll(async () => {
      jpeg = await sharp({ create: { width: 800, height: 450, channels: 3, background: '#1d4e89' } }).jpeg().toBuffer();
      await new Promise<void>((resolve) => oldSite.listen(0, '127.0.0.1', resolve));
    });
    afterAll(() => new Promise<void>((resolve) => oldSite.close(() => resolve())));

    it("copies the old site's pictures into the media library, featured and in stories, keeping the address of one it cannot fetch", async () => {
      const { app, config, database } = t();
      const { db } = database;
      const siteUrl = `http://127.0.0.1:${(oldSite.address() as AddressInfo).port}`;
      const report = await importGhost(database, GHOST, { baseUrl: TEST_BASE_URL, siteUrl, downloadMediaTo: config });
      // quay.jpg is both a featured image and in a body: fetched once.
      expect(report.counts['images downloaded']).toBe(2);
      expect(asked.filter((url) => url === '/content/images/2024/11/quay.jpg')).toHaveLength(1);
      expect(report.skipped.get('picture in a story not downloaded (its original URL is kept)')).toBe(1);
      const story = await db.selectFrom('articles').selectAll().where('slug', '=', 'port-budget-deal').executeTakeFirstOrThrow();
      expect(story.image_media_id).not.toBeNull();
      expect(story.image_url).toBeNull();
      const media = await db.selectFrom('media').selectAll().where('id', '=', story.image_media_id!).executeTakeFirstOrThrow();
      expect(media).toMatchObject({ mime_type: 'image/jpeg', width: 800, height: 450 });
      const local = `/media/${media.path}`;
      expect(story.body).toContain(`<img src="${local}" alt="The east quay" loading="lazy" width="1200" height="800" />`);
      expect(story.body).not.toContain('/content/images/size/');
      expect(story.body).toContain(`<img src="${siteUrl}/content/images/2024/11/crane.png"`);
      expect((await app.inject({ url: local })).statusCode).toBe(200);
      const older = await db.selectFrom('articles').select(['image_media_id', 'image_url']).where('slug', '=', 'harbour-history').executeTakeFirstOrThrow();
      expect(older.image_media_id).not.toBeNull();
      // Imported again: nothing is fetched a second time.
      const before = asked.length;
      await importGhost(database, GHOST, { baseUrl: TEST_BASE_URL, siteUrl, downloadMediaTo: config });
      expect(asked.length).toBe(before);
    });
  },
  { HERALD_OUTBOUND_ALLOW: '127.0.0.1' },
);

describe('herald import ghost --site-url [sqlite]', { timeout: 120_000 }, () => {
  let store: TestStore;
  beforeAll(async () => {
    store = await createStore('sqlite');
  });
  afterAll(async () => {
    await store?.drop();
  });

  it("refuses an export with relative pictures without --site-url, and imports it with the old site's address", async () => {
    const refused = await runHerald(store, ['import', 'ghost', GHOST]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/ghost-moving-in\.json is refused, nothing was imported — .*--site-url https:\/\/old\.example/);
    const imported = await runHerald(store, ['import', 'ghost', GHOST, '--site-url', OLD_SITE]);
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout).toMatch(/^Imported: 2 users, 3 embeds, 1 tags, 4 articles, \d+ redirects\.$/m);
    const again = await runHerald(store, ['import', 'ghost', GHOST, '--site-url', OLD_SITE]);
    expect(again.stdout).toMatch(/^Imported: nothing new\.$/m);
  });
});
