import type { FastifyInstance } from 'fastify';
import { isId } from '../core/ids.js';
import { publishLiveWrites } from '../live/live.bus.js';
import { findLiveBlog, liveArticle, liveChangesSince } from '../live/live.service.js';
import { findPublicArticle } from '../content/articles.public.js';
import { cacheKey } from '../core/cache-keys.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { liveFeed, type LiveFeedFormat } from '../live/live.public.js';
import { sendConditional } from '../reach/conditional.js';
import { publicLiveBlog } from '../live/live.service.js';
import { entryPictures, entryUpdate, LiveAudience, sseFrame, stateUpdate } from './live-audience.js';
import { LiveConnectionLimits } from './live-limits.js';
import { sendErrorPage } from './site.shared.js';
import { networkOf } from '../comments/network.js';
import { AppError } from '../core/errors.js';

/** How long a reader turned away at the limits is told to wait; the page polls meanwhile. */
const RETRY_AFTER_S = 30;

/** A cursor a reader sent back: a date-time we wrote, or nothing. */
function cursorOf(value: unknown): string | null {
  return typeof value === 'string' && value.length <= 40 && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : null;
}

/**
 * Live blogs' updates for readers' browsers: `/live/:id/events` streams Server-Sent Events,
 * `/live/:id/updates?since=` answers the same changes as JSON for browsers that poll instead.
 * Neither is cached: the story page is, and every change purges it (live.service.ts announces).
 * Streams are capped per process and per network (HERALD_LIVE_MAX_CONNECTIONS…): beyond, 503
 * or 429 with Retry-After, and the page's script polls instead.
 */
export async function liveRoutes(app: FastifyInstance): Promise<void> {
  const { database } = app.herald;
  const bus = app.liveBus;
  publishLiveWrites(database.hooks, bus);
  const limits = new LiveConnectionLimits(app.herald.config.live);
  const audience = new LiveAudience(database.db, () => app.herald.settings(), app.log);
  bus.listen((change) => void audience.deliver(change));
  app.decorate('liveAudience', audience);
  // Before the server closes: it would otherwise wait for the open streams.
  app.addHook('preClose', async () => audience.close());

  const changes = async (articleId: number, cursor: string | null) => {
    const target = isId(articleId) ? await liveArticle(database.db, articleId) : null;
    if (!target) return null;
    const [blog, entries, { timezone, baseUrl }] = await Promise.all([
      findLiveBlog(database.db, target.storyId),
      cursor ? liveChangesSince(database.db, target.storyId, target.language, cursor) : Promise.resolve([]),
      app.herald.settings(),
    ]);
    // Oldest first: a reader applies them in the order they happened.
    const pictures = await entryPictures(database.db, entries, baseUrl);
    const updates = entries.reverse().map((entry) => entryUpdate(entry, pictures, target.language, timezone));
    return { target, state: stateUpdate(blog!), updates };
  };

  app.get<{ Params: { id: string }; Querystring: { since?: string } }>('/live/:id/events', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const network = networkOf(request.ip);
    const admission = limits.admit(network);
    if (admission !== 'admitted') {
      // An EventSource answered anything but 200 gives up, and the page polls (assets/live-blog.js).
      reply.header('retry-after', String(RETRY_AFTER_S));
      throw admission === 'process full'
        ? new AppError('UNAVAILABLE', 'This server holds as many live connections as it takes; poll the updates instead.')
        : new AppError('RATE_LIMITED', 'Your network holds as many live connections as one network may; poll the updates instead.');
    }
    let found: Awaited<ReturnType<typeof changes>>;
    try {
      // The browser's own resumption (after a dropped connection) wins over the page's cursor.
      const cursor = cursorOf(request.headers['last-event-id']) ?? cursorOf(request.query.since);
      found = await changes(Number(request.params.id), cursor);
    } catch (error) {
      limits.release(network);
      throw error;
    }
    if (!found) {
      limits.release(network);
      return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No live blog here.' } });
    }
    reply.raw.once('close', () => limits.release(network));
    reply.hijack();
    const stream = reply.raw;
    stream.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      // Proxies such as nginx would otherwise hold the events back in a buffer.
      'x-accel-buffering': 'no',
      connection: 'keep-alive',
    });
    stream.socket?.setNoDelay(true);
    let opening = 'retry: 3000\n\n' + sseFrame('state', found.state.updatedAt, found.state);
    for (const update of found.updates) opening += sseFrame('entry', update.updatedAt, update);
    stream.write(opening);
    audience.join(Number(request.params.id), found.target.storyId, found.target.language, stream);
  });

  app.get<{ Params: { id: string }; Querystring: { since?: string } }>('/live/:id/updates', async (request, reply) => {
    const found = await changes(Number(request.params.id), cursorOf(request.query.since));
    reply.header('cache-control', 'no-store');
    if (!found) return reply.status(404).send({ error: { code: 'NOT_FOUND', message: 'No live blog here.' } });
    return { state: found.state, updates: found.updates };
  });
}

const FEED_FILES: Record<string, LiveFeedFormat> = { 'feed.xml': 'rss', 'feed.atom': 'atom', 'feed.json': 'json' };

/** `/{lang}/{slug}/feed.xml|.atom|.json`: a live blog's entries as a feed, one item per entry, cached until the next change. */
export function liveFeedRoutes(app: FastifyInstance): void {
  const { database } = app.herald;
  for (const [file, format] of Object.entries(FEED_FILES)) {
    app.get<{ Params: { lang: string; slug: string } }>(`/:lang/:slug/${file}`, async (request, reply) => {
      const settings = await app.herald.settings();
      const { lang, slug } = request.params;
      const found = settings.languages.includes(lang) ? await findPublicArticle(database.db, lang, slug, settings.baseUrl) : null;
      const live = found?.kind === 'found' ? await publicLiveBlog(database.db, found.article.storyId, lang) : null;
      if (!live || found?.kind !== 'found') return sendErrorPage(request, reply, 404);
      const { article } = found;
      addCacheKeys(reply, [cacheKey.article(article.id), cacheKey.story(article.storyId)]);
      return sendConditional(request, reply, liveFeed(article, live.entries, settings.baseUrl, format, settings.publisherName || settings.name));
    });
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    liveAudience: LiveAudience;
  }
}
