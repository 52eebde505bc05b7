/**
 * What a page tells machines about itself: hreflang alternates, feeds, Open Graph and JSON-LD.
 * Pure functions from content to data; the Head component renders them.
 */
import type { Article } from '../content/articles.types.js';
import { absoluteUrl, authorPath } from '../content/urls.js';
import { shownCredits } from '../content/credits.service.js';
import type { PublicAuthor } from '../people/users.service.js';
import type { SiteSettings } from '../settings/settings.service.js';
import type { PageImage, PageImages } from './site-images.js';
import { ASSETS } from './site.assets.js';

export interface Alternate {
  /** A BCP 47 tag, or `x-default`. */
  language: string;
  href: string;
}

export interface FeedLink {
  type: 'application/rss+xml' | 'application/atom+xml' | 'application/feed+json';
  href: string;
  title: string;
}

export interface PageMeta {
  title: string;
  description: string;
  canonical: string;
  /** Every language version of the page, itself included, plus x-default. */
  alternates: Alternate[];
  ogType: 'article' | 'website';
  /** The Open Graph and Twitter card picture, with its size when known (see site-images.ts). */
  image: PageImage | null;
  feeds: FeedLink[];
  jsonLd: object[];
  article?: { publishedTime: string | null; modifiedTime: string; section: string | null; tags: string[] };
  robots?: string;
}

/** Absolute form of a site-relative or absolute URL. */
export function absolute(settings: SiteSettings, url: string): string {
  return url.startsWith('/') ? absoluteUrl(settings.baseUrl, url) : url;
}

/** RSS, Atom and JSON Feed links for a listing path (`/fr` or `/fr/tag/x`). */
export function feedLinks(settings: SiteSettings, basePath: string, title: string): FeedLink[] {
  const base = absoluteUrl(settings.baseUrl, basePath.replace(/\/$/, ''));
  return [
    { type: 'application/rss+xml', href: `${base}/feed.xml`, title: `${title} (RSS)` },
    { type: 'application/atom+xml', href: `${base}/feed.atom`, title: `${title} (Atom)` },
    { type: 'application/feed+json', href: `${base}/feed.json`, title: `${title} (JSON Feed)` },
  ];
}

/** hreflang entries for versions of a page, with x-default on the default language's (or the first) one. */
export function withXDefault(settings: SiteSettings, versions: Alternate[]): Alternate[] {
  const fallback = versions.find((v) => v.language === settings.defaultLanguage) ?? versions[0];
  return fallback ? [...versions, { language: 'x-default', href: fallback.href }] : versions;
}

/**
 * The hreflang links of a page that exists in several languages: every version, itself
 * included (Google ignores links a version does not return), in the site's order of languages,
 * and x-default (`xDefault`, else the default language's version, else the first). A page in
 * one language only has none: there is nothing to choose between, and a lone self-reference
 * says nothing. Pages and sitemaps both take their alternates from here, so they agree.
 */
export function hreflangCluster(settings: SiteSettings, versions: Alternate[], xDefault?: string): Alternate[] {
  if (versions.length < 2) return [];
  const order = (language: string) => {
    const at = settings.languages.indexOf(language);
    return at === -1 ? settings.languages.length : at;
  };
  const sorted = [...versions].sort((a, b) => order(a.language) - order(b.language));
  return xDefault ? [...sorted, { language: 'x-default', href: xDefault }] : withXDefault(settings, sorted);
}

/**
 * Why a later page of a listing has no hreflang, only its canonical: hreflang links versions
 * of the same content in other languages, and page 3 of the French archive is not a
 * translation of page 3 of the English one: they list different stories, by different
 * counts. Google's pagination guidance gives each page its own canonical (never page 1), and
 * its hreflang rules want every link returned; a lone self-reference (what these pages had)
 * says nothing. So: page 1 carries the language cluster, later pages none.
 */
export const LATER_PAGE_ALTERNATES: Alternate[] = [];

/** The raster publisher logo and its size (site-images.ts); without it, the logo setting's address as it is. */
export interface Logo {
  url: string;
  width: number;
  height: number;
}

function publisher(settings: SiteSettings, logo?: Logo) {
  return {
    '@type': 'Organization',
    name: settings.publisherName || settings.name,
    url: absoluteUrl(settings.baseUrl, '/'),
    logo: logo
      ? { '@type': 'ImageObject', url: logo.url, width: logo.width, height: logo.height }
      : { '@type': 'ImageObject', url: absolute(settings, settings.publisherLogo || ASSETS.favicon.url) },
  };
}

/** Google shows at most 110 characters of an Article's headline. */
export const HEADLINE_MAX = 110;

/** A title cut to HEADLINE_MAX characters (code points) at a word boundary where there is one, with an ellipsis. */
export function shortHeadline(title: string): string {
  const chars = [...title];
  if (chars.length <= HEADLINE_MAX) return title;
  const cut = chars.slice(0, HEADLINE_MAX - 1).join('');
  // Languages written without spaces (Chinese, Japanese) are cut at the limit.
  const atWord = cut.replace(/\s+\S*$/u, '');
  return `${(atWord.length >= cut.length * 0.6 ? atWord : cut).trimEnd()}…`;
}

/**
 * NewsArticle's `image`: ImageObjects with their size, or addresses of pictures of unknown
 * size; with the photographers credited, each an ImageObject naming them as its creator.
 */
function articleImages(images: PageImages['article'], photographers: object[], creditText: string): Array<string | object> {
  const credited = photographers.length ? { creator: photographers, ...(creditText ? { creditText } : {}) } : {};
  return images.map((image) =>
    typeof image === 'string'
      ? photographers.length ? { '@type': 'ImageObject', url: image, ...credited } : image
      : { '@type': 'ImageObject', url: image.url, width: image.width, height: image.height, ...credited },
  );
}

/** A schema.org Person for a byline or a credit: their author page, and their own site when they gave one. */
function person(settings: SiteSettings, language: string, who: PublicAuthor): object {
  return {
    '@type': 'Person',
    name: who.name,
    url: absoluteUrl(settings.baseUrl, authorPath(language, who.slug)),
    ...(who.website ? { sameAs: who.website } : {}),
  };
}

export function breadcrumbList(items: Array<{ name: string; url: string }>): object {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  };
}

/**
 * A story's NewsArticle, per Google's Article structured data: `headline` at most 110
 * characters (the whole title in `name`), `image` the story's pictures at 16:9, 4:3 and 1:1
 * with their sizes, and a raster publisher logo with its size (site-images.ts).
 */
export function newsArticle(
  settings: SiteSettings,
  article: Article,
  original: { url: string; language: string } | null,
  pictures?: { images: PageImages['article']; logo: Logo },
): object {
  const images = pictures ? pictures.images : article.featuredImage ? [absolute(settings, article.featuredImage.url)] : [];
  const corrections = article.corrections.filter((note) => note.kind === 'correction');
  const credits = shownCredits(article);
  const people = (list: PublicAuthor[]) => list.map((who) => person(settings, article.language, who));
  const photographers = people(credits.photographers);
  const creditText = [...credits.photographers.map((p) => p.name), article.featuredImage?.credit].filter(Boolean).join(' / ');
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    '@id': article.url,
    mainEntityOfPage: article.url,
    url: article.url,
    headline: shortHeadline(article.title),
    name: article.title,
    description: article.seoDescription || article.standfirst || article.excerpt,
    ...(images.length > 0 ? { image: articleImages(images, photographers, creditText) } : {}),
    datePublished: article.publishedAt,
    dateModified: article.updatedAt,
    author: people(article.authors),
    publisher: publisher(settings, pictures?.logo),
    inLanguage: article.language,
    isAccessibleForFree: true,
    ...(article.section ? { articleSection: article.section.name } : {}),
    ...(article.tags.length ? { keywords: article.tags.map((t) => t.name).join(', ') } : {}),
    ...(original
      ? { translationOfWork: { '@type': 'NewsArticle', '@id': original.url, url: original.url, inLanguage: original.language } }
      : {}),
    // schema.org's CreativeWork.correction: each correction note as a CorrectionComment (update notes are not corrections).
    ...(corrections.length
      ? { correction: corrections.map((note) => ({ '@type': 'CorrectionComment', text: note.text, datePublished: note.publishedAt })) }
      : {}),
    ...(article.translatedFrom && article.machineTranslated
      ? { translator: { '@type': 'Organization', name: 'Machine translation' } }
      : credits.translators.length
        ? { translator: people(credits.translators) }
        : {}),
    ...(credits.additionalReporting.length ? { contributor: people(credits.additionalReporting) } : {}),
  };
}

export function websiteAndOrganization(settings: SiteSettings, language: string, logo?: Logo): object[] {
  const home = absoluteUrl(settings.baseUrl, `/${language}/`);
  return [
    {
      '@context': 'https://schema.org',
      '@type': 'WebSite',
      name: settings.name,
      description: settings.description,
      url: home,
      inLanguage: language,
      publisher: publisher(settings, logo),
      potentialAction: {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: `${absoluteUrl(settings.baseUrl, `/${language}/search`)}?q={search_term_string}` },
        'query-input': 'required name=search_term_string',
      },
    },
    { '@context': 'https://schema.org', ...publisher(settings, logo) },
  ];
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export function jsonLdText(data: object): string {
  return JSON.stringify(data).replace(/</g, '\\u003c');
}
