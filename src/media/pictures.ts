/**
 * What pages need to know of the pictures they show: the size and responsive variants the
 * media library stored, looked up in one go for every picture of a page, by media id or by
 * address (a story text points to pictures by address). A picture the library does not hold
 * (a link to another site) has no known size: the pages then say none rather than guess.
 */
import type { Kysely } from 'kysely';
import { mediaPath } from '../content/urls.js';
import type { Schema } from '../db/schema.js';
import { focalPointOf, type FocalPoint } from './focal-point.js';

export interface PictureVariant {
  format: string;
  width: number;
  url: string;
}

/** A library picture as a page shows it: its size in pixels, its responsive variants, its focal point. */
export interface PictureMedia {
  width: number;
  height: number;
  variants: PictureVariant[];
  /** Null: the centre. */
  focalPoint: FocalPoint | null;
}

/** A picture a page points to: a featured image (with its media id) or an `<img src>`. */
export interface PictureRef {
  url: string;
  mediaId?: number | null;
}

export interface Pictures {
  /** The library's knowledge of the picture, or null for a picture of another site. */
  of(ref: PictureRef): PictureMedia | null;
}

export const NO_PICTURES: Pictures = { of: () => null };

const MEDIA_PREFIX = '/media/';

/**
 * The stored path (`uploads/2026/05/ab12.png`) of a media address of this site: `/media/…`,
 * or the same under the site's base URL. Null for anything else.
 */
export function libraryPath(url: string, baseUrl: string): string | null {
  let path = url.trim();
  const base = baseUrl.replace(/\/+$/, '');
  if (base && path.startsWith(`${base}/`)) path = path.slice(base.length);
  if (!path.startsWith(MEDIA_PREFIX)) return null;
  path = path.slice(MEDIA_PREFIX.length).split(/[?#]/)[0];
  try {
    const decoded = path.split('/').map(decodeURIComponent);
    return decoded.some((segment) => segment === '' || segment === '.' || segment === '..') ? null : decoded.join('/');
  } catch {
    return null;
  }
}

/** Sizes and variants of every library picture among `refs`, in at most three queries. */
export async function loadPictures(db: Kysely<Schema>, refs: Iterable<PictureRef>, baseUrl: string): Promise<Pictures> {
  const ids = new Set<number>();
  const paths = new Set<string>();
  for (const ref of refs) {
    if (ref.mediaId) ids.add(ref.mediaId);
    else {
      const path = libraryPath(ref.url, baseUrl);
      if (path) paths.add(path);
    }
  }
  if (ids.size === 0 && paths.size === 0) return NO_PICTURES;

  // A text may point straight at a variant (`…-960.webp`): that is its picture too.
  const pathList = [...paths];
  const variantOwners = pathList.length
    ? await db.selectFrom('media_variants').select(['media_id', 'path', 'width', 'height']).where('path', 'in', pathList).execute()
    : [];
  for (const owner of variantOwners) ids.add(owner.media_id);
  const rows = await db
    .selectFrom('media')
    .select(['id', 'path', 'width', 'height', 'focal_x', 'focal_y'])
    .where((eb) => {
      const wanted = [];
      if (ids.size) wanted.push(eb('id', 'in', [...ids]));
      if (pathList.length) wanted.push(eb('path', 'in', pathList));
      return eb.or(wanted);
    })
    .execute();
  const known = rows.filter((row) => row.width && row.height);
  const variants = known.length
    ? await db.selectFrom('media_variants').select(['media_id', 'format', 'width', 'path']).where('media_id', 'in', known.map((r) => r.id)).orderBy('width').execute()
    : [];

  const byId = new Map<number, PictureMedia>();
  const byPath = new Map<string, PictureMedia>();
  for (const row of known) {
    const media: PictureMedia = {
      width: row.width!,
      height: row.height!,
      variants: variants.filter((v) => v.media_id === row.id).map((v) => ({ format: v.format, width: v.width, url: mediaPath(v.path) })),
      focalPoint: focalPointOf(row),
    };
    byId.set(row.id, media);
    byPath.set(row.path, media);
  }
  for (const owner of variantOwners) {
    const media = byId.get(owner.media_id);
    // The variant's own pixels are its size; the set to choose from is the picture's.
    if (media) byPath.set(owner.path, { ...media, width: owner.width, height: owner.height });
  }
  return {
    of(ref) {
      if (ref.mediaId && byId.has(ref.mediaId)) return byId.get(ref.mediaId)!;
      const path = libraryPath(ref.url, baseUrl);
      return path ? (byPath.get(path) ?? null) : null;
    },
  };
}
