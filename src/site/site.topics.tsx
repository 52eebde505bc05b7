import type { FastifyInstance } from 'fastify';
import { findTopic, topicArticles, topicId, type Topic, type TopicKind } from '../content/articles.browse.js';
import { absoluteUrl, authorPath, sectionPath, tagPath } from '../content/urls.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { stringsFor } from './i18n.js';
import { sendSitePage } from './render.js';
import { MAX_AGE, newest } from './send-page.js';
import { breadcrumbList, feedLinks, hreflangCluster, LATER_PAGE_ALTERNATES, type Alternate, type PageMeta } from './seo.js';
import { defaultImages } from './site-images.js';
import { PAGE_SIZE, pageNumber, redirectWithinSite, sendErrorPage } from './site.shared.js';
import { storyCardExtras } from './story-cards.service.js';
import { TopicPage, topicDescription, topicTitle } from './views/topic.js';

const PATHS: Record<TopicKind, (language: string, slug: string) => string> = {
  section: sectionPath,
  tag: tagPath,
  author: authorPath,
};

function slugOf(topic: Topic): string {
  return topic.kind === 'section' ? topic.section.slug : topic.kind === 'tag' ? topic.tag.slug : topic.author.slug;
}

/**
 * The same topic in other languages: a section has a name per language, an author's page is
 * one in each language they have stories in (the others list nothing: see `indexable`), a tag
 * belongs to one language only.
 */
function topicVersions(settings: SiteSettings, topic: Topic, language: string): Alternate[] {
  const self = { language, href: absoluteUrl(settings.baseUrl, PATHS[topic.kind](language, slugOf(topic))) };
  if (topic.kind === 'tag') return [self];
  if (topic.kind === 'author') {
    return settings.languages
      .filter((l) => topic.languages.includes(l))
      .map((l) => ({ language: l, href: absoluteUrl(settings.baseUrl, authorPath(l, topic.author.slug)) }));
  }
  const others = topic.otherLanguages
    .filter((s) => settings.languages.includes(s.language))
    .map((s) => ({ language: s.language, href: absoluteUrl(settings.baseUrl, sectionPath(s.language, s.slug)) }));
  const order = (l: string) => settings.languages.indexOf(l);
  return [self, ...others].sort((a, b) => order(a.language) - order(b.language));
}

/** `/{lang}/section/{slug}`, `/{lang}/tag/{slug}` and `/{lang}/author/{slug}`, paginated with `?page=N`. */
export function topicRoutes(app: FastifyInstance): void {
  const { database } = app.herald;
  for (const kind of ['section', 'tag', 'author'] as const) {
    app.get<{ Params: { lang: string; slug: string }; Querystring: { page?: string } }>(`/:lang/${kind}/:slug`, async (request, reply) => {
      const settings = await app.herald.settings();
      const { lang, slug } = request.params;
      const page = pageNumber(request.query.page);
      if (!settings.languages.includes(lang) || page === null) return sendErrorPage(request, reply, 404);
      const topic = await findTopic(database.db, kind, lang, slug);
      if (!topic) return sendErrorPage(request, reply, 404);
      // Page 1 has one address, without the number.
      if (request.query.page === '1') return redirectWithinSite(request, reply, PATHS[kind](lang, slugOf(topic)), 301);
      const { items, hasMore } = await topicArticles(database.db, topic, lang, settings.baseUrl, page, PAGE_SIZE);
      if (page > 1 && items.length === 0) return sendErrorPage(request, reply, 404);
      const extras = await storyCardExtras(database.db, items, settings.baseUrl);
      addCacheKeys(reply, [cacheKey.list(lang), cacheKey[kind](topicId(topic)), ...items.map((a) => cacheKey.article(a.id)), ...extras.keys]);

      const path = PATHS[kind](lang, slugOf(topic));
      const title = topicTitle(topic, lang);
      const t = stringsFor(lang);
      const versions = topicVersions(settings, topic, lang);
      // An author's page in a language they have no stories in lists none: it answers (the
      // byline of a future story will link it) but is kept out of indexes and hreflang clusters.
      const indexable = topic.kind !== 'author' || topic.languages.includes(lang);
      const canonicalPath = page === 1 ? path : `${path}?page=${page}`;
      const meta: PageMeta = {
        title: `${title} · ${settings.name}`,
        description: topicDescription(topic) || `${title} · ${settings.description}`,
        canonical: absoluteUrl(settings.baseUrl, canonicalPath),
        alternates: page === 1 && indexable ? hreflangCluster(settings, versions) : LATER_PAGE_ALTERNATES,
        ogType: 'website',
        image: (await defaultImages(app, settings)).card,
        feeds: [...feedLinks(settings, path, title), ...feedLinks(settings, `/${lang}`, settings.name)],
        jsonLd: [breadcrumbList([
          { name: t.home, url: absoluteUrl(settings.baseUrl, `/${lang}/`) },
          { name: title, url: absoluteUrl(settings.baseUrl, path) },
        ])],
        ...(indexable ? {} : { robots: 'noindex' }),
      };
      return sendSitePage(request, reply, settings, {
        language: lang, meta, versions, maxAge: MAX_AGE.listing, counted: { article: 0, kind },
        lastModified: newest(...items.map((a) => a.updatedAt)),
        body: <TopicPage topic={topic} language={lang} path={path} timeZone={settings.timezone} articles={items} page={page} hasMore={hasMore} comments={extras.commentCounts} pictures={extras.pictures} />,
      });
    });
  }
}
