/**
 * The media library: uploads checked by content, cleaned of metadata, stored content-addressed
 * under the data directory with responsive WebP/AVIF variants, then described (alt, caption,
 * credit) and reused. No HTTP here.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Kysely } from 'kysely';
import { containsText } from '../db/like.js';
import { announce, transact, type Store } from '../db/hooks.js';
import type { MediaRow, Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { AppError, forbidden, invalid, notFound } from '../core/errors.js';
import { mediaPath } from '../content/urls.js';
import { assertCan, can, type Actor } from '../people/permissions.js';
import { croppedMedia, loadCrops, remakeCrops, saveCrops, type MediaCrop } from './crops.js';
import { focalPointOf, roundFocalPoint, type FocalPoint } from './focal-point.js';
import { IMAGE_KINDS, sniffImage, typeMismatch } from './image-types.js';
import { mediaDir } from './media.site.js';
import { processImage, TooManyPixels } from './variants.js';

export interface MediaVariant {
  format: string;
  width: number;
  height: number;
  url: string;
}

export interface MediaItem {
  id: number;
  url: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  sizeBytes: number;
  originalName: string;
  alt: string;
  caption: string;
  credit: string;
  /** Where its crops are cut around (src/media/focal-point.ts); null: the centre. */
  focalPoint: FocalPoint | null;
  createdAt: string;
  variants: MediaVariant[];
  /** The picture cut to 16:9, 4:3 and 1:1 (src/media/crops.ts), in that order. */
  crops: MediaCrop[];
}

/** Where pictures are stored and how large one may be: the app's Config has both. */
export interface MediaStorage {
  dataDir: string;
  /** Largest picture accepted, in pixels (width × height, every frame counted). */
  imageMaxPixels: number;
}

export interface Upload {
  data: Buffer;
  filename?: string;
  mimeType?: string;
}

const NOT_AN_IMAGE = 'This file is not an image Herald accepts: upload a JPEG, PNG, WebP, AVIF or GIF picture.';

export async function uploadImage(store: Store, storage: MediaStorage, upload: Upload, actor: Actor): Promise<MediaItem> {
  assertCan(actor, 'media.upload');
  const kind = sniffImage(upload.data);
  if (!kind) throw new AppError('UNSUPPORTED_MEDIA_TYPE', NOT_AN_IMAGE);
  const lie = typeMismatch(kind, upload.mimeType, upload.filename);
  if (lie) throw new AppError('UNSUPPORTED_MEDIA_TYPE', `${lie} Upload the file under its real type.`);
  let processed;
  try {
    processed = await processImage(upload.data, kind, storage.imageMaxPixels);
  } catch (error) {
    if (error instanceof TooManyPixels) {
      throw new AppError('PAYLOAD_TOO_LARGE', `The picture ${error.message}. Upload a smaller picture.`, {
        fields: [{ field: 'file', message: error.message }],
      });
    }
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', `This ${IMAGE_KINDS[kind].mime} file is damaged or incomplete; it cannot be read as a picture.`);
  }
  const { original, variants } = processed;
  const hash = createHash('sha256').update(original.data).digest('hex').slice(0, 20);
  const folder = `uploads/${nowIso().slice(0, 7).replace('-', '/')}`;
  const ext = IMAGE_KINDS[kind].extensions[0];
  const root = mediaDir(storage.dataDir);
  const save = (path: string, data: Buffer) => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), data);
  };
  const path = `${folder}/${hash}.${ext}`;
  save(path, original.data);
  const existing = await store.db.selectFrom('media').select('id').where('path', '=', path).executeTakeFirst();
  if (existing) return getMedia(store.db, existing.id);
  const id = await store.db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('media')
      .values({
        path,
        mime_type: IMAGE_KINDS[kind].mime,
        width: original.width,
        height: original.height,
        size_bytes: original.data.length,
        original_name: (upload.filename ?? '').slice(0, 255),
        uploaded_by: actor.principal,
        created_at: nowIso(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    for (const variant of variants) {
      const variantPath = `${folder}/${hash}-${variant.width}.${variant.format}`;
      save(variantPath, variant.data);
      await trx
        .insertInto('media_variants')
        .values({ media_id: row.id, format: variant.format, width: variant.width, height: variant.height, path: variantPath, size_bytes: variant.data.length })
        .execute();
    }
    await saveCrops(trx, storage.dataDir, { id: row.id, path, focal: null }, processed.crops);
    return row.id;
  });
  await store.hooks.committed([{ entity: 'media', id, action: 'created' }]);
  return getMedia(store.db, id);
}

async function toItems(db: Kysely<Schema>, rows: MediaRow[]): Promise<MediaItem[]> {
  if (rows.length === 0) return [];
  const variants = await db
    .selectFrom('media_variants')
    .selectAll()
    .where('media_id', 'in', rows.map((r) => r.id))
    .orderBy('width')
    .execute();
  const crops = await loadCrops(db, rows.map((r) => r.id));
  return rows.map((row) => ({
    id: row.id,
    url: mediaPath(row.path),
    mimeType: row.mime_type,
    width: row.width,
    height: row.height,
    sizeBytes: row.size_bytes,
    originalName: row.original_name,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    focalPoint: focalPointOf(row),
    createdAt: row.created_at,
    variants: variants
      .filter((v) => v.media_id === row.id)
      .map((v) => ({ format: v.format, width: v.width, height: v.height, url: mediaPath(v.path) })),
    crops: crops.get(row.id) ?? [],
  }));
}

export async function getMedia(db: Kysely<Schema>, id: number): Promise<MediaItem> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Media ${id}`);
  return (await toItems(db, [row]))[0];
}

/** A picture as the library lists it: with whether the asking actor may describe it (the rule describeMedia refuses with). */
export type LibraryItem = MediaItem & { allowed: { describe: boolean } };

async function asLibraryItems(db: Kysely<Schema>, rows: MediaRow[], actor: Actor): Promise<LibraryItem[]> {
  return Promise.all((await toItems(db, rows)).map(async (item, index) => ({ ...item, allowed: { describe: (await describeRefusal(db, rows[index], actor)) === null } })));
}

/** One picture of the library, as the asking actor sees it (GET /media/:id). */
export async function getLibraryItem(db: Kysely<Schema>, id: number, actor: Actor): Promise<LibraryItem> {
  const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Media ${id}`);
  return (await asLibraryItems(db, [row], actor))[0];
}

/** The library, newest first, searched in file names, alt texts, captions and credits. */
export async function listMedia(
  db: Kysely<Schema>,
  filter: { q?: string; page: number; limit: number },
  actor: Actor,
) {
  let query = db.selectFrom('media');
  const q = filter.q?.trim();
  if (q) {
    query = query.where((eb) => eb.or(['original_name', 'alt', 'caption', 'credit'].map((column) => containsText(column, q))));
  }
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset((filter.page - 1) * filter.limit).execute(),
  ]);
  const count = Number(total);
  const items = await asLibraryItems(db, rows, actor);
  return { items, pagination: { page: filter.page, limit: filter.limit, total: count, pages: Math.ceil(count / filter.limit) } };
}

const DESCRIBE_NONE = (actor: Actor) => `The ${actor.role} role may not change the alt text, caption, credit or focal point of pictures.`;

/** A story that uses the picture (as its featured image, or in its text) and is not the actor's. */
async function othersStoryUsing(db: Kysely<Schema>, media: Pick<MediaRow, 'id' | 'path'>, actor: Actor): Promise<string | null> {
  // Stored paths are `uploads/<year>/<month>/<hash>.<ext>`, variants `<hash>-<width>.<format>`:
  // the address without its extension finds the picture and its variants, and has no wildcard.
  const stem = mediaPath(media.path).replace(/\.[a-z0-9]+$/i, '');
  const using = await db
    .selectFrom('articles')
    .select(['id', 'title', 'created_by'])
    .where((eb) => eb.or([eb('image_media_id', '=', media.id), eb('body', 'like', `%${stem}%`)]))
    .where('created_by', '!=', actor.principal)
    .execute();
  if (using.length === 0) return null;
  const bylined = actor.userId === null
    ? new Set<number>()
    : new Set(
        (await db.selectFrom('article_authors').select('article_id').where('user_id', '=', actor.userId).where('article_id', 'in', using.map((a) => a.id)).execute())
          .map((row) => row.article_id),
      );
  return using.find((article) => !bylined.has(article.id))?.title ?? null;
}

/**
 * Who may change a picture's alt text, caption, credit and focal point: editors and administrators any
 * picture; authors only a picture they uploaded, and only while no one else's story uses it
 * (the words shown under someone else's story are theirs and their editor's to change).
 */
async function describeRefusal(db: Kysely<Schema>, media: MediaRow, actor: Actor): Promise<string | null> {
  if (can(actor, 'media.describe.any')) return null;
  if (!can(actor, 'media.describe.own')) return DESCRIBE_NONE(actor);
  if (media.uploaded_by !== actor.principal) {
    return `The ${actor.role} role may only change the alt text, caption, credit and focal point of pictures it uploaded; ask an editor to change this one.`;
  }
  const story = await othersStoryUsing(db, media, actor);
  if (story !== null) {
    return `The ${actor.role} role may not change this picture's alt text, caption, credit or focal point while someone else's story uses it ("${story}"); ask an editor.`;
  }
  return null;
}

async function assertMayDescribe(db: Kysely<Schema>, media: MediaRow, actor: Actor): Promise<void> {
  const reason = await describeRefusal(db, media, actor);
  if (reason) throw forbidden(reason);
}

export interface MediaDescription {
  alt?: string;
  caption?: string;
  credit?: string;
  /** Null puts it back in the centre. */
  focalPoint?: FocalPoint | null;
}

/** A focal point inside the picture: each coordinate a number from 0 to 1. */
function checkedFocalPoint(point: FocalPoint | null): FocalPoint | null {
  if (point === null) return null;
  const wrong = (['x', 'y'] as const)
    .filter((axis) => typeof point[axis] !== 'number' || !Number.isFinite(point[axis]) || point[axis] < 0 || point[axis] > 1)
    .map((axis) => ({ field: `focalPoint.${axis}`, message: 'must be a number from 0 (left or top edge) to 1 (right or bottom edge)' }));
  if (wrong.length > 0) throw invalid(wrong);
  return roundFocalPoint(point);
}

/**
 * Changes what is said of a picture (alt text, caption, credit) and where its crops are cut
 * around. A new focal point cuts the crops again before anything is stored, and the pages
 * showing the picture are announced as changed.
 */
export async function describeMedia(store: Store, storage: MediaStorage, id: number, patch: MediaDescription, actor: Actor): Promise<LibraryItem> {
  // Refused before the picture is looked up; the rest depends on whose it is and where it is used.
  assertCan(actor, 'media.describe.own', DESCRIBE_NONE(actor));
  const focal = patch.focalPoint === undefined ? undefined : checkedFocalPoint(patch.focalPoint);
  const media = await store.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
  if (!media) throw notFound(`Media ${id}`);
  await assertMayDescribe(store.db, media, actor);
  const crops = focal === undefined ? null : await remakeCrops(store.db, storage, { ...croppedMedia(media), focal }).catch(() => {
    // The stored file is gone or unreadable (restored without its files): nothing to cut, nothing changed.
    throw new AppError('CONFLICT', 'The file of this picture is missing or unreadable, so it cannot be cut around a focal point; upload it again.', {
      fields: [{ field: 'focalPoint', message: 'cannot be used: the picture file is missing or unreadable' }],
    });
  });
  await transact(store, async (tx) => {
    const result = await tx.db
      .updateTable('media')
      .set({
        ...(patch.alt !== undefined ? { alt: patch.alt.trim() } : {}),
        ...(patch.caption !== undefined ? { caption: patch.caption.trim() } : {}),
        ...(patch.credit !== undefined ? { credit: patch.credit.trim() } : {}),
        ...(focal !== undefined ? { focal_x: focal?.x ?? null, focal_y: focal?.y ?? null } : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound(`Media ${id}`);
    await crops?.store(tx.db);
    await announce(tx, { entity: 'media', id, action: 'updated' });
  });
  crops?.removeOld();
  return getLibraryItem(store.db, id, actor);
}
