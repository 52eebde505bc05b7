import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL, type TestApp } from '../../support/app.js';
import { page, picture, PictureHost, pixel, publish, served, setSettings, uploadPicture } from './structured-data.js';

const host = new PictureHost();
beforeAll(() => host.start());
afterAll(() => host.stop());

/** Open Graph and Twitter card pictures of a page, checked against the file the site serves. */
async function expectCard(t: TestApp, path: string) {
  const { metas, newsArticle } = await page(t, path);
  const one = (key: string) => {
    const values = metas(key);
    expect(values, `${path}: ${key}`).toHaveLength(1);
    return values[0]!;
  };
  const card = {
    url: one('og:image'),
    width: Number(one('og:image:width')),
    height: Number(one('og:image:height')),
    alt: one('og:image:alt'),
    twitter: one('twitter:image'),
    twitterAlt: one('twitter:image:alt'),
  };
  expect(card.alt.trim()).not.toBe('');
  expect(card.twitter).toBe(card.url);
  expect(card.twitterAlt).toBe(card.alt);
  expect(one('twitter:card')).toBe('summary_large_image');
  const file = await served(t, card.url);
  expect(file.status, card.url).toBe(200);
  expect([file.width, file.height], card.url).toEqual([card.width, card.height]);
  return { ...card, file, newsArticle };
}

describeEachEngineApp(
  'social cards and the site default picture',
  (t) => {
    it('gives a story without a featured image a 1200×630 card of the logo (not a NewsArticle image: Google wants the story shown, not a logo)', async () => {
      const story = await publish(t(), { language: 'en', title: 'No picture today' });
      const card = await expectCard(t(), story.path);
      expect(card.url).toBe(`${TEST_BASE_URL}/social-image.jpg`);
      expect([card.width, card.height]).toEqual([1200, 630]);
      expect(card.alt).toBe('Herald');
      // The logo (the favicon's red square) in the middle, on white.
      const [r, g, b] = await pixel(card.file.bytes, 600, 200);
      expect(r).toBeGreaterThan(140);
      expect(g + b).toBeLessThan(120);
      expect((await pixel(card.file.bytes, 20, 20)).every((c) => c > 240)).toBe(true);
      expect(card.newsArticle!.image).toBeUndefined();
    });

    it('gives a story with a library picture its 16:9 crop, with its size and alt text', async () => {
      const media = await uploadPicture(t(), await picture(2400, 1600), 'market.jpg');
      const story = await publish(t(), { language: 'en', title: 'Market day', featuredImage: { mediaId: media.id, alt: 'Stalls on the square' } });
      const card = await expectCard(t(), story.path);
      expect(card.url).toMatch(new RegExp(`^${TEST_BASE_URL}/media/.*-16x9\\.jpg$`));
      expect([card.width, card.height]).toEqual([1600, 900]);
      expect(card.alt).toBe('Stalls on the square');
      expect(card.newsArticle!.image[0].url).toBe(card.url);
    });

    it('uses the socialImage setting when it names a library picture: its crops, its alt text', async () => {
      const media = await uploadPicture(t(), await picture(1800, 1200), 'newsroom.jpg');
      const described = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/media/${media.id}`, headers: await t().auth('editor'), payload: { alt: 'The newsroom at night' } });
      expect(described.statusCode).toBe(200);
      expect((await setSettings(t(), { socialImage: media.id })).socialImage).toBe(media.id);
      const story = await publish(t(), { language: 'en', title: 'Still no picture' });
      const card = await expectCard(t(), story.path);
      expect(card.url).toMatch(/-16x9\.jpg$/);
      expect(card.alt).toBe('The newsroom at night');
      const images = card.newsArticle!.image as Array<{ url: string; width: number; height: number }>;
      expect(images.map((i) => (i.width / i.height).toFixed(2))).toEqual(['1.78', '1.33', '1.00']);
      for (const image of images) {
        const file = await served(t(), image.url);
        expect([file.width, file.height]).toEqual([image.width, image.height]);
      }
      // Listing pages and the home page show it too.
      for (const path of ['/en/', '/fr/privacy', '/en/author/test-editor']) expect((await expectCard(t(), path)).url).toBe(card.url);
    });

    it('makes a 1200×630 card of a socialImage address on another site', async () => {
      host.files.set('/share.png', { type: 'image/png', data: await picture(1000, 1000, 'png', ['#ff0000', '#00ff00', '#0000ff']) });
      expect((await setSettings(t(), { socialImage: `${host.url}/share.png` })).socialImage).toBe(`${host.url}/share.png`);
      const story = await publish(t(), { language: 'fr', title: 'Toujours sans image' });
      const card = await expectCard(t(), story.path);
      expect(card.url).toBe(`${TEST_BASE_URL}/social-image.jpg`);
      expect([card.width, card.height]).toEqual([1200, 630]);
      // Cut around the centre of the square: green in the middle.
      const [r, g, b] = await pixel(card.file.bytes, 600, 315);
      expect(g).toBeGreaterThan(200);
      expect(r + b).toBeLessThan(60);
      expect(card.newsArticle!.image).toEqual([{ '@type': 'ImageObject', url: card.url, width: 1200, height: 630 }]);
    });

    it('keeps another site’s featured picture as it is, with its alt text', async () => {
      const story = await publish(t(), { language: 'en', title: 'Elsewhere', featuredImage: { url: 'https://images.example.org/elsewhere.jpg', alt: 'A picture elsewhere' } });
      const { metas } = await page(t(), story.path);
      expect(metas('og:image')).toEqual(['https://images.example.org/elsewhere.jpg']);
      expect(metas('twitter:image:alt')).toEqual(['A picture elsewhere']);
    });

    it('refuses a socialImage of none of the accepted forms with a 400 naming the field', async () => {
      const headers = await t().auth('administrator');
      for (const socialImage of [999_999, 0, -3, 'ftp://files.example.org/a.png', 'javascript:alert(1)', '/etc/passwd', 'a picture', true, { id: 1 }]) {
        const response = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers, payload: { socialImage } });
        expect(response.statusCode, JSON.stringify(socialImage)).toBe(400);
        expect(JSON.stringify(response.json().error), JSON.stringify(socialImage)).toContain('socialImage');
      }
      expect((await setSettings(t(), { socialImage: '' })).socialImage).toBe('');
    });
  },
  { HERALD_OUTBOUND_ALLOW: '127.0.0.1' },
);
