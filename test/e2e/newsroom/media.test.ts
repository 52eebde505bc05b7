import sharp from 'sharp';
import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { multipart, photoWithLocation, png } from './media-files.js';

describeEachEngineApp('uploading images to the media library', (t) => {
  const upload = async (role: 'author' | 'administrator', filename: string, type: string, data: Buffer) => {
    const { authorization } = await t().auth(role);
    const body = multipart(filename, type, data);
    return t().app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, authorization }, payload: body.payload });
  };

  it('stores a photo without its EXIF location and makes WebP and AVIF at responsive widths', async () => {
    const photo = await photoWithLocation();
    expect((await sharp(photo).metadata()).exif).toBeTruthy();
    const response = await upload('author', 'Paris rally.jpg', 'image/jpeg', photo);
    expect(response.statusCode, response.body).toBe(201);
    const item = response.json();
    expect(item).toMatchObject({ mimeType: 'image/jpeg', width: 1700, height: 900, originalName: 'Paris rally.jpg' });
    const stored = await t().app.inject({ url: item.url });
    expect(stored.statusCode).toBe(200);
    const meta = await sharp(stored.rawPayload).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.width).toBe(1700);
    const variants = item.variants.map((v: { format: string; width: number }) => `${v.format}@${v.width}`).sort();
    expect(variants).toEqual(['avif@1600', 'avif@480', 'avif@960', 'webp@1600', 'webp@480', 'webp@960']);
    const avif = item.variants.find((v: { format: string; width: number }) => v.format === 'avif' && v.width === 480);
    const served = await t().app.inject({ url: avif.url });
    expect((await sharp(served.rawPayload).metadata()).format).toBe('heif');
  });

  it('never enlarges a small picture: its only variants are its own width', async () => {
    const response = await upload('author', 'logo.png', 'image/png', await png(300, 200));
    expect(response.statusCode).toBe(201);
    expect(response.json().variants.map((v: { width: number }) => v.width)).toEqual([300, 300]);
  });

  it('accepts AVIF and GIF; a GIF gets WebP copies only', async () => {
    const canvas = () => sharp({ create: { width: 640, height: 360, channels: 3, background: { r: 10, g: 120, b: 60 } } });
    const avif = await upload('author', 'map.avif', 'image/avif', await canvas().avif().toBuffer());
    expect(avif.statusCode, avif.body).toBe(201);
    expect(avif.json().mimeType).toBe('image/avif');
    const gif = await upload('author', 'chart.gif', 'image/gif', await canvas().gif().toBuffer());
    expect(gif.statusCode, gif.body).toBe(201);
    expect(gif.json().variants.map((v: { format: string; width: number }) => `${v.format}@${v.width}`)).toEqual(['webp@480', 'webp@640']);
  });

  it('refuses a file that is not an image with a clear 415', async () => {
    const response = await upload('author', 'notes.jpg', 'image/jpeg', Buffer.from('These are my notes, not a picture at all.'));
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toMatch(/not an image Herald accepts/);
  });

  it('refuses a file that lies about its type', async () => {
    const asJpeg = await upload('author', 'photo.jpg', 'image/jpeg', await png());
    expect(asJpeg.statusCode).toBe(415);
    expect(asJpeg.json().error.message).toMatch(/sent as image\/jpeg but its content is image\/png/);
    const renamed = await upload('author', 'photo.gif', 'application/octet-stream', await png());
    expect(renamed.statusCode).toBe(415);
    expect(renamed.json().error.message).toMatch(/named \.gif/);
  });

  it('refuses a damaged image', async () => {
    const photo = await photoWithLocation(800, 600);
    const response = await upload('author', 'broken.jpg', 'image/jpeg', photo.subarray(0, 400));
    expect(response.statusCode).toBe(415);
    expect(response.json().error.message).toMatch(/damaged or incomplete/);
  });

  it('refuses images above the size limit, which administrators set', async () => {
    const { authorization } = await t().auth('administrator');
    const set = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/media/settings', headers: { authorization }, payload: { maxUploadMb: 0.05 } });
    expect(set.json()).toEqual({ maxUploadMb: 0.05 });
    try {
      const big = await sharp({ create: { width: 600, height: 600, channels: 3, background: 'white' } }).png({ compressionLevel: 0 }).toBuffer();
      const response = await upload('author', 'big.png', 'image/png', big);
      expect(response.statusCode).toBe(413);
      expect(response.json().error.message).toMatch(/larger than the limit of 0.05 MB/);
    } finally {
      await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/media/settings', headers: { authorization }, payload: { maxUploadMb: 20 } });
    }
  });

  it('finds pictures by name or alt text, takes alt text and caption, and serves as a featured image', async () => {
    const { authorization } = await t().auth('author');
    const created = (await upload('author', 'harbour-at-dawn.png', 'image/png', await png(320, 210))).json();
    const described = await t().app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/media/${created.id}`,
      headers: { authorization },
      payload: { alt: 'Fishing boats in the harbour', caption: 'Dawn at the harbour', credit: 'A. Photographer' },
    });
    expect(described.json()).toMatchObject({ alt: 'Fishing boats in the harbour', caption: 'Dawn at the harbour' });
    const byName = (await t().app.inject({ url: '/api/admin/v1/media?q=HARBOUR-at', headers: { authorization } })).json();
    expect(byName.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
    const byAlt = (await t().app.inject({ url: '/api/admin/v1/media?q=fishing', headers: { authorization } })).json();
    expect(byAlt.items.map((i: { id: number }) => i.id)).toEqual([created.id]);
    const none = (await t().app.inject({ url: '/api/admin/v1/media?q=100%25', headers: { authorization } })).json();
    expect(none.items).toEqual([]);
    // SQLite takes a backslash as itself unless LIKE names it the escape character: `_` and `%`, escaped, found nothing.
    const underscored = (await upload('author', 'harbour_at_night.png', 'image/png', await png(330, 220))).json();
    const byUnderscore = (await t().app.inject({ url: '/api/admin/v1/media?q=HARBOUR_at', headers: { authorization } })).json();
    expect(byUnderscore.items.map((i: { id: number }) => i.id)).toEqual([underscored.id]);
    const story = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization },
      payload: { language: 'en', title: 'Dawn', featuredImage: { mediaId: created.id, caption: 'Boats', alt: 'Boats at dawn' } },
    });
    expect(story.json().featuredImage).toMatchObject({ url: created.url, mediaId: created.id, caption: 'Boats' });
  });
});
