import sharp from 'sharp';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/people/tokens.service.js';
import { createUser } from '../../src/people/users.service.js';
import { multipart } from '../e2e/newsroom/media-files.js';
import { launchChromium, startSiteServer, type SiteServer } from './site-server.js';

/**
 * A 1200×800 PNG of about 2 MB with the detail of a photograph (noise at five scales, coarse to
 * fine), like the lead picture of the report, so variants weigh what a photo's would.
 */
async function heavyPicture(): Promise<Buffer> {
  const width = 1200;
  const height = 800;
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 8) / 16_777_216;
  const total = new Float32Array(width * height * 3);
  for (const [w, weight] of [[6, 90], [24, 45], [96, 22], [300, 10], [1200, 3]] as const) {
    const h = Math.round((w * height) / width);
    const coarse = Buffer.alloc(w * h * 3);
    for (let i = 0; i < coarse.length; i++) coarse[i] = Math.floor(random() * 256);
    const layer = await sharp(coarse, { raw: { width: w, height: h, channels: 3 } }).resize(width, height, { kernel: 'cubic' }).raw().toBuffer();
    for (let i = 0; i < total.length; i++) total[i] += ((layer[i] - 128) / 128) * weight;
  }
  const pixels = Buffer.alloc(total.length);
  for (let i = 0; i < total.length; i++) pixels[i] = Math.max(0, Math.min(255, Math.round(128 + total[i])));
  return sharp(pixels, { raw: { width, height, channels: 3 } }).png({ compressionLevel: 9 }).toBuffer();
}

interface Transfer {
  url: string;
  bytes: number;
}

/** What the picture of `selector` shows and which image files the page fetched, with their sizes on the wire. */
async function load(page: Page, url: string, selector: string) {
  const transfers: Transfer[] = [];
  const pending: Array<Promise<void>> = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'image') return;
    pending.push(request.sizes().then((sizes) => void transfers.push({ url: new URL(request.url()).pathname, bytes: sizes.responseBodySize + sizes.responseHeadersSize })));
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.locator(selector).evaluate((img: HTMLImageElement) => img.decode());
  await Promise.all(pending);
  const shown = await page.locator(selector).evaluate((img: HTMLImageElement) => {
    const source = img.parentElement?.querySelector('source[type="image/avif"]');
    return {
      currentSrc: new URL(img.currentSrc).pathname,
      drawnWidth: img.getBoundingClientRect().width,
      density: window.devicePixelRatio,
      widths: (source?.getAttribute('srcset') ?? '').split(',').map((c) => Number(c.trim().split(/\s+/)[1]?.replace('w', ''))),
    };
  });
  return { transfers, shown };
}

describe('Pictures a phone loads (Chromium, 390 px wide)', { timeout: 60_000 }, () => {
  let server: SiteServer;
  let browser: Browser;
  let original: { id: number; url: string; sizeBytes: number };
  let storyPath = '';

  beforeAll(async () => {
    [server, browser] = await Promise.all([startSiteServer(), launchChromium()]);
    const user = await createUser(server.database.db, { email: 'pictures@herald.test', name: 'Picture Desk', role: 'editor' });
    const { token } = await createApiToken(server.database.db, { name: 'pictures', role: 'editor', userId: user.id });
    const headers = { authorization: `Bearer ${token}` };
    const png = await heavyPicture();
    const body = multipart('harbour.png', 'image/png', png);
    const uploaded = await server.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...headers, ...body.headers }, payload: body.payload });
    expect(uploaded.statusCode).toBe(201);
    original = uploaded.json();
    expect(original.sizeBytes).toBeGreaterThan(1_800_000);
    const story = await server.app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers,
      payload: {
        language: 'en', status: 'published', title: 'The harbour reopens after the storm', standfirst: 'Boats are back.',
        body: `<p>The first boats came back on Monday.</p><figure><img src="${original.url}" alt="The quay"><figcaption>The quay</figcaption></figure>`,
        featuredImage: { mediaId: original.id, alt: 'The harbour at dawn' },
      },
    });
    expect(story.statusCode).toBe(201);
    storyPath = new URL(story.json().url).pathname;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const density of [1, 1.75, 3]) {
    it(`loads a variant, never the original (a 2.7 MB PNG), for the lead of the home page and the story picture (device pixel ratio ${density})`, async () => {
      for (const [path, selector] of [['/en/', '.lead img'], [storyPath, '.story > figure img']] as const) {
        // A fresh browser cache for each page: what a first visit costs.
        const context = await browser.newContext({ viewport: { width: 390, height: 844 }, deviceScaleFactor: density, isMobile: true, hasTouch: true });
        const page = await context.newPage();
        const { transfers, shown } = await load(page, server.url + path, selector);
        const lead = transfers.find((t) => t.url === shown.currentSrc);
        expect(lead, `${path}: ${JSON.stringify(transfers)}`).toBeDefined();
        // An AVIF variant, the smallest that still fills the picture's pixels on this screen.
        expect(shown.currentSrc, path).toMatch(/-\d+\.avif$/);
        const needed = shown.drawnWidth * shown.density;
        const chosen = Number(shown.currentSrc.match(/-(\d+)\.avif$/)![1]);
        const smallestEnough = Math.min(...shown.widths.filter((w) => w >= needed), Math.max(...shown.widths));
        expect(chosen, `${path}: drawn ${shown.drawnWidth} px at ${density}x among ${shown.widths}`).toBe(smallestEnough);
        // The original is never fetched, and nothing the page fetched is anywhere near its size.
        expect(transfers.map((t) => t.url), path).not.toContain(original.url);
        const largest = Math.max(...transfers.map((t) => t.bytes));
        expect(largest, path).toBeLessThan(original.sizeBytes / 10);
        console.info(`${path} at 390 px, ${density}x: picture ${shown.currentSrc} (${chosen} px wide), ${lead!.bytes} bytes transferred (original ${original.sizeBytes} bytes); largest image on the page ${largest} bytes`);
        await context.close();
      }
    });
  }
});
