import { creditedPeople } from '../content/credits.service.js';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { storySurroundings } from '../content/articles.neighbours.js';
import { findPublicArticle } from '../content/articles.public.js';
import type { Article } from '../content/articles.types.js';
import { findPreview } from '../content/previews.js';
import { absoluteUrl, sectionPath } from '../content/urls.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { loadPictures } from '../media/pictures.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { syndicatedCanonical } from '../syndication/feeds.service.js';
import { bodyPictureRefs, bodyWithPictures } from './body-pictures.js';
import { entryPictureRefs } from './views/live-blog.js';
import { expiryStrings } from './expiry.strings.js';
import { format, formatDateTime, stringsFor } from './i18n.js';
import { sendSitePage } from './render.js';
import { MAX_AGE, newest } from './send-page.js';
import { absolute, breadcrumbList, feedLinks, hreflangCluster, newsArticle, type PageMeta } from './seo.js';
import { publisherLogo, storyImages } from './site-images.js';
import { redirectWithinSite, sendErrorPage } from './site.shared.js';
import { PICTURE_SIZES } from './views/components/picture.js';
import { Story } from './views/story.js';
import { liveBlogLastChange, publicLiveBlog } from '../live/live.service.js';
import { liveBlogPosting } from '../live/live.public.js';

/** `/{lang}/{slug}`: a story, a 301 from an old slug, a 410 for a withdrawn story, or a 404. */
export function storyRoutes(app: FastifyInstance): void {
  const { database } = app.herald;

  app.get<{ Params: { lang: string; slug: string } }>('/:lang/:slug', async (request, reply) => {
    const settings = await app.herald.settings();
    const { lang, slug } = request.params;
    if (!settings.languages.includes(lang)) return sendErrorPage(request, reply, 404);
    const found = await findPublicArticle(database.db, lang, slug, settings.baseUrl);
    // Campaign and source marks (?utm_source=…, ?ref=…) follow the story to its new address.
    if (found.kind === 'moved') return redirectWithinSite(request, reply, found.path + queryOf(request.url), 301);
    if (found.kind === 'gone') return sendErrorPage(request, reply, 410);
    if (found.kind === 'missing') return sendErrorPage(request, reply, 404);
    if (found.kind === 'expired') {
      if (found.article.expiry === 'gone') return sendExpiredPage(request, reply, settings, found.article);
      // Unlisted: the page still works for whoever has its address; search engines forget it.
      reply.header('x-robots-tag', 'noindex');
      return sendStoryPage(request, reply, settings, found.article, undefined, true);
    }
    return sendStoryPage(request, reply, settings, found.article);
  });

  // A preview link (content/previews.ts): the story as it will be, for whoever has the link.
  app.get<{ Params: { token: string } }>('/preview/:token', async (request, reply) => {
    const settings = await app.herald.settings();
    const found = await findPreview(database.db, request.params.token, settings.baseUrl, app.herald.now());
    if (found.kind === 'published') return redirectWithinSite(request, reply, found.path, 302);
    // The link is the only key: the page never says where a story's draft went.
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex, nofollow');
    if (found.kind === 'missing') return sendErrorPage(request, reply, 404);
    return sendStoryPage(request, reply, settings, found.article, { expiresAt: found.expiresAt });
  });
}

/**
 * A story's page. A preview is the same page, with a notice above it, for no cache and no
 * search engine, and without the comment form (no one can comment on what is not published).
 */
async function sendStoryPage(request: FastifyRequest, reply: FastifyReply, settings: SiteSettings, article: Article, preview?: { expiresAt: string }, unlisted = false) {
  const app = request.server;
  const { database } = app.herald;
  const lang = article.language;
  const [{ related, ...neighbours }, pictures, syndicated, images, logo, live] = await Promise.all([
    storySurroundings(database.db, article, settings.baseUrl),
    // The featured picture and those of the text; one the library does not hold shows as it is.
    loadPictures(database.db, [...(article.featuredImage ? [article.featuredImage] : []), ...bodyPictureRefs(article.body)], settings.baseUrl),
    // A story taken from a partner's feed points search engines to the original.
    syndicatedCanonical(database.db, article),
    // Its crops at 16:9, 4:3 and 1:1 with their sizes (the site's default for a story without one).
    storyImages(app, settings, article.featuredImage),
    publisherLogo(app, settings),
    // A live blog's entries (src/live), in the page's language where translated.
    publicLiveBlog(database.db, article.storyId, lang),
  ]);
  const around = [neighbours.previous, neighbours.next, ...related].filter((a) => a !== null);
  if (!preview) addCacheKeys(reply, [
    cacheKey.article(article.id),
    cacheKey.story(article.storyId),
    ...article.translations.map((tr) => cacheKey.article(tr.id)),
    ...around.map((a) => cacheKey.article(a.id)),
    ...(article.section ? [cacheKey.section(article.section.id)] : []),
    ...article.tags.map((tag) => cacheKey.tag(tag.id)),
    // A person's new name shows in the byline and in the credits.
    ...[...article.authors, ...creditedPeople(article.credits)].map((person) => cacheKey.author(person.id)),
  ]);

  const liveSection = live && !preview
    ? { ...live, pictures: await loadPictures(database.db, live.entries.flatMap(entryPictureRefs), settings.baseUrl), language: lang, timeZone: settings.timezone, articleId: article.id, cursor: (await liveBlogLastChange(database.db, article.storyId)) ?? live.blog.updatedAt }
    : undefined;
  const order = (language: string) => settings.languages.indexOf(language);
  const versions = [{ language: article.language, href: article.url }, ...article.translations.map((tr) => ({ language: tr.language, href: tr.url }))]
    .sort((a, b) => order(a.language) - order(b.language));
  const originalLink = article.translations.find((tr) => tr.id === article.translatedFrom?.id);
  const original = originalLink ? { url: originalLink.url, language: originalLink.language } : null;
  const imageUrl = article.featuredImage ? absolute(settings, article.featuredImage.url) : null;
  const t = stringsFor(lang);
  const crumbs = [
    { name: t.home, url: absoluteUrl(settings.baseUrl, `/${lang}/`) },
    ...(article.section ? [{ name: article.section.name, url: absoluteUrl(settings.baseUrl, sectionPath(lang, article.section.slug)) }] : []),
    { name: article.title, url: article.url },
  ];
  const meta: PageMeta = {
    // The headline is the document title, as a reader sees it in a tab or a search result.
    title: article.seoTitle || article.title,
    description: article.seoDescription || article.standfirst || article.excerpt,
    canonical: syndicated ?? article.url,
    alternates: hreflangCluster(settings, versions),
    ogType: 'article',
    // Its 16:9 crop with its size, or the site's default picture: never none.
    image: images.card,
    feeds: [
      // A live blog's own feeds first: its entries, one item each, as they are published.
      ...(live ? feedLinks(settings, new URL(article.url).pathname, article.title) : []),
      ...feedLinks(settings, `/${lang}`, settings.name),
      ...(article.section ? feedLinks(settings, sectionPath(lang, article.section.slug), article.section.name) : []),
    ],
    jsonLd: [
      live
        ? liveBlogPosting(newsArticle(settings, article, original, { images: images.article, logo }) as Record<string, unknown>, article, live.blog, live.entries, settings.baseUrl)
        : newsArticle(settings, article, original, { images: images.article, logo }),
      breadcrumbList(crumbs),
    ],
    article: {
      publishedTime: article.publishedAt,
      modifiedTime: article.updatedAt,
      section: article.section?.name ?? null,
      tags: article.tags.map((tag) => tag.name),
    },
  };
  // A page (About, Contact) is not news: a web page's card, no NewsArticle, no article dates.
  const described: PageMeta = article.kind === 'page' ? { ...meta, ogType: 'website', jsonLd: [breadcrumbList(crumbs)], article: undefined } : meta;
  if (preview) described.robots = 'noindex, nofollow';
  else if (unlisted) described.robots = 'noindex';
  return sendSitePage(request, reply, settings, {
    language: lang,
    meta: described,
    versions,
    script: true,
    counted: { article: article.id, kind: article.kind === 'page' ? 'page' : 'story' },
    maxAge: MAX_AGE.story,
    private: !!preview,
    lastModified: newest(article.updatedAt, ...around.map((a) => a.updatedAt), ...article.translations.map((tr) => tr.updatedAt)),
    body: <Story article={article} neighbours={neighbours} related={related} timeZone={settings.timezone} imageUrl={imageUrl} pictures={pictures} body={bodyWithPictures(article.body, pictures, PICTURE_SIZES.story)} publisher={settings.publisherName || settings.name} preview={preview} live={liveSection} />,
  });
}

/**
 * An expired story's address (content/moments.ts): 410 Gone, with a short note in the story's
 * language saying what was here and until when, inside the site's layout.
 */
function sendExpiredPage(request: FastifyRequest, reply: FastifyReply, settings: SiteSettings, article: Article) {
  const lang = article.language;
  const t = stringsFor(lang);
  const words = expiryStrings(lang);
  const until = article.expiresAt ? formatDateTime(article.expiresAt, lang, settings.timezone) : '';
  // Moving its expiry brings the story back: its key drops this page from caches.
  addCacheKeys(reply, [cacheKey.article(article.id), cacheKey.list(lang)]);
  const meta: PageMeta = {
    title: `${words.expiredTitle} · ${settings.name}`,
    description: words.expiredTitle,
    canonical: article.url,
    alternates: [],
    ogType: 'website',
    image: null,
    feeds: feedLinks(settings, `/${lang}`, settings.name),
    jsonLd: [],
    robots: 'noindex',
  };
  return sendSitePage(request, reply, settings, {
    language: lang,
    meta,
    versions: [],
    status: 410,
    maxAge: MAX_AGE.gone,
    body: (
      <section class="prose expired-note" lang={words.lang}>
        <h1>{words.expiredTitle}</h1>
        <p>{format(words.expiredText, { title: article.title, date: until })}</p>
        <p>
          {words.expiredMore} <a href={`/${lang}/`}>{t.home}</a>
        </p>
      </section>
    ),
  });
}

/** The query string of a request's URL, with its '?', or ''. */
function queryOf(url: string): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start);
}
