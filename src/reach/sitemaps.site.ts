import fp from 'fastify-plugin';
import type { FastifyPluginAsync } from 'fastify';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { sendConditional } from './conditional.js';
import { newsSitemap, robotsTxt, sitemapFile, sitemapIndex, SITEMAP_KINDS, type SitemapKind } from './sitemaps.service.js';

const FILE = new RegExp(`^(.+)-(${SITEMAP_KINDS.join('|')})-([1-9]\\d{0,5})\\.xml$`);
const NEWS_FILE = /^news-([1-9]\d{0,5})\.xml$/;

/** `/sitemap.xml`, `/sitemaps/{lang}-{kind}-{n}.xml`, `/news-sitemap.xml`, `/sitemaps/news-{n}.xml`, `/robots.txt`. */
export const sitemapRoutes: FastifyPluginAsync = fp(async (app) => {
  const { db } = app.herald.database;

  app.get('/sitemap.xml', async (request, reply) => {
    const document = await sitemapIndex(db, await app.herald.settings());
    addCacheKeys(reply, document.keys);
    return sendConditional(request, reply, document);
  });

  app.get('/news-sitemap.xml', async (request, reply) => {
    const document = await newsSitemap(db, await app.herald.settings(), null);
    if (!document) return reply.callNotFound();
    addCacheKeys(reply, document.keys);
    return sendConditional(request, reply, document);
  });

  app.get<{ Params: { file: string } }>('/sitemaps/:file', async (request, reply) => {
    const settings = await app.herald.settings();
    const { file } = request.params;
    const news = NEWS_FILE.exec(file);
    const match = FILE.exec(file);
    const document = news
      ? await newsSitemap(db, settings, Number(news[1]))
      : match
        ? await sitemapFile(db, settings, match[1], match[2] as SitemapKind, Number(match[3]))
        : null;
    if (!document) return reply.callNotFound();
    addCacheKeys(reply, document.keys);
    return sendConditional(request, reply, document);
  });

  app.get('/robots.txt', async (request, reply) => {
    addCacheKeys(reply, [cacheKey.settings]);
    return sendConditional(request, reply, { body: robotsTxt(await app.herald.settings()), contentType: 'text/plain; charset=utf-8', lastModified: null });
  });
});
