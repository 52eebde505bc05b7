import compress from '@fastify/compress';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { analyticsStrings } from '../analytics/analytics.strings.js';
import { latestBySection } from '../content/articles.browse.js';
import { listArticleCards } from '../content/articles.list.js';
import { absoluteUrl } from '../content/urls.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { format, stringsFor } from './i18n.js';
import { sendSitePage } from './render.js';
import { MAX_AGE, newest } from './send-page.js';
import { feedLinks, hreflangCluster, LATER_PAGE_ALTERNATES, websiteAndOrganization, type PageMeta } from './seo.js';
import { redirectLegacy } from '../portability/legacy-redirects.site.js';
import { registerAssets } from './site.assets.js';
import { defaultImages, publisherLogo, registerSiteImages } from './site-images.js';
import { everyLanguage, negotiateLanguage, PAGE_SIZE, pageNumber, redirectWithinSite, sendErrorPage } from './site.shared.js';
import { storyCardExtras } from './story-cards.service.js';
import { correctionsRoutes } from './site.corrections.js';
import { storyRoutes } from './site.story.js';
import { liveFeedRoutes, liveRoutes } from './site.live.js';
import { topicRoutes } from './site.topics.js';
import { Home } from './views/home.js';
import { PrivacyPage } from './views/privacy.js';

export { negotiateLanguage };

export const site: FastifyPluginAsync = fp(async (app) => {
  const { database } = app.herald;
  await app.register(compress, { global: true, threshold: 1024 });
  registerAssets(app);
  registerSiteImages(app);

  app.setNotFoundHandler((request, reply) => sendErrorPage(request, reply, 404));

  const home = async (request: FastifyRequest, reply: FastifyReply, lang: string, rawPage: string | undefined) => {
    const settings = await app.herald.settings();
    const page = pageNumber(rawPage);
    if (!settings.languages.includes(lang) || page === null) return sendErrorPage(request, reply, 404);
    const [{ items, hasMore }, sections] = await Promise.all([
      listArticleCards(database.db, { language: lang, page, limit: PAGE_SIZE }, settings.baseUrl),
      page === 1 ? latestBySection(database.db, lang, settings.baseUrl) : Promise.resolve([]),
    ]);
    if (page > 1 && items.length === 0) return sendErrorPage(request, reply, 404);
    const shown = [...items, ...sections.flatMap((s) => s.articles)];
    const extras = await storyCardExtras(database.db, shown, settings.baseUrl);
    addCacheKeys(reply, [
      ...extras.keys,
      cacheKey.list(lang),
      ...shown.map((a) => cacheKey.article(a.id)),
      ...sections.map((s) => cacheKey.section(s.section.id)),
    ]);
    // Every listing pages with ?page=N (the old /{lang}/page/N answers 301, below).
    const path = page === 1 ? `/${lang}/` : `/${lang}/?page=${page}`;
    const versions = page === 1 ? everyLanguage(settings, (l) => `/${l}/`) : [{ language: lang, href: absoluteUrl(settings.baseUrl, path) }];
    const meta: PageMeta = {
      title: page === 1 ? settings.name : `${settings.name} · ${format(stringsFor(lang).page, { n: page })}`,
      description: settings.description,
      canonical: absoluteUrl(settings.baseUrl, path),
      // x-default: `/`, the default language's home for readers of any language.
      alternates: page === 1 ? hreflangCluster(settings, versions, absoluteUrl(settings.baseUrl, '/')) : LATER_PAGE_ALTERNATES,
      ogType: 'website',
      image: (await defaultImages(app, settings)).card,
      feeds: feedLinks(settings, `/${lang}`, settings.name),
      jsonLd: page === 1 ? websiteAndOrganization(settings, lang, await publisherLogo(app, settings)) : [],
    };
    return sendSitePage(request, reply, settings, {
      language: lang, meta, versions, maxAge: MAX_AGE.listing, counted: { article: 0, kind: 'home' },
      lastModified: newest(...shown.map((a) => a.updatedAt)),
      body: <Home language={lang} siteName={settings.name} timeZone={settings.timezone} articles={items} sections={sections} page={page} hasMore={hasMore} comments={extras.commentCounts} pictures={extras.pictures} />,
    });
  };

  // `/` is the default language's home itself, not a redirect to it: a phone saves a round trip
  // (about 600 ms) on the site's most visited address. It is the same page for every reader, so
  // caches keep it like any other; its canonical is `/{default}/`, and the hreflang x-default
  // of every home names `/`. Readers of other languages switch with the language menu.
  app.get('/', async (request, reply) => {
    if (request.url.includes('?') && (await redirectLegacy(request, reply))) return reply;
    return home(request, reply, (await app.herald.settings()).defaultLanguage, undefined);
  });
  app.get<{ Params: { lang: string }; Querystring: { page?: string } }>('/:lang/', async (request, reply) => {
    const { lang } = request.params;
    // Page 1 has one address, without the number.
    if (request.query.page === '1' && (await app.herald.settings()).languages.includes(lang)) {
      return redirectWithinSite(request, reply, `/${lang}/`, 301);
    }
    return home(request, reply, lang, request.query.page);
  });
  // The archive's former addresses: /{lang}/page/N answers 301 to /{lang}/?page=N.
  app.get<{ Params: { lang: string; n: string } }>('/:lang/page/:n', async (request, reply) => {
    const { lang, n } = request.params;
    // The language and the number must be valid before they become part of an address.
    const page = pageNumber(n);
    if (!(await app.herald.settings()).languages.includes(lang) || page === null) return sendErrorPage(request, reply, 404);
    return redirectWithinSite(request, reply, page === 1 ? `/${lang}/` : `/${lang}/?page=${page}`, 301);
  });
  // `/fr` without the slash is the French home too.
  app.get<{ Params: { lang: string } }>('/:lang', async (request, reply) => {
    const settings = await app.herald.settings();
    if (!settings.languages.includes(request.params.lang)) return sendErrorPage(request, reply, 404);
    return redirectWithinSite(request, reply, `/${request.params.lang}/`, 301);
  });

  app.get<{ Params: { lang: string } }>('/:lang/privacy', async (request, reply) => {
    const settings = await app.herald.settings();
    const { lang } = request.params;
    if (!settings.languages.includes(lang)) return sendErrorPage(request, reply, 404);
    addCacheKeys(reply, []);
    const t = stringsFor(lang);
    const versions = everyLanguage(settings, (l) => `/${l}/privacy`);
    const meta: PageMeta = {
      title: `${t.privacyTitle} · ${settings.name}`,
      // What the page says first: reader statistics before comments.
      description: settings.analytics ? analyticsStrings(lang).introCounting : t.privacyIntro,
      canonical: absoluteUrl(settings.baseUrl, `/${lang}/privacy`),
      alternates: hreflangCluster(settings, versions),
      ogType: 'website',
      image: (await defaultImages(app, settings)).card,
      feeds: feedLinks(settings, `/${lang}`, settings.name),
      jsonLd: [],
    };
    return sendSitePage(request, reply, settings, {
      language: lang, meta, versions, maxAge: MAX_AGE.static, body: <PrivacyPage language={lang} analytics={settings.analytics} />,
    });
  });

  correctionsRoutes(app);
  storyRoutes(app);
  await liveRoutes(app);
  liveFeedRoutes(app);
  topicRoutes(app);
});
