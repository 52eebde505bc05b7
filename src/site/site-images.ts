/**
 * The pictures pages describe themselves with, each with its real size in pixels:
 *
 * - a story's pictures: its featured image cut to 16:9, 4:3 and 1:1 (src/media/crops.ts),
 *   for NewsArticle's `image`.
 */
import type { FastifyInstance } from 'fastify';
import type { FeaturedImage } from '../content/articles.types.js';
import { absoluteUrl, mediaPath } from '../content/urls.js';
import { ensureCrops } from '../media/crops.js';
import type { SiteSettings } from '../settings/settings.service.js';

/** A picture a page points machines to. Width and height are missing only for a picture of another site. */
export interface PageImage {
  url: string;
  alt: string;
  width?: number;
  height?: number;
  type?: string;
}

/** What a page says about its pictures: the one for social cards, and NewsArticle's `image` list. */
export interface PageImages {
  card: PageImage | null;
  /** Google's Article `image`: ImageObjects of known size, or the bare address of another site's picture. */
  article: Array<PageImage & { width: number; height: number }> | string[];
}

/** The stored path (`uploads/2026/11/ab.png`) of a `/media/…` address of this site, or null. */
function libraryFile(address: string, baseUrl: string): string | null {
  const base = baseUrl.replace(/\/+$/, '');
  const path = address.startsWith(`${base}/`) ? address.slice(base.length) : address;
  if (!path.startsWith('/media/')) return null;
  try {
    const segments = path.slice('/media/'.length).split(/[?#]/)[0].split('/').map(decodeURIComponent);
    return segments.some((s) => s === '' || s === '.' || s === '..' || s.includes('\\')) ? null : segments.join('/');
  } catch {
    return null;
  }
}

type Sized = PageImage & { width: number; height: number };

/** A library picture's crops (16:9 first), made now if it has none; its original when none can be made. */
async function libraryImages(app: FastifyInstance, settings: SiteSettings, mediaId: number, alt: string): Promise<Sized[]> {
  const { database, config } = app.herald;
  const crops = await ensureCrops(database.db, config, mediaId, app.log);
  if (crops.length > 0) {
    return crops.map((crop) => ({ url: absoluteUrl(settings.baseUrl, crop.url), width: crop.width, height: crop.height, type: 'image/jpeg', alt }));
  }
  const row = await database.db.selectFrom('media').select(['path', 'width', 'height', 'mime_type']).where('id', '=', mediaId).executeTakeFirst();
  return row?.width && row.height ? [{ url: absoluteUrl(settings.baseUrl, mediaPath(row.path)), width: row.width, height: row.height, type: row.mime_type, alt }] : [];
}

/**
 * A story's pictures: its featured image's crops when the library holds it (by id, or by its
 * `/media/…` address), the address alone for another site's picture.
 */
export async function storyImages(app: FastifyInstance, settings: SiteSettings, image: FeaturedImage | null): Promise<PageImages> {
  if (!image) return { card: null, article: [] };
  let mediaId = image.mediaId ?? null;
  if (!mediaId) {
    const path = libraryFile(image.url, settings.baseUrl);
    const row = path ? await app.herald.database.db.selectFrom('media').select('id').where('path', '=', path).executeTakeFirst() : undefined;
    mediaId = row?.id ?? null;
  }
  const alt = image.alt || settings.name;
  const library = mediaId ? await libraryImages(app, settings, mediaId, alt) : [];
  if (library.length > 0) return { card: library[0], article: library };
  // Another site's picture: its size is not known here, and is not guessed.
  const url = image.url.startsWith('/') ? absoluteUrl(settings.baseUrl, image.url) : image.url;
  return { card: { url, alt }, article: [url] };
}
