import rateLimit from '@fastify/rate-limit';
import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { networkOf, normalizeIp } from '../comments/network.js';
import { AppError, invalid } from '../core/errors.js';
import { redisKey } from '../core/redis.js';
import { findSession } from '../people/sessions.service.js';
import { SESSION_COOKIE } from '../people/sessions.plugin.js';
import { BEACON_PATH, beaconFromText, MAX_BEACON_BYTES, parseBeacon, PIXEL_PATH, type Beacon } from './beacon.js';
import { CountedPages } from './counted-pages.js';
import { countryOf, loadCountries } from './countries.js';
import { declinesTracking, deviceOf, isAutomated, isPrefetch, userAgentOf } from './reader-signals.js';
import { ViewRecorder } from './recorder.js';
import { visitorSalts } from './visitor-salt.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The views this process counted and has yet to write (tests and the bench flush it). */
    analytics: ViewRecorder;
  }
}

// The smallest transparent GIF: what the no-script fallback's <img> receives.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The beacon's endpoint: checks what a page reports, counts it in memory and answers 204; the
 * counts are written every HERALD_ANALYTICS_FLUSH_MS and when the server stops. Bots, pages
 * fetched ahead (prefetch), the site's signed-in people and previews (which load no beacon) count
 * nothing; a reader sending GPC or DNT counts as a view but is not recognised as a visitor.
 */
export const analyticsSite = fp(async (app) => {
  const { config, database } = app.herald;
  const recorder = new ViewRecorder(database.db, visitorSalts(await app.herald.redis(), redisKey(config.cache.redisPrefix, 'analytics:')));
  const pages = new CountedPages(database.db, () => app.herald.now());
  pages.listen(database);
  loadCountries();
  app.decorate('analytics', recorder);
  const flush = () => recorder.flush().catch((error: unknown) => app.log.error({ err: error }, 'writing the analytics counts failed'));
  const timer = setInterval(flush, config.analytics.flushMs);
  timer.unref();
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await flush();
  });

  /** The beacon's claims checked against what is stored: a published article in that language and of that kind. */
  async function checked(beacon: Beacon, languages: string[]): Promise<Beacon> {
    if (beacon.article === 0) {
      if (!languages.includes(beacon.language)) throw invalid([{ field: 'language', message: `must be one of the site's languages (${languages.join(', ')})` }]);
      return beacon;
    }
    const article = await pages.article(beacon.article);
    if (!article) throw invalid([{ field: 'article', message: 'names no published story or page' }]);
    if (article.language !== beacon.language) throw invalid([{ field: 'language', message: `must be the article's language (${article.language})` }]);
    if (article.kind !== beacon.kind) throw invalid([{ field: 'kind', message: `must be the article's kind (${article.kind})` }]);
    return beacon;
  }

  /** Nothing counts from robots, prefetches and the site's own people (a valid admin session cookie). */
  async function countsNothing(request: FastifyRequest): Promise<boolean> {
    if (isAutomated(userAgentOf(request.headers)) || isPrefetch(request.headers)) return true;
    const token = request.cookies?.[SESSION_COOKIE];
    return !!token && (await findSession(database.db, token)) !== null;
  }

  async function count(request: FastifyRequest, beacon: Beacon): Promise<void> {
    if (await countsNothing(request)) return;
    const ownHost = request.headers.host?.toLowerCase();
    const userAgent = userAgentOf(request.headers);
    await recorder.count({
      // Moving from page to page of the site is no referral.
      beacon: beacon.referrer === ownHost ? { ...beacon, referrer: '' } : beacon,
      device: deviceOf(userAgent),
      // request.ip is the forwarded client's only behind a proxy HERALD_TRUST_PROXY names.
      country: countryOf(request.ip),
      reader: declinesTracking(request.headers) ? null : { ip: normalizeIp(request.ip), userAgent },
      at: app.herald.now(),
    });
  }

  await app.register(async (routes) => {
    // Counted in this process's memory even with Redis: a beacon must not wait for a round trip.
    await routes.register(rateLimit, { global: false });
    const perNetwork = routes.rateLimit({ max: config.analytics.ratePerMinute, timeWindow: 60_000, keyGenerator: (request) => networkOf(request.ip) });
    routes.addHook('onRequest', async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      if (!(await app.herald.settings()).analytics) throw new AppError('NOT_FOUND', 'Analytics are switched off on this site.');
    });
    // An oversized body is refused like any other malformed beacon: a 400 naming it.
    routes.setErrorHandler((error: FastifyError) => {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw invalid([{ field: 'body', message: `must be at most ${MAX_BEACON_BYTES} bytes` }]);
      // Bodies Fastify could not read (bad JSON, an unknown content type, none at all).
      if (error.code?.startsWith('FST_ERR_CTP_')) throw invalid([{ field: 'body', message: 'must be a JSON object sent as text/plain or application/json' }]);
      throw error;
    });

    routes.post(BEACON_PATH, { onRequest: [perNetwork], bodyLimit: 16 * MAX_BEACON_BYTES }, async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
      const beacon = await checked(beaconFromText(text), (await app.herald.settings()).languages);
      await count(request, beacon);
      return reply.status(204).send();
    });

    // Readers without JavaScript: an <img> in <noscript>, the same on every reader's copy of a
    // cached page. It knows no referrer (the browser sends the page's own address).
    routes.get(PIXEL_PATH, { onRequest: [perNetwork] }, async (request, reply) => {
      const query = { ...(request.query as Record<string, unknown>) };
      const beacon = await checked(parseBeacon(query), (await app.herald.settings()).languages);
      await count(request, { ...beacon, event: 'view', referrer: '' });
      return reply.type('image/gif').send(PIXEL);
    });
  });
});
