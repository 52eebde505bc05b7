import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newsroomSuite, signInAs } from './newsroom-server.js';

/** Three posts whose text shows pictures of the old site at `origin`, one of them a resized copy. */
function exportWithPictures(origin: string): string {
  const post = (id: number, picture: string) => `<item><title>Harbour ${id}</title><link>${origin}/?p=${id}</link><dc:creator>ed</dc:creator>
<content:encoded><![CDATA[First paragraph of story ${id}.

<img src="${origin}/wp-content/uploads/${picture}" alt="Harbour ${id}">

Last paragraph.]]></content:encoded><wp:post_id>${id}</wp:post_id><wp:post_date_gmt>2024-05-0${id} 10:00:00</wp:post_date_gmt>
<wp:post_name>harbour-${id}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type></item>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><link>${origin}</link><wp:wxr_version>1.2</wp:wxr_version><wp:base_blog_url>${origin}</wp:base_blog_url>
${post(1, 'dawn.png')}
${post(2, 'noon-300x169.png')}
${post(3, 'dusk.png')}
<item><title>noon</title><wp:post_id>9</wp:post_id><wp:post_type>attachment</wp:post_type><wp:status>inherit</wp:status>
<wp:attachment_url>${origin}/wp-content/uploads/noon.png</wp:attachment_url></item>
</channel></rss>`;
}

describe('moving in from WordPress in Chromium: the pictures come along', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let png: Buffer;
  const served: string[] = [];
  // The old site answers slowly, as a real one far away does: the screen shows where the import stands.
  const oldSite = createServer((request, response) => {
    served.push(request.url ?? '');
    setTimeout(() => response.writeHead(200, { 'content-type': 'image/png' }).end(png), 600);
  });
  beforeAll(async () => {
    png = await sharp({ create: { width: 600, height: 338, channels: 3, background: '#7a5c3e' } }).png().toBuffer();
    await new Promise<void>((resolve) => oldSite.listen(0, '127.0.0.1', resolve));
    page = await newsroom.browser.newPage();
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => oldSite.close(() => resolve()));
  });

  it('an administrator imports with "copy the pictures", sees the progress, and the stories show the library copies', async () => {
    const origin = `http://127.0.0.1:${(oldSite.address() as AddressInfo).port}`;
    const admin = await newsroom.person('administrator', 'Ida Import');
    await signInAs(page, newsroom.url, admin.email);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('WordPress export (.xml)').setInputFiles({ name: 'old-site.xml', mimeType: 'application/xml', buffer: Buffer.from(exportWithPictures(origin)) });
    expect(await page.getByLabel('Copy the pictures into the media library').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').filter({ hasText: /of \d+ items/ }).waitFor();
    await page.getByRole('status').filter({ hasText: /Imported: .*3 articles/ }).waitFor();
    await page.getByRole('status').filter({ hasText: /3 images downloaded/ }).waitFor();
    // The resized copy was fetched as its attachment, the full-size file.
    expect(served.sort()).toEqual(['/wp-content/uploads/dawn.png', '/wp-content/uploads/dusk.png', '/wp-content/uploads/noon.png']);
    const db = newsroom.server.database.db;
    const stories = await db.selectFrom('articles').select(['language', 'slug', 'body']).orderBy('slug').execute();
    expect(stories.map((s) => s.slug)).toEqual(['harbour-1', 'harbour-2', 'harbour-3']);
    for (const story of stories) {
      expect(story.body).not.toContain(origin);
      // Blank-line paragraphs, as WordPress showed them.
      expect(story.body).toMatch(/^<p>First paragraph of story \d\.<\/p>/);
    }
    const reader = await newsroom.browser.newPage();
    await reader.goto(`${newsroom.url}/${stories[1].language}/${stories[1].slug}`);
    const picture = reader.getByRole('img', { name: 'Harbour 2' });
    expect(await picture.getAttribute('src')).toMatch(/^\/media\//);
    // Body pictures load lazily: bring it into view and wait for the copy to arrive.
    await picture.scrollIntoViewIfNeeded();
    await expect.poll(() => picture.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
    await reader.close();
  });
});
