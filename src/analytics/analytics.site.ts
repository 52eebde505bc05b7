import type { IncomingMessage, OutgoingHttpHeaders, Server, ServerResponse } from 'node:http';
import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isPersonal } from '../cache/cache.plugin.js';
import { answerBeforeRouting } from '../core/before-routing.js';
import { clientAddress, proxyTrust, type ProxyTrust } from '../core/client-address.js';
import { AppError, errorBody, invalid } from '../core/errors.js';
import { redisKey } from '../core/redis.js';
import { SESSION_COOKIE } from '../people/sessions.plugin.js';
import { BEACON_PATH, beaconFromText, MAX_BEACON_BYTES, parseBeacon, PIXEL_PATH } from './beacon.js';
import { beaconIntake, retryAfterOf, type BeaconSender } from './beacon-intake.js';
import { CountedPages } from './counted-pages.js';
import { loadCountries } from './countries.js';
import { ViewRecorder } from './recorder.js';
import { visitorSalts } from './visitor-salt.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The views this process counted and has yet to write (tests and the bench flush it). */
    analytics: ViewRecorder;
  }
}

// Bodies past the limit are not read on: a 400 naming the body, as for any malformed beacon.
const BODY_LIMIT = 16 * MAX_BEACON_BYTES;
const TOO_LONG = invalid([{ field: 'body', message: `must be at most ${MAX_BEACON_BYTES} bytes` }]);
const UNREADABLE = invalid([{ field: 'body', message: 'must be a JSON object sent as text/plain or application/json' }]);
const BEACON_TYPE = /^(?:text\/plain|application\/json)\s*(?:;|$)/i;

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

  const intake = beaconIntake({
    database,
    recorder,
    pages,
    site: () => app.herald.settings(),
    now: () => app.herald.now(),
    ratePerMinute: config.analytics.ratePerMinute,
  });
  installFastPath(app.server, intake, proxyTrust(config.trustProxy), (error) => app.log.error({ err: error }, 'counting a beacon failed'));
  const senderOf = (request: FastifyRequest): BeaconSender => ({ ip: request.ip, headers: request.headers, sessionToken: request.cookies?.[SESSION_COOKIE] });

  await app.register(async (routes) => {
    routes.addHook('onRequest', async (request, reply) => {
      reply.header('cache-control', 'no-store');
      await intake.admit(request.ip);
    });
    routes.setErrorHandler((error: FastifyError, _request, reply) => {
      const retryAfter = retryAfterOf(error);
      if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') throw TOO_LONG;
      // Bodies Fastify could not read (bad JSON, an unknown content type, none at all).
      if (error.code?.startsWith('FST_ERR_CTP_')) throw UNREADABLE;
      throw error;
    });

    routes.post(BEACON_PATH, { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      const text = typeof request.body === 'string' ? request.body : JSON.stringify(request.body ?? null);
      await intake.record(beaconFromText(text), senderOf(request));
      return reply.status(204).send();
    });

    // Readers without JavaScript: an <img> in <noscript>, the same on every reader's copy of a
    // cached page. It knows no referrer (the browser sends the page's own address).
    routes.get(PIXEL_PATH, async (request, reply) => {
      const query = { ...(request.query as Record<string, unknown>) };
      await intake.record({ ...parseBeacon(query), event: 'view', referrer: '' }, senderOf(request));
      return reply.type('image/gif').send(PIXEL);
    });
  });
});

/** A beacon's body as text: refused when it is of another type or longer than the limit. */
function readBody(request: IncomingMessage): Promise<string> {
  if (!BEACON_TYPE.test(request.headers['content-type'] ?? '')) return Promise.reject(UNREADABLE);
  if (Number(request.headers['content-length'] ?? 0) > BODY_LIMIT) return Promise.reject(TOO_LONG);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    request.on('data', (chunk: Buffer) => {
      length += chunk.length;
      if (length > BODY_LIMIT) reject(TOO_LONG);
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}

async function answerBeacon(request: IncomingMessage, response: ServerResponse, intake: ReturnType<typeof beaconIntake>, trust: ProxyTrust): Promise<void> {
  try {
    const ip = clientAddress(request, trust);
    await intake.admit(ip);
    const text = await readBody(request);
    await intake.record(beaconFromText(text), { ip, headers: request.headers });
    response.writeHead(204, { 'cache-control': 'no-store' });
    response.end();
  } catch (error) {
    const refusal = error instanceof AppError ? error : new AppError('INTERNAL');
    const retryAfter = retryAfterOf(refusal);
    // A body left unread is not waited for: the connection closes after the answer.
    if (!request.readableEnded) response.shouldKeepAlive = false;
    const headers: OutgoingHttpHeaders = { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' };
    if (retryAfter !== undefined) headers['retry-after'] = String(retryAfter);
    response.writeHead(refusal.status, headers);
    response.end(JSON.stringify(errorBody(refusal)));
    if (!(error instanceof AppError)) throw error;
  }
}

/**
 * Takes beacons before Fastify sees them, as the page cache takes hits (cache.plugin.ts): a beacon
 * is one of the most frequent requests a site gets, and routing, hooks and the reply object cost
 * more than counting it. Requests that may come from a signed-in person (a session cookie) go
 * through Fastify's route, which reads cookies; so do `inject()`'s requests.
 */
function installFastPath(server: Server, intake: ReturnType<typeof beaconIntake>, trust: ProxyTrust, log: (error: unknown) => void): void {
  answerBeforeRouting(server, (request, response) => {
    if (request.method !== 'POST' || request.url !== BEACON_PATH || isPersonal(request.headers)) return false;
    answerBeacon(request, response, intake, trust).catch(log);
    return true;
  });
}
