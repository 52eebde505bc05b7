/**
 * Feeds (RSS 2.0, Atom 1.0, JSON Feed 1.1) of the latest public stories of a language, a
 * section, a tag or an author. Plain functions: the routes in feeds.site.ts only pick the scope.
 */
import type { Kysely } from 'kysely';
import { audioEnclosureOf } from '../content/body.js';
import { publishedArticles, type ArticleFilter } from '../content/articles.list.js';
import type { Article } from '../content/articles.types.js';
import { findSectionBySlug } from '../content/sections.service.js';
import { findTagBySlug } from '../content/tags.service.js';
import { absoluteLinks, absoluteUrl, authorPath, sectionPath, tagPath } from '../content/urls.js';
import type { Schema } from '../db/schema.js';
import { cacheKey } from '../core/cache-keys.js';
import { libraryPath } from '../media/pictures.js';
import { findUserBySlug } from '../people/users.service.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { latest, type Representation } from './conditional.js';
import { atom1, jsonFeed, rss2, type FeedChannel, type FeedEntry, type FeedImage } from './feed-formats.js';

export const FEED_FORMATS = { rss: 'feed.xml', atom: 'feed.atom', json: 'feed.json' } as const;
export type FeedFormat = keyof typeof FEED_FORMATS;
export type FeedScopeKind = 'site' | 'section' | 'tag' | 'author';
export type FeedContent = 'full' | 'excerpt';

const CONTENT_TYPES: Record<FeedFormat, string> = {
  rss: 'application/rss+xml; charset=utf-8',
  atom: 'application/atom+xml; charset=utf-8',
  json: 'application/feed+json; charset=utf-8',
};

/** How many stories a feed carries. */
export const FEED_SIZE = 50;

/** Where a scope's page and feeds live: `/{lang}/` or `/{lang}/tag/{slug}` and so on. */
export function scopePath(language: string, kind: FeedScopeKind, slug = ''): string {
  if (kind === 'section') return sectionPath(language, slug);
  if (kind === 'tag') return tagPath(language, slug);
  if (kind === 'author') return authorPath(language, slug);
  return `/${language}`;
}

/** The three feed URLs of a page, for `<link rel="alternate">` in its head. */
export function feedLinks(baseUrl: string, language: string, kind: FeedScopeKind = 'site', slug = '') {
  const base = absoluteUrl(baseUrl, scopePath(language, kind, slug));
  return {
    rss: `${base}/${FEED_FORMATS.rss}`,
    atom: `${base}/${FEED_FORMATS.atom}`,
    json: `${base}/${FEED_FORMATS.json}`,
  };
}

interface Scope {
  title: string;
  description: string;
  filter: Pick<ArticleFilter, 'sectionId' | 'tagId' | 'authorId'>;
  keys: string[];
}

async function resolveScope(
  db: Kysely<Schema>,
  settings: SiteSettings,
  language: string,
  kind: FeedScopeKind,
  slug: string,
): Promise<Scope | null> {
  if (kind === 'site') return { title: settings.name, description: settings.description, filter: {}, keys: [] };
  if (kind === 'section') {
    const section = await findSectionBySlug(db, language, slug);
    if (!section) return null;
    return {
      title: `${section.name} · ${settings.name}`,
      description: section.description || settings.description,
      filter: { sectionId: section.id },
      keys: [cacheKey.section(section.id)],
    };
  }
  if (kind === 'tag') {
    const tag = await findTagBySlug(db, language, slug);
    if (!tag) return null;
    return {
      title: `#${tag.name} · ${settings.name}`,
      description: tag.description || settings.description,
      filter: { tagId: tag.id },
      keys: [cacheKey.tag(tag.id)],
    };
  }
  const author = await findUserBySlug(db, slug);
  if (!author) return null;
  return {
    title: `${author.name} · ${settings.name}`,
    description: author.bio || settings.description,
    filter: { authorId: author.id },
    keys: [cacheKey.author(author.id)],
  };
}

/**
 * A GUID that never changes when a story is edited or its slug changes: a tag URI (RFC 4151)
 * from the site's host, the day the version was created and its id.
 */
export function articleGuid(baseUrl: string, article: Pick<Article, 'id' | 'createdAt'>): string {
  return `tag:${new URL(baseUrl).host},${article.createdAt.slice(0, 10)}:article:${article.id}`;
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif' };

interface StoredFile {
  type: string;
  bytes: number;
}

/**
 * Type and size of the featured images that are files in the media library, by media id and by
 * path (an image given by its `/media/…` address). RSS wants an enclosure's real length in
 * bytes; other images' sizes are unknown.
 */
async function storedImages(db: Kysely<Schema>, articles: Article[], baseUrl: string): Promise<{ byId: Map<number, StoredFile>; byPath: Map<string, StoredFile> }> {
  const ids = [...new Set(articles.flatMap((a) => (a.featuredImage?.mediaId ? [a.featuredImage.mediaId] : [])))];
  const paths = [
    ...new Set(articles.map((a) => (a.featuredImage && !a.featuredImage.mediaId ? libraryPath(a.featuredImage.url, baseUrl) : null)).filter((p): p is string => p !== null)),
  ];
  const byId = new Map<number, StoredFile>();
  const byPath = new Map<string, StoredFile>();
  if (ids.length || paths.length) {
    const rows = await db
      .selectFrom('media')
      .select(['id', 'path', 'mime_type', 'size_bytes'])
      .where((eb) => eb.or([...(ids.length ? [eb('id', 'in', ids)] : []), ...(paths.length ? [eb('path', 'in', paths)] : [])]))
      .execute();
    for (const row of rows) {
      const file = { type: row.mime_type, bytes: Number(row.size_bytes) };
      byId.set(row.id, file);
      byPath.set(row.path, file);
    }
  }
  const unresolved = paths.filter((p) => !byPath.has(p));
  if (unresolved.length) {
    const variants = await db.selectFrom('media_variants').select(['path', 'format', 'size_bytes']).where('path', 'in', unresolved).execute();
    for (const row of variants) byPath.set(row.path, { type: IMAGE_TYPES[row.format] ?? `image/${row.format}`, bytes: Number(row.size_bytes) });
  }
  return { byId, byPath };
}

function entry(article: Article, baseUrl: string, content: FeedContent, stored: Awaited<ReturnType<typeof storedImages>>): FeedEntry {
  const image = article.featuredImage;
  let feedImage: FeedImage | undefined;
  if (image) {
    const url = image.url.startsWith('/') ? absoluteUrl(baseUrl, image.url) : image.url;
    const file = image.mediaId ? stored.byId.get(image.mediaId) : stored.byPath.get(libraryPath(image.url, baseUrl) ?? '');
    const extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
    feedImage = { url, type: file?.type ?? IMAGE_TYPES[extension] ?? null, length: file?.bytes ?? null, alt: image.alt };
  }
  return {
    id: articleGuid(baseUrl, article),
    url: article.url,
    title: article.title,
    summary: article.excerpt,
    contentHtml: content === 'full' ? absoluteLinks(article.body, baseUrl) : undefined,
    published: new Date(article.publishedAt ?? article.createdAt),
    updated: new Date(article.updatedAt),
    authors: article.authors.map((a) => ({ name: a.name, url: absoluteUrl(baseUrl, authorPath(article.language, a.slug)) })),
    categories: article.tags.map((tag) => ({ name: tag.name, url: absoluteUrl(baseUrl, tagPath(tag.language, tag.slug)) })),
    image: feedImage,
    audio: audioOf(article.body, baseUrl),
  };
}

/** A podcast episode's audio file (a player in the story that says its type and size), addressed absolutely. */
function audioOf(body: string, baseUrl: string): FeedEntry['audio'] {
  const audio = audioEnclosureOf(body);
  return audio ? { ...audio, url: audio.url.startsWith('/') ? absoluteUrl(baseUrl, audio.url) : audio.url } : undefined;
}

export interface FeedRequest {
  language: string;
  kind: FeedScopeKind;
  slug?: string;
  format: FeedFormat;
  content: FeedContent;
}

/** A feed ready to send, with the cache keys it shows; null when the scope does not exist. */
export async function buildFeed(
  db: Kysely<Schema>,
  settings: SiteSettings,
  request: FeedRequest,
): Promise<(Representation & { keys: string[] }) | null> {
  const { language, kind, format } = request;
  const slug = request.slug ?? '';
  const scope = await resolveScope(db, settings, language, kind, slug);
  if (!scope) return null;
  const items = await publishedArticles(db, { language, ...scope.filter, page: 1, limit: FEED_SIZE }, settings.baseUrl);
  const lastModified = latest(items.map((a) => a.updatedAt));
  const home = absoluteUrl(settings.baseUrl, kind === 'site' ? `/${language}/` : scopePath(language, kind, slug));
  const links = feedLinks(settings.baseUrl, language, kind, slug);
  const channel: FeedChannel = {
    id: home,
    title: scope.title,
    description: scope.description,
    home,
    language,
    updated: lastModified ?? new Date(0),
    self: links,
    copyright: settings.publisherName,
    publisher: { name: settings.publisherName || settings.name, url: absoluteUrl(settings.baseUrl, '/') },
  };
  const stored = await storedImages(db, items, settings.baseUrl);
  const entries = items.map((article) => entry(article, settings.baseUrl, request.content, stored));
  const body = format === 'rss' ? rss2(channel, entries) : format === 'atom' ? atom1(channel, entries) : jsonFeed(channel, entries);
  return {
    body,
    contentType: CONTENT_TYPES[format],
    lastModified,
    keys: [cacheKey.list(language), ...scope.keys, ...items.map((a) => cacheKey.article(a.id))],
  };
}
