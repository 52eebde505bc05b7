import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import cluster from 'node:cluster';
import type { IncomingHttpHeaders, OutgoingHttpHeaders, Server } from 'node:http';
import { cacheKeysOf } from '../http/cache-keys.js';
import { answerBeforeRouting } from '../core/before-routing.js';
import { withoutSourceMarks } from '../core/source-marks.js';
import { localBus, type InvalidationBus } from './bus.js';
import { boundedLifetime, etagOf, forbidsSharing, hitHeaders, sharedCacheHeaders, storableHeaders, writePage } from './cdn-headers.js';
import type { MomentGate } from '../content/moments.gate.js';
import { invalidateAfterCommit } from './invalidation.js';
import { ipcBus } from './ipc-bus.js';
import { PageStore, type CacheStats } from './page-store.js';
import { purgeHook } from './purge.js';
import { redisBus } from './redis-bus.js';
import { forgetSiteData } from './site-memo.js';

/** What the rest of the app (and the tests) can see of the page cache. */
export interface PageCache {
  enabled: boolean;
  store: PageStore;
  stats: CacheStats;
}

declare module 'fastify' {
  interface FastifyInstance {
    pageCache: PageCache;
  }
}

const TICKET = Symbol('pageCacheTicket');
type Ticketed = FastifyRequest & { [TICKET]?: number };

// A request that may get a personal page: signed in (a session cookie) or calling with a token.
// Such requests are neither answered from nor stored in the shared cache.
const PERSONAL_COOKIE = /(?:^|;\s*)(?:[^=;]*session[^=;]*|herald[^=;]*|sid)=/i;

export function isPersonal(headers: IncomingHttpHeaders): boolean {
  return headers.authorization !== undefined || (headers.cookie !== undefined && PERSONAL_COOKIE.test(headers.cookie));
}

function readsPage(method: string | undefined): boolean {
  return method === 'GET' || method === 'HEAD';
}

/**
 * Answers hits before Fastify sees the request: routing, hooks and the reply object cost more
 * than copying the stored bytes. Only listening servers take this path; `inject()` and every
 * miss go through the onRequest hook below, which does the same lookup.
 */
function installFastPath(server: Server, store: PageStore, moments: MomentGate): void {
  answerBeforeRouting(server, (req, res) => {
    // Past an embargo's or an expiry's moment, stories change first (the app's onRequest hook).
    if (!readsPage(req.method) || isPersonal(req.headers) || moments.due()) return false;
    const page = store.lookup(withoutSourceMarks(req.url ?? '/'), req.headers);
    if (!page) return false;
    store.stats.hits += 1;
    writePage(res, page, req.headers, req.method === 'HEAD', moments.secondsLeft());
    return true;
  });
}

/** Redis when configured; the cluster primary for workers on one machine; else this process alone. */
async function openBus(app: Parameters<FastifyPluginAsync>[0], store: PageStore): Promise<InvalidationBus> {
  const { config } = app.herald;
  // With the cache off the bus still carries site-wide invalidations to the other
  // processes: their remembered settings and sections (site-memo.ts) must go too.
  if (config.redisUrl) return redisBus({ url: config.redisUrl, prefix: config.cache.redisPrefix, store, log: app.log });
  if (cluster.isWorker) return ipcBus(store);
  return localBus(store);
}

/**
 * The page cache: public GET responses that declared what they show (addCacheKeys) are kept
 * in memory and replayed without touching the database; every committed write drops exactly
 * the pages showing what it changed, in every process, before the write answers.
 */
export const pageCache: FastifyPluginAsync = fp(async (app) => {
  const { config, database } = app.herald;
  const settings = config.cache;
  const enabled = settings.enabled;
  const store = new PageStore(settings.maxBytes);
  store.onDropAll = () => forgetSiteData(database.db);
  const bus = await openBus(app, store);
  const purge = settings.purgeUrl ? purgeHook(settings.purgeUrl, app.log) : null;
  app.decorate('pageCache', { enabled, store, stats: store.stats });
  app.addHook('onClose', async () => bus.close());

  // Cheap to reload, so any write here forgets them, whatever the bus says.
  database.hooks.afterCommit(() => forgetSiteData(database.db));
  // Awaited by the writer: the write's response waits until no process holds a stale page.
  invalidateAfterCommit(database, bus, purge, app.log);

  if (enabled) installFastPath(app.server, store, app.herald.moments);

  app.addHook('onRequest', async (request: Ticketed, reply) => {
    if (!enabled || !readsPage(request.method) || isPersonal(request.headers)) return;
    // A link's source mark (?ref=, utm_*) changes nothing on the page: one entry serves every source.
    const page = store.lookup(withoutSourceMarks(request.url), request.headers);
    if (page) {
      store.stats.hits += 1;
      reply.hijack();
      writePage(reply.raw, page, request.headers, request.method === 'HEAD', app.herald.moments.secondsLeft());
      return;
    }
    if (request.method === 'GET') {
      store.stats.misses += 1;
      request[TICKET] = store.begin();
    }
  });

  // No page (a 404 or 410 too) is kept by anyone past an embargo's or an expiry's moment.
  const boundLifetime = (reply: FastifyReply) => {
    const left = app.herald.moments.secondsLeft();
    const own = reply.getHeader('cache-control');
    if (left !== null && typeof own === 'string') reply.header('cache-control', boundedLifetime(own, left));
  };

  app.addHook('onSend', async (request: Ticketed, reply: FastifyReply, payload: unknown) => {
    const keys = cacheKeysOf(reply);
    if (keys.size === 0 || !readsPage(request.method)) return payload;
    if (reply.statusCode !== 200) {
      boundLifetime(reply);
      return payload;
    }
    const body = typeof payload === 'string' ? Buffer.from(payload) : Buffer.isBuffer(payload) ? payload : null;
    if (!body || reply.hasHeader('set-cookie') || forbidsSharing(reply.getHeader('cache-control'))) return payload;
    if (isPersonal(request.headers)) {
      // What a signed-in reader sees may be personal: no shared cache may keep it.
      reply.header('cache-control', 'private, no-cache');
      return body;
    }
    const keyList = [...keys];
    const own = reply.getHeader('etag');
    const etag = typeof own === 'string' ? own : etagOf(body);
    reply.headers(sharedCacheHeaders(settings, keyList, etag, reply.getHeaders() as OutgoingHttpHeaders));
    boundLifetime(reply);
    const ticket = request[TICKET];
    if (ticket !== undefined) {
      const headers = storableHeaders(reply.getHeaders() as OutgoingHttpHeaders);
      store.store(ticket, withoutSourceMarks(request.url), request.headers, {
        status: 200,
        headers,
        wireHeaders: hitHeaders(headers, body),
        body,
        etag,
        keys: keyList,
        storedAt: Date.now(),
      });
    }
    if (enabled) reply.header('x-cache', 'MISS');
    return body;
  });
});
