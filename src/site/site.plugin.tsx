import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { listArticles } from '../content/articles.list.js';
import { findPublicArticle } from '../content/articles.public.js';
import { absoluteUrl } from '../content/urls.js';
import { addCacheKeys, cacheKey } from '../http/cache-keys.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { ErrorPage } from './views/error.js';
import { Home } from './views/home.js';
import { Layout } from './views/layout.js';
import { Story } from './views/story.js';
import { renderPage } from './render.js';

/** The reader's language for `/`: the best Accept-Language match among the site's languages. */
export function negotiateLanguage(header: string | undefined, settings: SiteSettings): string {
  const wanted = (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag.trim().toLowerCase(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((w) => w.tag && w.q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of wanted) {
    const exact = settings.languages.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    const base = settings.languages.find((l) => l.toLowerCase().split('-')[0] === tag.split('-')[0]);
    if (base) return base;
  }
  return settings.defaultLanguage;
}

function sendHtml(reply: FastifyReply, status: number, html: string) {
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}

export const site: FastifyPluginAsync = fp(async (app) => {
  const { database } = app.herald;

  const errorPage = async (request: FastifyRequest, reply: FastifyReply, status: 404 | 410) => {
    const settings = await app.herald.settings();
    const first = request.url.split('/')[1];
    const language = settings.languages.find((l) => l === first) ?? negotiateLanguage(request.headers['accept-language'], settings);
    const title = `${status} · ${settings.name}`;
    return sendHtml(
      reply,
      status,
      renderPage(
        <Layout settings={settings} language={language} title={title} description="" canonical={absoluteUrl(settings.baseUrl, request.url)} alternates={[]}>
          <ErrorPage language={language} status={status} />
        </Layout>,
      ),
    );
  };

  app.setNotFoundHandler((request, reply) => errorPage(request, reply, 404));

  app.get('/', async (request, reply) => {
    const settings = await app.herald.settings();
    const language = negotiateLanguage(request.headers['accept-language'], settings);
    return reply.header('vary', 'Accept-Language').redirect(`/${language}/`, 302);
  });

  app.get<{ Params: { lang: string } }>('/:lang/', async (request, reply) => {
    const settings = await app.herald.settings();
    const { lang } = request.params;
    if (!settings.languages.includes(lang)) return errorPage(request, reply, 404);
    const { items } = await listArticles(database.db, { language: lang, page: 1, limit: 20 }, settings.baseUrl, 'public');
    addCacheKeys(reply, [cacheKey.list(lang), ...items.map((a) => cacheKey.article(a.id))]);
    const alternates = settings.languages.map((l) => ({ language: l, href: absoluteUrl(settings.baseUrl, `/${l}/`) }));
    return sendHtml(
      reply,
      200,
      renderPage(
        <Layout settings={settings} language={lang} title={settings.name} description={settings.description} canonical={absoluteUrl(settings.baseUrl, `/${lang}/`)} alternates={[...alternates, { language: 'x-default', href: absoluteUrl(settings.baseUrl, '/') }]}>
          <Home articles={items} language={lang} timeZone={settings.timezone} />
        </Layout>,
      ),
    );
  });

  app.get<{ Params: { lang: string; slug: string } }>('/:lang/:slug', async (request, reply) => {
    const settings = await app.herald.settings();
    const { lang, slug } = request.params;
    if (!settings.languages.includes(lang)) return errorPage(request, reply, 404);
    const found = await findPublicArticle(database.db, lang, slug, settings.baseUrl);
    if (found.kind === 'moved') return reply.redirect(found.path, 301);
    if (found.kind === 'gone') return errorPage(request, reply, 410);
    if (found.kind === 'missing') return errorPage(request, reply, 404);
    const { article } = found;
    addCacheKeys(reply, [cacheKey.article(article.id), cacheKey.story(article.storyId)]);
    const versions = [article, ...article.translations];
    const alternates = versions.map((v) => ({ language: v.language, href: v.url }));
    return sendHtml(
      reply,
      200,
      renderPage(
        <Layout settings={settings} language={lang} title={`${article.seoTitle || article.title} · ${settings.name}`} description={article.seoDescription || article.excerpt} canonical={article.url} alternates={alternates}>
          <Story article={article} timeZone={settings.timezone} />
        </Layout>,
      ),
    );
  });
});
