import fp from 'fastify-plugin';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { addCacheKeys } from '../http/cache-keys.js';
import { sendConditional } from './conditional.js';
import { buildFeed, FEED_FORMATS, type FeedFormat, type FeedScopeKind } from './feeds.service.js';

/**
 * Feed routes: `/{lang}/feed.xml|.atom|.json` for the whole language and
 * `/{lang}/{section|tag|author}/{slug}/feed.…` for one section, tag or author.
 */
export const feedRoutes: FastifyPluginAsync = fp(async (app) => {
  const { database, config } = app.herald;

  const serve = async (request: FastifyRequest, reply: FastifyReply, kind: FeedScopeKind, format: FeedFormat) => {
    const { lang, slug } = request.params as { lang: string; slug?: string };
    const settings = await app.herald.settings();
    if (!settings.languages.includes(lang)) return reply.callNotFound();
    const feed = await buildFeed(database.db, settings, { language: lang, kind, slug, format, content: config.feedContent });
    if (!feed) return reply.callNotFound();
    addCacheKeys(reply, feed.keys);
    return sendConditional(request, reply, feed);
  };

  for (const [format, file] of Object.entries(FEED_FORMATS) as Array<[FeedFormat, string]>) {
    app.get(`/:lang/${file}`, (request, reply) => serve(request, reply, 'site', format));
    for (const kind of ['section', 'tag', 'author'] as const) {
      app.get(`/:lang/${kind}/:slug/${file}`, (request, reply) => serve(request, reply, kind, format));
    }
  }
});
