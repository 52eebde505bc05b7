/**
 * Sitemaps for search engines: `/sitemap.xml` indexes per-language sitemaps of stories,
 * sections, tags and authors (each split at 50,000 URLs; the sections file also lists each language's
 * home, privacy and corrections pages); `/news-sitemap.xml` lists the
 * stories of the last two days for Google News (1,000 per file, an index beyond that).
 */
import { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { SitemapItemLoose } from 'sitemap';
import { storyLanguagesOf } from '../content/articles.browse.js';
import { absoluteUrl, articlePath, authorPath, sectionPath, tagPath } from '../content/urls.js';
import type { Schema } from '../db/schema.js';
import { cacheKey } from '../core/cache-keys.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { hreflangCluster, type Alternate } from '../site/seo.js';
import { latest, type Representation } from './conditional.js';
import * as repo from './sitemaps.repository.js';

export const SITEMAP_KINDS = ['stories', 'sections', 'tags', 'authors'] as const;
export type SitemapKind = (typeof SITEMAP_KINDS)[number];

/** Limits of the protocols; tests pass smaller ones to see the splitting. */
export interface SitemapLimits {
  perFile: number;
  newsPerFile: number;
}
export const SITEMAP_LIMITS: SitemapLimits = { perFile: 50_000, newsPerFile: 1_000 };
const NEWS_WINDOW_MS = 2 * 24 * 3600 * 1000;
const XML = 'application/xml; charset=utf-8';

export type SitemapDocument = Representation & { keys: string[] };

export function sitemapFileName(language: string, kind: SitemapKind, page: number): string {
  return `/sitemaps/${language}-${kind}-${page}.xml`;
}

export function newsFileName(page: number): string {
  return `/sitemaps/news-${page}.xml`;
}

// sitemap (and the XML parser it carries) is loaded by the first sitemap asked for, not at start.
async function urlset(items: SitemapItemLoose[], namespaces: { news?: boolean; xhtml?: boolean }): Promise<string> {
  // The package's stream refuses to end without an item (EmptySitemap: a 500 for the news
  // sitemap of a site with no story of the last two days, which robots.txt still names).
  // Nothing to list is an empty urlset, with the namespaces the full one would declare.
  if (items.length === 0) return emptyUrlset(namespaces);
  const { SitemapStream, streamToPromise } = await import('sitemap');
  const stream = new SitemapStream({ xmlns: { news: !!namespaces.news, xhtml: !!namespaces.xhtml, image: false, video: false } });
  return (await streamToPromise(Readable.from(items).pipe(stream))).toString();
}

function emptyUrlset(namespaces: { news?: boolean; xhtml?: boolean }): string {
  const news = namespaces.news ? ' xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"' : '';
  const xhtml = namespaces.xhtml ? ' xmlns:xhtml="http://www.w3.org/1999/xhtml"' : '';
  return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"${news}${xhtml}></urlset>`;
}

async function sitemapindex(entries: Array<{ url: string; lastmod?: string }>): Promise<string> {
  const { SitemapIndexStream, streamToPromise } = await import('sitemap');
  return (await streamToPromise(Readable.from(entries).pipe(new SitemapIndexStream()))).toString();
}

/** Google News wants ISO 639 codes, except zh-cn and zh-tw for Simplified and Traditional Chinese. */
export function newsLanguage(language: string): string {
  const locale = new Intl.Locale(language);
  if (locale.language === 'zh') {
    const { script, region } = locale.maximize();
    return script === 'Hant' || region === 'TW' || region === 'HK' || region === 'MO' ? 'zh-tw' : 'zh-cn';
  }
  return locale.language.toLowerCase();
}

async function alternatesFor(db: Kysely<Schema>, baseUrl: string, storyIds: number[]) {
  const byStory = new Map<number, Array<{ lang: string; url: string }>>();
  // Bounded IN lists: SQLite and pg both cap the number of bound parameters.
  for (let i = 0; i < storyIds.length; i += 1000) {
    for (const v of await repo.publicVersionsOf(db, storyIds.slice(i, i + 1000))) {
      const list = byStory.get(v.story_id) ?? [];
      list.push({ lang: v.language, url: absoluteUrl(baseUrl, articlePath(v.language, v.slug)) });
      byStory.set(v.story_id, list);
    }
  }
  return byStory;
}

/** A URL of a sitemap file: its address, its last change and its hreflang alternates. */
interface SitemapUrl {
  url: string;
  lastmod?: string | null;
  links?: Array<{ lang: string; url: string }>;
}

/**
 * The xhtml:link alternates of a page: the same cluster as its head (hreflangCluster, x-default
 * included), none for a page in one language only.
 */
function linksOf(settings: SiteSettings, versions: Alternate[], xDefault?: string): SitemapUrl['links'] {
  const cluster = hreflangCluster(settings, versions, xDefault);
  return cluster.length ? cluster.map((a) => ({ lang: a.language, url: a.href })) : undefined;
}

async function storyUrls(db: Kysely<Schema>, settings: SiteSettings, language: string, page: number, limits: SitemapLimits): Promise<SitemapUrl[]> {
  const rows = await repo.publicStoryPage(db, language, (page - 1) * limits.perFile, limits.perFile);
  const alternates = await alternatesFor(db, settings.baseUrl, [...new Set(rows.map((r) => r.story_id))]);
  return rows.map((row) => {
    const versions = (alternates.get(row.story_id) ?? []).map((v) => ({ language: v.lang, href: v.url }));
    return {
      url: absoluteUrl(settings.baseUrl, articlePath(row.language, row.slug)),
      lastmod: row.updated_at,
      links: linksOf(settings, versions),
    };
  });
}

/** Rows of `of` fetched by bounded IN lists (SQLite and pg both cap the number of bound parameters). */
async function inChunks<T>(ids: number[], of: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += 1000) rows.push(...(await of(ids.slice(i, i + 1000))));
  return rows;
}

/**
 * Every URL of a language's sections, tags or authors file, in order, with the alternates of
 * their heads: the sections file starts with the home, privacy and corrections pages (in every
 * language, so indexable everywhere), a section has a version in each language it is named
 * in, an author in each language they have stories in (their page elsewhere is noindex, and
 * not listed), a tag is of one language.
 */
async function listingUrls(db: Kysely<Schema>, settings: SiteSettings, language: string, kind: Exclude<SitemapKind, 'stories'>) {
  const rows = await pageRows(db, language, kind);
  const base = settings.baseUrl;
  const inSite = (l: string) => settings.languages.includes(l);
  let versionsOf: (row: repo.PageUrlRow) => Alternate[] = (row) => [{ language, href: absoluteUrl(base, PAGE_PATH[kind](language, row.slug)) }];
  if (kind === 'sections') {
    const names = await inChunks(rows.map((r) => r.id), (ids) => repo.sectionNamesOf(db, ids));
    versionsOf = (row) =>
      names.filter((n) => n.section_id === row.id && inSite(n.language)).map((n) => ({ language: n.language, href: absoluteUrl(base, sectionPath(n.language, n.slug)) }));
  } else if (kind === 'authors') {
    const languages = await inChunks(rows.map((r) => r.id), (ids) => storyLanguagesOf(db, ids));
    versionsOf = (row) =>
      languages.filter((l) => l.user_id === row.id && inSite(l.language)).map((l) => ({ language: l.language, href: absoluteUrl(base, authorPath(l.language, row.slug)) }));
  }
  const urls: SitemapUrl[] = rows.map((row) => ({
    url: absoluteUrl(base, PAGE_PATH[kind](language, row.slug)),
    lastmod: row.updated_at,
    links: linksOf(settings, versionsOf(row)),
  }));
  if (kind === 'sections') {
    const every = (path: (l: string) => string) => settings.languages.map((l) => ({ language: l, href: absoluteUrl(base, path(l)) }));
    urls.unshift(
      // x-default `/`, as the home pages say: the default language's home for every reader.
      { url: absoluteUrl(base, `/${language}/`), lastmod: await repo.newestStoryIn(db, language), links: linksOf(settings, every((l) => `/${l}/`), absoluteUrl(base, '/')) },
      { url: absoluteUrl(base, `/${language}/privacy`), lastmod: null, links: linksOf(settings, every((l) => `/${l}/privacy`)) },
      { url: absoluteUrl(base, `/${language}/corrections`), lastmod: await repo.newestCorrectionIn(db, language), links: linksOf(settings, every((l) => `/${l}/corrections`)) },
    );
  }
  return { rows, urls };
}

async function pageRows(db: Kysely<Schema>, language: string, kind: Exclude<SitemapKind, 'stories'>) {
  if (kind === 'sections') return repo.sectionsIn(db, language);
  if (kind === 'tags') return repo.tagsIn(db, language);
  return repo.authorsIn(db, language);
}

const PAGE_PATH = { sections: sectionPath, tags: tagPath, authors: authorPath } as const;

/**
 * The last change of each file of a language, by kind (null for a file of undated URLs); the
 * sections file always exists (it lists the home and privacy pages).
 */
async function fileDates(db: Kysely<Schema>, language: string, limits: SitemapLimits): Promise<Record<SitemapKind, Array<string | null>>> {
  const [stories, sections, tags, authors, home, corrections] = await Promise.all([
    repo.countPublicStories(db, language),
    repo.sectionsIn(db, language),
    repo.tagsIn(db, language),
    repo.authorsIn(db, language),
    repo.newestStoryIn(db, language),
    repo.newestCorrectionIn(db, language),
  ]);
  // The same slices as sitemapFile's: home, privacy (undated) and corrections before the sections.
  const perFile = (dates: Array<string | null>) =>
    Array.from({ length: Math.ceil(dates.length / limits.perFile) }, (_, i) => newestOf(dates.slice(i * limits.perFile, (i + 1) * limits.perFile)));
  const storyFiles = await Promise.all(
    Array.from({ length: Math.ceil(stories / limits.perFile) }, (_, i) => repo.newestOnStoryPage(db, language, i * limits.perFile, limits.perFile)),
  );
  return {
    stories: storyFiles,
    sections: perFile([home, null, corrections, ...sections.map((r) => r.updated_at)]),
    tags: perFile(tags.map((r) => r.updated_at)),
    authors: perFile(authors.map((r) => r.updated_at)),
  };
}

function newestOf(dates: Array<string | null | undefined>): string | null {
  return latest(dates)?.toISOString() ?? null;
}

/** The index of every language's files, each with its `<lastmod>`: the newest `<lastmod>` in it. */
export async function sitemapIndex(db: Kysely<Schema>, settings: SiteSettings, limits = SITEMAP_LIMITS): Promise<SitemapDocument> {
  const entries: Array<{ url: string; lastmod?: string }> = [];
  for (const language of settings.languages) {
    const dates = await fileDates(db, language, limits);
    for (const kind of SITEMAP_KINDS) {
      dates[kind].forEach((lastmod, i) => {
        const url = absoluteUrl(settings.baseUrl, sitemapFileName(language, kind, i + 1));
        entries.push(lastmod ? { url, lastmod } : { url });
      });
    }
  }
  const body = await sitemapindex(entries);
  return { body, contentType: XML, lastModified: latest(entries.map((e) => e.lastmod)), keys: settings.languages.map(cacheKey.list) };
}

/** One per-language sitemap file, or null when it does not exist. */
export async function sitemapFile(
  db: Kysely<Schema>,
  settings: SiteSettings,
  language: string,
  kind: SitemapKind,
  page: number,
  limits = SITEMAP_LIMITS,
): Promise<SitemapDocument | null> {
  if (!settings.languages.includes(language) || page < 1) return null;
  let items: SitemapUrl[];
  const keys = [cacheKey.list(language)];
  if (kind === 'stories') items = await storyUrls(db, settings, language, page, limits);
  else {
    const { rows, urls } = await listingUrls(db, settings, language, kind);
    items = urls.slice((page - 1) * limits.perFile, page * limits.perFile);
    const keyOf = { sections: cacheKey.section, tags: cacheKey.tag, authors: cacheKey.author }[kind];
    keys.push(...rows.map((r) => keyOf(r.id)));
  }
  if (items.length === 0) return null;
  const body = await urlset(
    items.map(({ lastmod, links, ...rest }) => ({ ...rest, ...(lastmod ? { lastmod } : {}), ...(links ? { links } : {}) })),
    { xhtml: true },
  );
  return { body, contentType: XML, lastModified: latest(items.map((i) => i.lastmod)), keys };
}

/**
 * The Google News sitemap: a urlset while the last two days fit in one file, an index of
 * `/sitemaps/news-N.xml` files beyond that. `page` selects one of those files.
 */
export async function newsSitemap(
  db: Kysely<Schema>,
  settings: SiteSettings,
  page: number | null,
  now = new Date(),
  limits = SITEMAP_LIMITS,
): Promise<SitemapDocument | null> {
  const since = new Date(now.getTime() - NEWS_WINDOW_MS).toISOString();
  const keys = settings.languages.map(cacheKey.list);
  const total = await repo.countRecentPublicStories(db, since);
  const files = Math.max(1, Math.ceil(total / limits.newsPerFile));
  if (page === null && files > 1) {
    const entries = Array.from({ length: files }, (_, i) => ({ url: absoluteUrl(settings.baseUrl, newsFileName(i + 1)) }));
    return { body: await sitemapindex(entries), contentType: XML, lastModified: null, keys };
  }
  const current = page ?? 1;
  if (current > files) return null;
  const rows = await repo.recentPublicStories(db, since, (current - 1) * limits.newsPerFile, limits.newsPerFile);
  const publication = settings.publisherName || settings.name;
  const body = await urlset(
    rows.map((row) => ({
      url: absoluteUrl(settings.baseUrl, articlePath(row.language, row.slug)),
      lastmod: row.updated_at,
      news: {
        publication: { name: publication, language: newsLanguage(row.language) },
        publication_date: row.published_at ?? row.updated_at,
        title: row.title,
      },
    })),
    { news: true },
  );
  return { body, contentType: XML, lastModified: latest(rows.map((r) => r.updated_at)), keys };
}

export function robotsTxt(settings: SiteSettings): string {
  const base = settings.baseUrl.replace(/\/+$/, '');
  return [
    'User-agent: *',
    'Disallow: /admin/',
    'Disallow: /api/admin/',
    // Result pages are endless and thin; the stories themselves are in the sitemaps.
    'Disallow: /*/search',
    'Allow: /',
    '',
    `Sitemap: ${base}/sitemap.xml`,
    `Sitemap: ${base}/news-sitemap.xml`,
    '',
  ].join('\n');
}
