/**
 * Crops of library pictures at 16:9, 4:3 and 1:1 (variants.ts makes them): stored beside the
 * picture as `<hash>-16x9.jpg` and so on, one row each in `media_crops`. An upload gets them at
 * once; a picture without them (uploaded before they existed, or restored from an export)
 * gets them the first time a page asks (ensureCrops); a new focal point replaces them
 * (remakeCrops).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { mediaPath } from '../content/urls.js';
import type { Schema } from '../db/schema.js';
import { mediaDir } from './media.site.js';
import { focalPointOf, type FocalPoint } from './focal-point.js';
import { CROP_RATIOS, cropPicture, type Crop, type CropRatio } from './variants.js';

export interface MediaCrop {
  ratio: CropRatio;
  format: string;
  width: number;
  height: number;
  /** Site-relative: `/media/uploads/…-16x9.jpg`. */
  url: string;
}

const ORDER = CROP_RATIOS.map((r) => r.name as string);
const EXTENSION: Record<string, string> = { jpeg: 'jpg', png: 'png', webp: 'webp' };

/** A library picture as its crops need it: where it is stored and where it is cut around. */
export interface CroppedMedia {
  id: number;
  path: string;
  focal: FocalPoint | null;
}

/**
 * The stored path of a crop of the picture at `path`: `uploads/2026/11/ab12.png` gives
 * `uploads/2026/11/ab12-16x9.jpg` cut around the centre, `ab12-16x9-f300-700.jpg` around a focal
 * point (in thousandths). Files are served as never changing: another cut needs another name.
 */
export function cropPath(path: string, crop: Pick<Crop, 'ratio' | 'format'>, focal: FocalPoint | null): string {
  const around = focal ? `-f${Math.round(focal.x * 1000)}-${Math.round(focal.y * 1000)}` : '';
  return `${path.replace(/\.[a-z0-9]+$/i, '')}-${crop.ratio}${around}.${EXTENSION[crop.format] ?? crop.format}`;
}

/** Writes the crops of the picture and records them (a crop already recorded is kept). */
export async function saveCrops(db: Kysely<Schema>, dataDir: string, media: CroppedMedia, crops: Crop[]): Promise<void> {
  const root = mediaDir(dataDir);
  for (const crop of crops) {
    const path = cropPath(media.path, crop, media.focal);
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), crop.data);
    await db
      .insertInto('media_crops')
      .values({ media_id: media.id, ratio: crop.ratio, format: crop.format, width: crop.width, height: crop.height, path, size_bytes: crop.data.length })
      .onConflict((oc) => oc.columns(['media_id', 'ratio']).doNothing())
      .execute();
  }
}

/** The crops of each picture, in the order of CROP_RATIOS. */
export async function loadCrops(db: Kysely<Schema>, mediaIds: number[]): Promise<Map<number, MediaCrop[]>> {
  const byMedia = new Map<number, MediaCrop[]>();
  if (mediaIds.length === 0) return byMedia;
  const rows = await db.selectFrom('media_crops').selectAll().where('media_id', 'in', [...new Set(mediaIds)]).execute();
  for (const row of rows.sort((a, b) => ORDER.indexOf(a.ratio) - ORDER.indexOf(b.ratio))) {
    const list = byMedia.get(row.media_id) ?? [];
    list.push({ ratio: row.ratio as CropRatio, format: row.format, width: row.width, height: row.height, url: mediaPath(row.path) });
    byMedia.set(row.media_id, list);
  }
  return byMedia;
}

// One job per picture at a time in this process: two readers of a new page share it.
const making = new Map<number, Promise<MediaCrop[]>>();

/**
 * The crops of a library picture, made now from its stored file when it has none (or fewer
 * than it should). Never throws: a picture whose file is missing or unreadable has no crops,
 * and the page shows what it has.
 */
export async function ensureCrops(
  db: Kysely<Schema>,
  storage: { dataDir: string; imageMaxPixels: number },
  mediaId: number,
  log?: { warn(object: object, message: string): void },
): Promise<MediaCrop[]> {
  const known = (await loadCrops(db, [mediaId])).get(mediaId) ?? [];
  if (known.length > 0) return known;
  let job = making.get(mediaId);
  if (!job) {
    job = (async () => {
      const row = await db.selectFrom('media').select(['id', 'path', 'focal_x', 'focal_y']).where('id', '=', mediaId).executeTakeFirst();
      if (!row) return [];
      const media = croppedMedia(row);
      const crops = await cropPicture(readFileSync(join(mediaDir(storage.dataDir), media.path)), storage.imageMaxPixels, media.focal);
      await saveCrops(db, storage.dataDir, media, crops);
      return (await loadCrops(db, [mediaId])).get(mediaId) ?? [];
    })()
      .catch((error: unknown) => {
        log?.warn({ err: error, mediaId }, 'could not make the crops of a library picture');
        return [];
      })
      .finally(() => making.delete(mediaId));
    making.set(mediaId, job);
  }
  return job;
}

export function croppedMedia(row: { id: number; path: string; focal_x: number | null; focal_y: number | null }): CroppedMedia {
  return { id: row.id, path: row.path, focal: focalPointOf(row) };
}

/**
 * The crops of a picture cut again around its new focal point, to be stored in `transaction`
 * with the point itself (the pixels are worked on before it begins). Waits for a page that is
 * making the old crops. `removeOld` deletes the files the new ones replace: call it once the
 * transaction has committed, so that a failed change keeps the crops pages point to.
 */
export async function remakeCrops(
  db: Kysely<Schema>,
  storage: { dataDir: string; imageMaxPixels: number },
  media: CroppedMedia,
): Promise<{ store(transaction: Kysely<Schema>): Promise<void>; removeOld(): void }> {
  await making.get(media.id);
  const crops = await cropPicture(readFileSync(join(mediaDir(storage.dataDir), media.path)), storage.imageMaxPixels, media.focal);
  const old = await db.selectFrom('media_crops').select('path').where('media_id', '=', media.id).execute();
  const kept = new Set(crops.map((crop) => cropPath(media.path, crop, media.focal)));
  return {
    async store(transaction) {
      await transaction.deleteFrom('media_crops').where('media_id', '=', media.id).execute();
      await saveCrops(transaction, storage.dataDir, media, crops);
    },
    removeOld() {
      const root = mediaDir(storage.dataDir);
      for (const { path } of old) if (!kept.has(path)) rmSync(join(root, path), { force: true });
    },
  };
}
