import type { FastifyReply, FastifyRequest } from 'fastify';
import { acceptedLanguages } from '../core/interface-text.js';
import { isSitePath } from '../core/site-path.js';
import { absoluteUrl } from '../content/urls.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { decodeEscapes } from '../core/unsafe-text.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { stringsFor } from './i18n.js';
import { sendSitePage } from './render.js';
import { MAX_AGE } from './send-page.js';
import { feedLinks, type PageMeta } from './seo.js';
import { redirectLegacy } from '../portability/legacy-redirects.site.js';
import { ErrorPage } from './views/error.js';

export const PAGE_SIZE = 12;

/** The reader's language for `/`: the best Accept-Language match among the site's languages. */
export function negotiateLanguage(header: string | undefined, settings: SiteSettings): string {
  for (const tag of acceptedLanguages(header).map((wanted) => wanted.toLowerCase())) {
    const exact = settings.languages.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const base = settings.languages.find((l) => l.toLowerCase().split('-')[0] === tag.split('-')[0]);
    if (base) return base;
  }
  return settings.defaultLanguage;
}

/** A page number from `/page/N` or `?page=N`: a whole number from 1, else null. */
export function pageNumber(raw: string | undefined): number | null {
  if (raw === undefined || raw === '') return 1;
  return /^[1-9]\d{0,5}$/.test(raw) ? Number(raw) : null;
}

/** Every language's version of a page that exists in all of them (home, privacy). */
export function everyLanguage(settings: SiteSettings, path: (language: string) => string) {
  return settings.languages.map((language) => ({ language, href: absoluteUrl(settings.baseUrl, path(language)) }));
}

/** The 404 or 410 page in the visitor's language: the URL's when it names one, else Accept-Language. */
export async function sendErrorPage(request: FastifyRequest, reply: FastifyReply, status: 404 | 410) {
  if (status === 404 && (await redirectLegacy(request, reply))) return reply;
  const settings = await request.server.herald.settings();
  const first = decodeEscapes(request.url.split(/[/?]/)[1] ?? '');
  const language = settings.languages.find((l) => l === first) ?? negotiateLanguage(request.headers['accept-language'], settings);
  const t = stringsFor(language);
  // Publishing a story at this address lists it, and the list key drops this page from caches.
  addCacheKeys(reply, [cacheKey.list(language)]);
  const meta: PageMeta = {
    title: `${status === 410 ? t.gone : t.notFound} · ${settings.name}`,
    description: status === 410 ? t.goneText : t.notFoundText,
    canonical: absoluteUrl(settings.baseUrl, request.url.split('?')[0]),
    alternates: [],
    ogType: 'website',
    image: null,
    feeds: feedLinks(settings, `/${language}`, settings.name),
    jsonLd: [],
    robots: 'noindex',
  };
  return sendSitePage(request, reply, settings, {
    language, meta, versions: [], status, maxAge: status === 410 ? MAX_AGE.gone : MAX_AGE.missing,
    body: <ErrorPage language={language} status={status} />,
  });
}

/**
 * Redirects to a path of this site, or answers 404 when the path would leave it: the last
 * guard for targets built from what a request said (a language, a page number).
 */
export function redirectWithinSite(request: FastifyRequest, reply: FastifyReply, path: string, status: 301 | 302 | 303) {
  return isSitePath(path) ? reply.redirect(path, status) : sendErrorPage(request, reply, 404);
}
