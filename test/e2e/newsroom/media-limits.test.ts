import { readdirSync } from 'node:fs';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaDir } from '../../../src/media/media.site.js';
import { createTestApp, describeEachEngineApp, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { multipart, png } from './media-files.js';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/**
 * A real 1×1 PNG whose header is rewritten to declare `width`×`height` (its CRC fixed, so the
 * header is valid): a few hundred bytes that promise a picture of any size.
 */
async function pngDeclaring(width: number, height: number): Promise<Buffer> {
  const file = Buffer.from(await sharp({ create: { width: 1, height: 1, channels: 3, background: 'black' } }).png().toBuffer());
  // Signature (8), IHDR length (4), "IHDR" (4), width (4), height (4), …, CRC over type + data.
  expect(file.toString('latin1', 12, 16)).toBe('IHDR');
  file.writeUInt32BE(width, 16);
  file.writeUInt32BE(height, 20);
  file.writeUInt32BE(crc32(file.subarray(12, 29)), 29);
  return file;
}

/** Every file under the media folder (uploads and their variants). */
function storedFiles(t: TestApp): string[] {
  return readdirSync(mediaDir(t.config.dataDir), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => entry.name);
}

async function upload(t: TestApp, filename: string, type: string, data: Buffer) {
  const { authorization } = await t.auth('author');
  const body = multipart(filename, type, data);
  return t.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, authorization }, payload: body.payload });
}

async function mediaRows(t: TestApp): Promise<number> {
  const { n } = await t.database.db.selectFrom('media').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

const described = (variants: Array<{ format: string; width: number }>) => variants.map((v) => `${v.format}@${v.width}`).sort();

describeEachEngineApp('uploads within the default pixel limit', (t) => {
  it('refuses a small PNG declaring 16000×16000 pixels with a 413 naming the file, storing nothing', async () => {
    const bomb = await pngDeclaring(16000, 16000);
    expect(bomb.length).toBeLessThan(1000);
    expect(await sharp(bomb).metadata()).toMatchObject({ width: 16000, height: 16000 });
    const rowsBefore = await mediaRows(t());
    const filesBefore = storedFiles(t());
    const response = await upload(t(), 'bomb.png', 'image/png', bomb);
    expect(response.statusCode, response.body).toBe(413);
    const { error } = response.json();
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.message).toMatch(/16000×16000 pixels .*more than the limit of 50,000,000 pixels/);
    expect(error.fields).toEqual([{ field: 'file', message: expect.stringMatching(/16000×16000/) }]);
    expect(await mediaRows(t())).toBe(rowsBefore);
    expect(storedFiles(t())).toEqual(filesBefore);
  });

  it('keeps the frames and timing of an animation, decoded once, in the cleaned GIF and its WebP copies', async () => {
    const frames = 3;
    const size = 700 * 400 * 3;
    const pixels = Buffer.alloc(size * frames);
    for (let f = 0; f < frames; f++) for (let i = 0; i < size; i += 3) pixels[f * size + i + f] = 255;
    const gif = await sharp(pixels, { raw: { width: 700, height: 400 * frames, channels: 3, pageHeight: 400 }, animated: true })
      .gif({ delay: [100, 200, 300], loop: 2 })
      .toBuffer();
    const response = await upload(t(), 'loop.gif', 'image/gif', gif);
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json();
    expect(item).toMatchObject({ width: 700, height: 400 });
    expect(described(item.variants)).toEqual(['webp@480', 'webp@700']);
    for (const url of [item.url, ...item.variants.map((v: { url: string }) => v.url)]) {
      const served = await t().app.inject({ url });
      const meta = await sharp(served.rawPayload, { animated: true }).metadata();
      expect(meta, url).toMatchObject({ pages: 3, delay: [100, 200, 300], loop: 2 });
    }
    const small = item.variants.find((v: { width: number }) => v.width === 480);
    const frame = await sharp((await t().app.inject({ url: small.url })).rawPayload, { page: 2 }).raw().toBuffer({ resolveWithObject: true });
    expect(frame.info).toMatchObject({ width: 480, height: 274 });
    // The third frame is blue (lossy WebP: near enough).
    const [r, g, b] = frame.data;
    expect({ r: r < 30, g: g < 30, b: b > 225 }).toEqual({ r: true, g: true, b: true });
  });

  it('processes six uploads sent at once, each with all its variants', async () => {
    const pictures = await Promise.all([0, 1, 2, 3, 4, 5].map((i) => png(1000 + i, 700)));
    const responses = await Promise.all(pictures.map((data, i) => upload(t(), `picture-${i}.png`, 'image/png', data)));
    for (const [i, response] of responses.entries()) {
      expect(response.statusCode, response.body).toBe(201);
      expect(described(response.json().variants)).toEqual([`avif@${1000 + i}`, 'avif@480', 'avif@960', `webp@${1000 + i}`, 'webp@480', 'webp@960']);
    }
  });
});

// The limit comes from HERALD_IMAGE_MAX_PIXELS: a million pixels here.
for (const engine of ENGINES) {
  describe(`uploads within HERALD_IMAGE_MAX_PIXELS=1000000 [${engine}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine, { HERALD_IMAGE_MAX_PIXELS: '1000000' });
    });
    afterAll(async () => {
      await t?.close();
    });

    it('refuses a real picture one row over the limit, storing nothing', async () => {
      const response = await upload(t, 'wide.png', 'image/png', await png(1000, 1001));
      expect(response.statusCode, response.body).toBe(413);
      expect(response.json().error.message).toMatch(/1000×1001 pixels \(1,001,000 pixels\), more than the limit of 1,000,000 pixels/);
      expect(response.json().error.fields[0].field).toBe('file');
      expect(await mediaRows(t)).toBe(0);
      expect(storedFiles(t)).toEqual([]);
    });

    it('counts every frame of an animation', async () => {
      // Three 600×600 frames, each a different colour: 1,080,000 pixels to decode in all.
      const frames = 3;
      const size = 600 * 600 * 3;
      const pixels = Buffer.alloc(size * frames);
      for (let f = 0; f < frames; f++) for (let i = 0; i < size; i += 3) pixels[f * size + i + f] = 255;
      const noisy = await sharp(pixels, { raw: { width: 600, height: 600 * frames, channels: 3, pageHeight: 600 }, animated: true }).gif().toBuffer();
      expect((await sharp(noisy, { animated: true }).metadata()).pages).toBe(frames);
      const response = await upload(t, 'loop.gif', 'image/gif', noisy);
      expect(response.statusCode, response.body).toBe(413);
      expect(response.json().error.message).toMatch(/600×600 pixels in 3 frames \(1,080,000 pixels\)/);
      expect(await mediaRows(t)).toBe(0);
    });

    it('takes a picture exactly at the limit and makes every variant from it', async () => {
      const response = await upload(t, 'square.png', 'image/png', await png(1000, 1000));
      expect(response.statusCode, response.body).toBe(201);
      const item = response.json();
      expect(item).toMatchObject({ width: 1000, height: 1000 });
      expect(described(item.variants)).toEqual(['avif@1000', 'avif@480', 'avif@960', 'webp@1000', 'webp@480', 'webp@960']);
      for (const variant of item.variants) {
        const served = await t.app.inject({ url: variant.url });
        expect(served.statusCode).toBe(200);
        expect(await sharp(served.rawPayload).metadata()).toMatchObject({ width: variant.width, height: variant.width });
      }
      const names = [item.url, ...item.variants.map((v: { url: string }) => v.url)].map((url: string) => url.split('/').pop());
      expect(storedFiles(t)).toEqual(expect.arrayContaining(names));
    });
  });
}
