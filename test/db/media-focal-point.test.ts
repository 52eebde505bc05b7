import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, expect, it } from 'vitest';
import { invalidationFor } from '../../src/cache/invalidation.js';
import { createArticle } from '../../src/content/articles.service.js';
import { cacheKey } from '../../src/core/cache-keys.js';
import type { WriteEvent } from '../../src/db/hooks.js';
import { describeMedia, getMedia, uploadImage, type MediaStorage } from '../../src/media/media.service.js';
import { mediaDir } from '../../src/media/media.site.js';
import type { Actor } from '../../src/people/permissions.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';

const dataDirs: string[] = [];
afterAll(() => dataDirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

function storage(): MediaStorage {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-focal-'));
  dataDirs.push(dataDir);
  return { dataDir, imageMaxPixels: 50_000_000 };
}

/** A grey 2400×1000 picture with a red square in its top-left corner (each call a new picture). */
let made = 0;
async function redCorner(): Promise<Buffer> {
  const square = await sharp({ create: { width: 150, height: 150, channels: 3, background: '#ff0000' } }).png().toBuffer();
  return sharp({ create: { width: 2400, height: 1000 + ++made, channels: 3, background: '#808080' } })
    .composite([{ input: square, left: 0, top: 0 }])
    .png()
    .toBuffer();
}

async function topLeftIsRed(file: string): Promise<boolean> {
  const { data } = await sharp(file).raw().toBuffer({ resolveWithObject: true });
  return data[0] > 200 && data[1] < 60 && data[2] < 60;
}

describeEachEngine('a picture’s focal point', (database) => {
  it('is stored with the picture, and its crops are cut again around it: new files and rows, the old files gone', async () => {
    const files = storage();
    const item = await uploadImage(database(), files, { data: await redCorner(), filename: 'corner.png', mimeType: 'image/png' }, editor);
    expect(item.focalPoint).toBeNull();
    const before = item.crops.map((crop) => crop.url);
    const onDisk = (url: string) => join(mediaDir(files.dataDir), url.replace(/^\/media\//, ''));
    expect(await topLeftIsRed(onDisk(item.crops.find((c) => c.ratio === '1x1')!.url))).toBe(false);

    const changed = await describeMedia(database(), files, item.id, { focalPoint: { x: 0.03, y: 0.0712345 } }, editor);
    expect(changed.focalPoint).toEqual({ x: 0.03, y: 0.071 });
    expect((await getMedia(database().db, item.id)).focalPoint).toEqual({ x: 0.03, y: 0.071 });
    expect(changed.crops.map((crop) => crop.ratio)).toEqual(['16x9', '4x3', '1x1']);
    for (const crop of changed.crops) {
      expect(before).not.toContain(crop.url);
      expect(existsSync(onDisk(crop.url)), crop.url).toBe(true);
      expect(await topLeftIsRed(onDisk(crop.url)), crop.ratio).toBe(true);
    }
    for (const url of before) expect(existsSync(onDisk(url)), url).toBe(false);
    const rows = await database().db.selectFrom('media_crops').select('path').where('media_id', '=', item.id).execute();
    expect(rows).toHaveLength(3);

    // Back to the centre: the corner leaves the square crop again.
    const centred = await describeMedia(database(), files, item.id, { focalPoint: null }, editor);
    expect(centred.focalPoint).toBeNull();
    expect(await topLeftIsRed(onDisk(centred.crops.find((c) => c.ratio === '1x1')!.url))).toBe(false);
    for (const crop of changed.crops) expect(existsSync(onDisk(crop.url))).toBe(false);
  });

  it('refuses a point outside the picture, naming each coordinate at fault, and keeps the crops', async () => {
    const files = storage();
    const item = await uploadImage(database(), files, { data: await redCorner(), filename: 'corner.png', mimeType: 'image/png' }, editor);
    const refusal = await describeMedia(database(), files, item.id, { focalPoint: { x: 1.2, y: -0.1 } }, editor).catch((error) => error);
    expect(refusal.code).toBe('VALIDATION_FAILED');
    expect(refusal.fields.map((f: { field: string }) => f.field)).toEqual(['focalPoint.x', 'focalPoint.y']);
    const half = await describeMedia(database(), files, item.id, { focalPoint: { x: 0.5, y: Number.NaN } }, editor).catch((error) => error);
    expect(half.fields.map((f: { field: string }) => f.field)).toEqual(['focalPoint.y']);
    const stored = await getMedia(database().db, item.id);
    expect(stored.focalPoint).toBeNull();
    expect(stored.crops.map((c) => c.url)).toEqual(item.crops.map((c) => c.url));
  });

  it('refuses a focal point for a picture whose file is gone (409 naming focalPoint), changing nothing', async () => {
    const files = storage();
    const item = await uploadImage(database(), files, { data: await redCorner(), filename: 'corner.png', mimeType: 'image/png' }, editor);
    rmSync(join(mediaDir(files.dataDir), item.url.replace(/^\/media\//, '')));
    const refusal = await describeMedia(database(), files, item.id, { alt: 'Not saved', focalPoint: { x: 0.1, y: 0.1 } }, editor).catch((error) => error);
    expect(refusal.code).toBe('CONFLICT');
    expect(refusal.fields.map((f: { field: string }) => f.field)).toEqual(['focalPoint']);
    const stored = await getMedia(database().db, item.id);
    expect(stored).toMatchObject({ alt: '', focalPoint: null });
    expect(stored.crops.map((c) => c.url)).toEqual(item.crops.map((c) => c.url));
  });

  it('announces the change: the stories it is the featured picture of are invalidated, and every page when it is the site’s social image', async () => {
    const files = storage();
    const item = await uploadImage(database(), files, { data: await redCorner(), filename: 'corner.png', mimeType: 'image/png' }, editor);
    const story = await createArticle(database(), { language: 'en', title: 'Red corner', status: 'published', featuredImage: { mediaId: item.id, url: item.url } }, editor, BASE);
    const events: WriteEvent[] = [];
    database().hooks.afterCommit((event) => {
      if (event.entity === 'media') events.push(event);
    });
    await describeMedia(database(), files, item.id, { focalPoint: { x: 0.2, y: 0.2 } }, editor);
    expect(events).toEqual([{ entity: 'media', id: item.id, action: 'updated' }]);
    expect(await invalidationFor(database().db, events[0])).toEqual({ keys: [cacheKey.article(story.id)] });

    await updateSettings(database().db, { socialImage: item.id });
    expect(await invalidationFor(database().db, events[0])).toEqual({ all: true });
  });
});
