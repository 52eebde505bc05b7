import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { page, picture, PictureHost, pixel, publish, served, setSettings, uploadPicture } from './structured-data.js';

// Google: the publisher logo is a raster picture (not SVG) that fits in 600×60, filling its
// height (60 px) or its width (600 px), with its size given.
function expectGoogleLogo(logo: { '@type': string; url: string; width: number; height: number }) {
  expect(logo['@type']).toBe('ImageObject');
  expect(logo.url).not.toMatch(/\.svg$/);
  expect(logo.width).toBeLessThanOrEqual(600);
  expect(logo.height).toBeLessThanOrEqual(60);
  expect(logo.width === 600 || logo.height === 60, `${logo.width}×${logo.height}`).toBe(true);
}

const host = new PictureHost();
beforeAll(() => host.start());
afterAll(() => host.stop());

describeEachEngineApp(
  'the raster publisher logo',
  (t) => {
    let story: Awaited<ReturnType<typeof publish>>;

    it('is a PNG made from the SVG favicon by default, its size in the JSON-LD of stories and the home page', async () => {
      story = await publish(t(), { language: 'en', title: 'Logo check' });
      const { newsArticle } = await page(t(), story.path);
      const logo = newsArticle!.publisher.logo;
      expectGoogleLogo(logo);
      const file = await served(t(), logo.url);
      expect(file.status).toBe(200);
      expect(file.type).toBe('image/png');
      expect(file.format).toBe('png');
      expect([file.width, file.height]).toEqual([logo.width, logo.height]);
      // The favicon is square: 60×60, its red background drawn.
      expect([logo.width, logo.height]).toEqual([60, 60]);
      const [r, g, b] = await pixel(file.bytes, 30, 2);
      expect(r).toBeGreaterThan(140);
      expect(g + b).toBeLessThan(100);

      const home = (await page(t(), '/en/')).html.jsonLd();
      for (const data of home) {
        const organization = data['@type'] === 'Organization' ? data : data.publisher;
        expect(organization.logo).toEqual(logo);
      }
    });

    it('is served at a stable address with a validator, and answers 304 when unchanged', async () => {
      const first = await t().app.inject({ url: '/publisher-logo.png' });
      expect(first.statusCode).toBe(200);
      expect(first.headers.etag).toBeTruthy();
      expect(String(first.headers['cache-control'])).toMatch(/max-age=\d+/);
      const again = await t().app.inject({ url: '/publisher-logo.png', headers: { 'if-none-match': String(first.headers.etag) } });
      expect(again.statusCode).toBe(304);
    });

    it('is made from the publisher logo setting: a library picture, scaled into 600×60', async () => {
      const wide = await uploadPicture(t(), await picture(1200, 300, 'png'), 'wide-logo.png', 'image/png');
      await setSettings(t(), { publisherLogo: wide.url });
      const logo = (await page(t(), story.path)).newsArticle!.publisher.logo;
      expectGoogleLogo(logo);
      expect([logo.width, logo.height]).toEqual([240, 60]);
      const file = await served(t(), logo.url);
      expect([file.width, file.height, file.format]).toEqual([240, 60, 'png']);
      // picture() paints #2a6f97.
      const [r, g, b] = await pixel(file.bytes, 120, 30);
      expect(Math.abs(r - 0x2a) + Math.abs(g - 0x6f) + Math.abs(b - 0x97)).toBeLessThan(12);
    });

    it('is made from a logo on another site, fetched once through the outbound helper', async () => {
      host.files.set('/brand/logo.jpg', { type: 'image/jpeg', data: await picture(2000, 100) });
      await setSettings(t(), { publisherLogo: `${host.url}/brand/logo.jpg` });
      const logo = (await page(t(), '/en/')).html.jsonLd()[0].publisher.logo;
      expectGoogleLogo(logo);
      expect([logo.width, logo.height]).toEqual([600, 30]);
      const file = await served(t(), logo.url);
      expect([file.width, file.height]).toEqual([600, 30]);
    });

    it('falls back to the favicon when the logo setting cannot be read', async () => {
      await setSettings(t(), { publisherLogo: `${host.url}/missing.png` });
      const logo = (await page(t(), '/fr/')).html.jsonLd()[0].publisher.logo;
      expectGoogleLogo(logo);
      expect([logo.width, logo.height]).toEqual([60, 60]);
      expect(logo.url).toBe(`${TEST_BASE_URL}/publisher-logo.png`);
      await setSettings(t(), { publisherLogo: '' });
    });
  },
  { HERALD_OUTBOUND_ALLOW: '127.0.0.1' },
);
