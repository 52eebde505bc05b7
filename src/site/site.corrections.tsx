import type { FastifyInstance } from 'fastify';
import { publicCorrections } from '../content/corrections.service.js';
import { absoluteUrl } from '../content/urls.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { correctionStrings } from './corrections.strings.js';
import { format, stringsFor } from './i18n.js';
import { sendSitePage } from './render.js';
import { MAX_AGE } from './send-page.js';
import { breadcrumbList, feedLinks, hreflangCluster, LATER_PAGE_ALTERNATES, type PageMeta } from './seo.js';
import { defaultImages } from './site-images.js';
import { everyLanguage, PAGE_SIZE, pageNumber, redirectWithinSite, sendErrorPage } from './site.shared.js';
import { CorrectionsPage } from './views/corrections.js';

/** `/{lang}/corrections`: the corrections and update notes of the language's stories, newest first, paginated with `?page=N`. */
export function correctionsRoutes(app: FastifyInstance): void {
  const { database } = app.herald;
  app.get<{ Params: { lang: string }; Querystring: { page?: string } }>('/:lang/corrections', async (request, reply) => {
    const settings = await app.herald.settings();
    const { lang } = request.params;
    const page = pageNumber(request.query.page);
    if (!settings.languages.includes(lang) || page === null) return sendErrorPage(request, reply, 404);
    const path = `/${lang}/corrections`;
    // Page 1 has one address, without the number.
    if (request.query.page === '1') return redirectWithinSite(request, reply, path, 301);
    const { items, hasMore } = await publicCorrections(database.db, lang, page, PAGE_SIZE, settings.baseUrl);
    if (page > 1 && items.length === 0) return sendErrorPage(request, reply, 404);
    // A note written, changed or removed is a change of its story, which names its language's listings.
    addCacheKeys(reply, [cacheKey.list(lang), ...new Set(items.map((note) => cacheKey.article(note.article.id)))]);
    const t = stringsFor(lang);
    const c = correctionStrings(lang);
    const canonicalPath = page === 1 ? path : `${path}?page=${page}`;
    const meta: PageMeta = {
      title: page === 1 ? `${c.title} · ${settings.name}` : `${c.title} · ${format(t.page, { n: page })} · ${settings.name}`,
      description: c.intro,
      canonical: absoluteUrl(settings.baseUrl, canonicalPath),
      alternates: page === 1 ? hreflangCluster(settings, everyLanguage(settings, (l) => `/${l}/corrections`)) : LATER_PAGE_ALTERNATES,
      ogType: 'website',
      image: (await defaultImages(app, settings)).card,
      feeds: feedLinks(settings, `/${lang}`, settings.name),
      jsonLd: [breadcrumbList([
        { name: t.home, url: absoluteUrl(settings.baseUrl, `/${lang}/`) },
        { name: c.title, url: absoluteUrl(settings.baseUrl, path) },
      ])],
    };
    return sendSitePage(request, reply, settings, {
      language: lang, meta, versions: everyLanguage(settings, (l) => `/${l}/corrections`), maxAge: MAX_AGE.listing,
      body: <CorrectionsPage language={lang} notes={items} page={page} hasMore={hasMore} timeZone={settings.timezone} />,
    });
  });
}
