/**
 * The pictures pages describe themselves with, each with its real size in pixels:
 *
 * - the publisher logo of the JSON-LD: Google wants a raster logo with its size (at most
 *   600×60, ideally 60 px high), so one is made from the site logo (the `publisherLogo`
 *   setting, else the theme's SVG favicon) and served as a PNG at /publisher-logo.png;
 * - a story's pictures: its featured image cut to 16:9, 4:3 and 1:1 (src/media/crops.ts),
 *   16:9 being the Open Graph and Twitter card picture;
 * - the site's default social picture, for a page without one of its own: the `socialImage`
 *   setting (a library picture's crops, or any address made into a 1200×630 card at
 *   /social-image.jpg), else a card of the logo.
 *
 * Made pictures are kept in memory per source, so a page asks for their size for free; a
 * source on another site is fetched through the outbound helper, and fetched again a day later.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Sharp } from 'sharp';
import type { FeaturedImage } from '../content/articles.types.js';
import { absoluteUrl, mediaPath } from '../content/urls.js';
import { outboundRequest } from '../core/outbound-http.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { ensureCrops } from '../media/crops.js';
import { mediaDir } from '../media/media.site.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { ASSETS } from './site.assets.js';

export const PUBLISHER_LOGO_PATH = '/publisher-logo.png';
export const SOCIAL_CARD_PATH = '/social-image.jpg';
/** Google's box for a publisher logo: the logo fills its height (60 px) or its width (600 px). */
export const LOGO_BOX = { width: 600, height: 60 } as const;
/** The size Facebook, LinkedIn and X show a large card picture at (1.91:1). */
export const CARD_SIZE = { width: 1200, height: 630 } as const;

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

// ---------------------------------------------------------------------------------------------
// Sources

type Source = { kind: 'bytes'; bytes: Buffer; name: string } | { kind: 'file'; path: string } | { kind: 'url'; url: string };

const FAVICON: Source = { kind: 'bytes', bytes: ASSETS.favicon.bytes, name: ASSETS.favicon.url };

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

/** Where the bytes of a picture setting come from: a theme file, a library file or another site. */
function sourceOf(address: string, baseUrl: string): Source | null {
  if (address === '') return FAVICON;
  const base = baseUrl.replace(/\/+$/, '');
  const local = address.startsWith(`${base}/`) ? address.slice(base.length) : address;
  const asset = Object.values(ASSETS).find((a) => a.url === local);
  if (asset) return { kind: 'bytes', bytes: asset.bytes, name: asset.url };
  const file = libraryFile(address, baseUrl);
  if (file) return { kind: 'file', path: file };
  return /^https?:\/\//i.test(address) ? { kind: 'url', url: address } : null;
}

const sourceKey = (source: Source) => (source.kind === 'bytes' ? `bytes:${source.name}` : source.kind === 'file' ? `file:${source.path}` : `url:${source.url}`);

const MAX_SOURCE_BYTES = 20 * 1024 * 1024;

async function bytesOf(app: FastifyInstance, source: Source): Promise<Buffer> {
  const { config } = app.herald;
  if (source.kind === 'bytes') return source.bytes;
  if (source.kind === 'file') return readFile(join(mediaDir(config.dataDir), source.path));
  const response = await outboundRequest(source.url, { maxBytes: MAX_SOURCE_BYTES, allow: config.outboundAllow, timeoutMs: 15_000, headers: { accept: 'image/*' } });
  if (!response.ok) throw new Error(`${source.url} answered ${response.status}`);
  return response.body;
}

// ---------------------------------------------------------------------------------------------
// Made pictures

type Recipe = 'logo' | 'card' | 'logo-card';

interface Made {
  data: Buffer;
  width: number;
  height: number;
  type: string;
  etag: string;
  /** Which of the sources it was made from (0: the first, the one wanted). */
  from: number;
}

async function loadSharp() {
  const { default: sharp } = await import('sharp');
  return sharp;
}

/**
 * The picture opened for drawing at about `scale` times its size: an SVG is rasterised at the
 * density that gives that size (not drawn small and blown up); an animation's first frame.
 */
async function open(bytes: Buffer, maxPixels: number, box: { width: number; height: number }): Promise<Sharp> {
  const sharp = await loadSharp();
  const meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  if (!meta.width || !meta.height) throw new Error('not a picture');
  if (meta.format === 'svg') {
    const scale = Math.min(box.width / meta.width, box.height / meta.height);
    return sharp(bytes, { density: Math.min(2400, Math.max(72, Math.ceil(72 * scale))), failOn: 'error' });
  }
  if (meta.width * meta.height > maxPixels) throw new Error(`${meta.width}×${meta.height} is more than HERALD_IMAGE_MAX_PIXELS`);
  return sharp(bytes, { limitInputPixels: maxPixels, failOn: 'error' }).autoOrient();
}

async function make(recipe: Recipe, bytes: Buffer, maxPixels: number): Promise<Omit<Made, 'from'>> {
  const sharp = await loadSharp();
  let image: Sharp;
  if (recipe === 'logo') {
    // Scaled up or down to fill the box's height or its width, as Google's guideline asks.
    image = (await open(bytes, maxPixels, LOGO_BOX)).resize({ ...LOGO_BOX, fit: 'inside' }).png({ compressionLevel: 9 });
  } else if (recipe === 'card') {
    image = (await open(bytes, maxPixels, CARD_SIZE))
      .resize({ ...CARD_SIZE, fit: 'cover', position: 'centre' })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 85, mozjpeg: true });
  } else {
    // The logo centred on white, with room around it: networks crop cards' edges.
    const inner = { width: Math.round(CARD_SIZE.width * 0.6), height: Math.round(CARD_SIZE.height * 0.6) };
    const logo = await (await open(bytes, maxPixels, inner)).resize({ ...inner, fit: 'inside' }).png().toBuffer();
    image = sharp({ create: { ...CARD_SIZE, channels: 3, background: '#ffffff' } })
      .composite([{ input: logo, gravity: 'centre' }])
      .jpeg({ quality: 85, mozjpeg: true });
  }
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  const type = info.format === 'png' ? 'image/png' : 'image/jpeg';
  return { data, width: info.width, height: info.height, type, etag: `"${createHash('sha256').update(data).digest('base64url').slice(0, 16)}"` };
}

const DAY_MS = 24 * 3600 * 1000;
const RETRY_MS = 5 * 60 * 1000;

interface Entry {
  key: string;
  made: Promise<Made>;
  until: number;
}

// Per app (each has its own data folder and settings), one entry per recipe: the latest source.
const made = new WeakMap<object, Map<Recipe, Entry>>();

/**
 * The picture made by `recipe` from the first source that works: a source that fails (missing
 * file, another site down, not a picture) is logged and the next one tried; the favicon, the
 * last of all, always works. A failure is tried again after five minutes.
 */
function madeFrom(app: FastifyInstance, recipe: Recipe, sources: Array<{ source: Source; recipe: Recipe }>): Promise<Made> {
  let entries = made.get(app.herald);
  if (!entries) made.set(app.herald, (entries = new Map()));
  const key = sources.map((s) => `${s.recipe}:${sourceKey(s.source)}`).join('|');
  const known = entries.get(recipe);
  if (known && known.key === key && known.until > Date.now()) return known.made;
  const entry: Entry = { key, made: Promise.resolve(null as unknown as Made), until: Number.POSITIVE_INFINITY };
  entry.made = (async () => {
    for (const [i, { source, recipe: how }] of sources.entries()) {
      try {
        const picture = await make(how, await bytesOf(app, source), app.herald.config.imageMaxPixels);
        if (i > 0) entry.until = Date.now() + RETRY_MS;
        else if (source.kind === 'url') entry.until = Date.now() + DAY_MS;
        return { ...picture, from: i };
      } catch (error) {
        app.log.warn({ err: error, source: sourceKey(source) }, `could not make the ${recipe} picture from this source`);
      }
    }
    entry.until = 0;
    throw new Error(`no source for the ${recipe} picture`);
  })();
  entries.set(recipe, entry);
  return entry.made;
}

function logoSources(settings: SiteSettings) {
  const logo = sourceOf(settings.publisherLogo, settings.baseUrl);
  return [...(logo && logo !== FAVICON ? [{ source: logo, recipe: 'logo' as const }] : []), { source: FAVICON, recipe: 'logo' as const }];
}

async function socialSources(app: FastifyInstance, settings: SiteSettings) {
  const logoCard = [sourceOf(settings.publisherLogo, settings.baseUrl), FAVICON]
    .filter((s): s is Source => s !== null)
    .map((source) => ({ source, recipe: 'logo-card' as const }));
  const chosen = typeof settings.socialImage === 'number' ? await libraryPicturePath(app, settings.socialImage) : settings.socialImage;
  const own = chosen ? sourceOf(typeof settings.socialImage === 'number' ? mediaPath(chosen) : chosen, settings.baseUrl) : null;
  return { own: own !== null, sources: [...(own ? [{ source: own, recipe: 'card' as const }] : []), ...logoCard] };
}

async function libraryPicturePath(app: FastifyInstance, id: number): Promise<string | null> {
  const row = await app.herald.database.db.selectFrom('media').select('path').where('id', '=', id).executeTakeFirst();
  return row?.path ?? null;
}

// ---------------------------------------------------------------------------------------------
// What pages use

/** The raster publisher logo with its size, for JSON-LD `publisher.logo`. */
export async function publisherLogo(app: FastifyInstance, settings: SiteSettings): Promise<{ url: string; width: number; height: number }> {
  const logo = await madeFrom(app, 'logo', logoSources(settings));
  return { url: absoluteUrl(settings.baseUrl, PUBLISHER_LOGO_PATH), width: logo.width, height: logo.height };
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
 * The site's default pictures: the `socialImage` setting's (a library picture's crops, or the
 * card made of an address), else a card of the logo for social networks only. Google asks
 * NewsArticle images to show the story, not a logo: the logo card is never one of them.
 */
export async function defaultImages(app: FastifyInstance, settings: SiteSettings): Promise<PageImages> {
  const alt = settings.publisherName || settings.name;
  if (typeof settings.socialImage === 'number') {
    const row = await app.herald.database.db.selectFrom('media').select('alt').where('id', '=', settings.socialImage).executeTakeFirst();
    const images = row ? await libraryImages(app, settings, settings.socialImage, row.alt || alt) : [];
    if (images.length > 0) return { card: images[0], article: images };
  }
  const { own, sources } = await socialSources(app, settings);
  const card = await madeFrom(app, 'card', sources);
  const image: Sized = { url: absoluteUrl(settings.baseUrl, SOCIAL_CARD_PATH), width: card.width, height: card.height, type: card.type, alt };
  // The chosen picture's card may stand for the story; the logo's stand-in may not.
  return { card: image, article: own && card.from === 0 ? [image] : [] };
}

/**
 * A story's pictures: its featured image's crops when the library holds it (by id, or by its
 * `/media/…` address), the address alone for another site's picture; the site's default
 * pictures for a story without one.
 */
export async function storyImages(app: FastifyInstance, settings: SiteSettings, image: FeaturedImage | null): Promise<PageImages> {
  if (!image) return defaultImages(app, settings);
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

// ---------------------------------------------------------------------------------------------
// Routes

/** /publisher-logo.png and /social-image.jpg, made from the current settings. */
export function registerSiteImages(app: FastifyInstance): void {
  const send = async (request: FastifyRequest, reply: FastifyReply, picture: Made) => {
    // Made from the settings alone: a change to them drops the cached copies.
    addCacheKeys(reply, []);
    reply.header('etag', picture.etag).header('cache-control', 'public, max-age=3600').header('x-content-type-options', 'nosniff').type(picture.type);
    if (request.headers['if-none-match'] === picture.etag) return reply.status(304).send();
    return reply.send(picture.data);
  };
  app.get(PUBLISHER_LOGO_PATH, async (request, reply) => {
    const settings = await app.herald.settings();
    return send(request, reply, await madeFrom(app, 'logo', logoSources(settings)));
  });
  app.get(SOCIAL_CARD_PATH, async (request, reply) => {
    const settings = await app.herald.settings();
    return send(request, reply, await madeFrom(app, 'card', (await socialSources(app, settings)).sources));
  });
}
