import { writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { importWordpress } from '../../../src/portability/wordpress/wordpress.import.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';

/** A tiny export whose two posts (ids `first` and the next) have featured images on the old site (one of them gone). */
function wxrWithImages(origin: string, first = 1, pictures = ''): string {
  const item = (id: number, thumb: number) => `<item><title>Story ${id}</title><link>${origin}/?p=${id}</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[Text of story ${id}.${pictures}]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_date>2024-05-0${id - first + 1} 10:00:00</wp:post_date>
<wp:post_date_gmt>2024-05-0${id - first + 1} 10:00:00</wp:post_date_gmt><wp:post_name>story-${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type>
<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>${thumb}</wp:meta_value></wp:postmeta></item>
<item><title>photo-${thumb}</title><wp:post_id>${thumb}</wp:post_id><wp:post_parent>${id}</wp:post_parent><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>${origin}/wp-content/uploads/${thumb === 90 + first ? 'harbour.png' : 'missing.png'}</wp:attachment_url>
<wp:postmeta><wp:meta_key>_wp_attachment_image_alt</wp:meta_key><wp:meta_value>Alt ${thumb}</wp:meta_value></wp:postmeta></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><link>${origin}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>${origin}</wp:base_blog_url>
${item(first, 90 + first)}
${item(first + 1, 91 + first)}
</channel></rss>`;
}

describeEachEngineApp('WordPress import with --download-media', (t) => {
  let png: Buffer;
  let downloads = 0;
  const oldSite = createServer((request, response) => {
    downloads++;
    if (request.url === '/wp-content/uploads/harbour.png') return void response.writeHead(200, { 'content-type': 'image/png' }).end(png);
    response.writeHead(404).end();
  });
  beforeAll(async () => {
    png = await sharp({ create: { width: 640, height: 360, channels: 3, background: '#2a6f97' } }).png().toBuffer();
    await new Promise<void>((resolve) => oldSite.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => oldSite.close(() => resolve())));

  it('stores featured images in the media library, keeping the old URL when one cannot be fetched', async () => {
    const { database, store, app, config } = t();
    const origin = `http://127.0.0.1:${(oldSite.address() as AddressInfo).port}`;
    const file = join(store.dataDir, 'images.xml');
    writeFileSync(file, wxrWithImages(origin));
    const report = await importWordpress(database, file, { baseUrl: TEST_BASE_URL, downloadMediaTo: config });
    expect(report.counts['images downloaded']).toBe(1);
    expect(report.skipped.get('featured image not downloaded (its original URL is kept)')).toBe(1);
    const one = await database.db.selectFrom('articles').selectAll().where('slug', '=', 'story-1').executeTakeFirstOrThrow();
    expect(one.image_media_id).not.toBeNull();
    expect(one.image_url).toBeNull();
    expect(one.image_alt).toBe('Alt 91');
    const media = await database.db.selectFrom('media').selectAll().where('id', '=', one.image_media_id!).executeTakeFirstOrThrow();
    expect(media).toMatchObject({ mime_type: 'image/png', width: 640, height: 360 });
    expect((await app.inject({ url: `/media/${media.path}` })).statusCode).toBe(200);
    const two = await database.db.selectFrom('articles').selectAll().where('slug', '=', 'story-2').executeTakeFirstOrThrow();
    expect(two.image_url).toBe(`${origin}/wp-content/uploads/missing.png`);
    // Imported again: nothing is downloaded a second time.
    const before = downloads;
    await importWordpress(database, file, { baseUrl: TEST_BASE_URL, downloadMediaTo: config });
    expect(downloads).toBe(before);
  });

  it("copies the old site's pictures in the text into the library, a resized copy as its attachment, other sites' pictures left alone", async () => {
    const { database, store, app, config } = t();
    const origin = `http://127.0.0.1:${(oldSite.address() as AddressInfo).port}`;
    const file = join(store.dataDir, 'text-pictures.xml');
    const pictures = `\n\n<img src="${origin}/wp-content/uploads/harbour-320x180.png?w=320" srcset="${origin}/wp-content/uploads/harbour-640x360.png 640w" alt="Harbour"> <img src="https://elsewhere.example/map.png" alt="Map">`;
    writeFileSync(file, wxrWithImages(origin, 21, pictures));
    const report = await importWordpress(database, file, { baseUrl: TEST_BASE_URL, downloadMediaTo: config });
    const story = await database.db.selectFrom('articles').selectAll().where('slug', '=', 'story-21').executeTakeFirstOrThrow();
    const featured = await database.db.selectFrom('media').select('path').where('id', '=', story.image_media_id!).executeTakeFirstOrThrow();
    // The resized copy led to the attachment harbour.png: the same picture as the featured one.
    expect(story.body).toContain(`<img src="/media/${featured.path}" alt="Harbour"`);
    expect(story.body).not.toContain(origin);
    expect(story.body).toContain('<img src="https://elsewhere.example/map.png" alt="Map"');
    expect(report.skipped.get('picture in a story not downloaded (its original URL is kept)')).toBeUndefined();
    const page = await app.inject({ url: `/${story.language}/${story.slug}` });
    expect(page.body).toContain(`/media/${featured.path}`);
  });
}, { HERALD_OUTBOUND_ALLOW: '127.0.0.1' });

describeEachEngineApp('WordPress import with --download-media: limits on what is fetched', (t) => {
  let png: Buffer;
  const hits: string[] = [];
  // The old site, reachable by its name only; one picture there redirects to 127.0.0.1, one never ends.
  const internal = createServer((request, response) => {
    hits.push(`internal ${request.url}`);
    response.writeHead(200, { 'content-type': 'image/png' }).end(png);
  });
  const oldSite = createServer((request, response) => {
    hits.push(`old ${request.url}`);
    if (request.url === '/wp-content/uploads/harbour.png') {
      return void response.writeHead(302, { location: `http://127.0.0.1:${(internal.address() as AddressInfo).port}/secret.png` }).end();
    }
    response.writeHead(200, { 'content-type': 'image/png' });
    const chunk = Buffer.alloc(256 * 1024);
    const pump = () => {
      while (!response.destroyed) if (!response.write(chunk)) return void response.once('drain', pump);
    };
    pump();
  });
  beforeAll(async () => {
    png = await sharp({ create: { width: 64, height: 36, channels: 3, background: '#2a6f97' } }).png().toBuffer();
    await Promise.all([internal, oldSite].map((server) => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))));
  });
  afterAll(() => Promise.all([internal, oldSite].map((server) => new Promise<void>((resolve) => server.close(() => resolve())))));

  it('refuses a redirect to loopback and stops an endless download at 25 MB, keeping the original URLs', async () => {
    const { database, store, config } = t();
    const origin = `http://localhost:${(oldSite.address() as AddressInfo).port}`;
    const file = join(store.dataDir, 'limits.xml');
    writeFileSync(file, wxrWithImages(origin));
    const report = await importWordpress(database, file, { baseUrl: TEST_BASE_URL, downloadMediaTo: { ...config, outboundAllow: ['localhost'] } });
    expect(report.counts['images downloaded']).toBeUndefined();
    expect(report.skipped.get('featured image not downloaded (its original URL is kept)')).toBe(2);
    expect(report.notes).toEqual([
      expect.stringMatching(/harbour\.png: refused to connect to 127\.0\.0\.1:\d+: 127\.0\.0\.1 is a loopback address/),
      expect.stringMatching(/missing\.png: the answer of localhost:\d+ is larger than 26214400 bytes/),
    ]);
    expect(hits.filter((h) => h.startsWith('internal'))).toEqual([]);
    const rows = await database.db.selectFrom('articles').select(['slug', 'image_url', 'image_media_id']).orderBy('slug').execute();
    expect(rows).toEqual([
      { slug: 'story-1', image_url: `${origin}/wp-content/uploads/harbour.png`, image_media_id: null },
      { slug: 'story-2', image_url: `${origin}/wp-content/uploads/missing.png`, image_media_id: null },
    ]);
    expect(await database.db.selectFrom('media').select('id').execute()).toEqual([]);
  });

  it('refuses the old site at a loopback address unless HERALD_OUTBOUND_ALLOW lists it', async () => {
    const { database, store, config } = t();
    const origin = `http://2130706433:${(internal.address() as AddressInfo).port}`;
    const file = join(store.dataDir, 'loopback.xml');
    writeFileSync(file, wxrWithImages(origin, 5));
    hits.length = 0;
    const report = await importWordpress(database, file, { baseUrl: TEST_BASE_URL, downloadMediaTo: config });
    expect(report.counts['images downloaded']).toBeUndefined();
    expect(report.skipped.get('featured image not downloaded (its original URL is kept)')).toBe(2);
    expect(report.notes).toHaveLength(2);
    for (const note of report.notes) expect(note).toMatch(/refused to connect to 127\.0\.0\.1:\d+: 127\.0\.0\.1 is a loopback address/);
    expect(hits).toEqual([]);
  });
});
