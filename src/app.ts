import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import cookie from '@fastify/cookie';
import { adminSite } from './admin/admin.site.js';
import { pageCache } from './cache/cache.plugin.js';
import { adminApi } from './http/admin-api.js';
import { sessions, sessionAuthenticator } from './people/sessions.plugin.js';
import { signInAdminApi } from './people/sign-in.admin-api.js';
import { createContext } from './http/context.js';
import { registerErrorHandler } from './http/error-handler.js';
import { schemaCompiler } from './http/validation.js';
import { frameworkErrors, registerInputGuard } from './http/input-guard.js';
import { AppError, errorBody } from './core/errors.js';
import { mediaFiles } from './media/media.site.js';
import { reach } from './reach/reach.plugin.js';
import { searchSite } from './search/search.site.js';
import { contentApi } from './http/content-api.js';
import { site } from './site/site.plugin.js';
import { analyticsSite } from './analytics/analytics.site.js';
import { commentsSite } from './comments/comments.site.js';
import { membersSite } from './members/members.site.js';
import { installSearchIndexing } from './search/search.service.js';
import { installWebhookQueue } from './reach/webhooks.service.js';
import { installPlannedSends } from './newsletters/planned-sends.js';
import { createFediverse, type Fediverse } from './federation/fediverse.js';
import { installFederationOutbox } from './federation/outbox.js';
import { installReplyOutbox } from './federation/replies.outbox.js';
import { federationSite } from './federation/federation.site.js';
import { PUBLISHER_LOGO_PATH } from './site/site-images.js';
import { openLiveBus, type LiveBus } from './live/live.bus.js';
import { shareMoments } from './content/moments.gate.js';
import { proxyTrust } from './core/client-address.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** ActivityPub (src/federation/): the Fedify federation, its routes' context and its workers' waker. */
    fediverse: Fediverse;
    /** How this process hears of other processes' live-blog changes and moments (src/live/live.bus.ts). */
    liveBus: LiveBus;
  }
}

export interface AppOptions {
  config: Config;
  database: Database;
  /** Pino logger settings; tests pass false. */
  logger?: boolean | object;
  /** The time in milliseconds (Date.now unless a test moves it). */
  clock?: () => number;
}

/** Builds the whole HTTP surface without listening: tests inject requests into it. */
export async function buildApp({ config, database, logger, clock }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    // Paths whose percent-encodings are not UTF-8: the site's 404 page or a 400 (http/input-guard.ts).
    frameworkErrors,
    // One reading of HERALD_TRUST_PROXY for Fastify and for the paths that answer before it.
    trustProxy: proxyTrust(config.trustProxy),
  });
  // Bodies validated as sent, query strings and path parameters coerced (http/validation.ts).
  app.setValidatorCompiler(schemaCompiler());
  app.decorate('herald', createContext(config, database, app.log, clock));
  app.addHook('onClose', () => app.herald.close());
  // Between this process and the others: live blogs' changes, and moments set (Redis, the cluster primary, or none).
  const bus = await openLiveBus(config, app.log);
  app.decorate('liveBus', bus);
  app.addHook('onClose', () => bus.close());
  shareMoments(app.herald.moments, bus, (error) => app.log.warn({ err: error }, 'moments: cannot read the next one told by another process'));
  // The search index is written inside every article write made through this database.
  installSearchIndexing(database);
  installWebhookQueue(database, config.baseUrl);
  // A scheduled story goes to its planned newsletters when it is published.
  installPlannedSends(database);
  // Stories going out to the fediverse are queued inside the writes that publish, edit or withdraw them.
  installFederationOutbox(database, config.baseUrl);
  app.decorate('fediverse', createFediverse({ database, config, settings: () => app.herald.settings(), iconPath: PUBLISHER_LOGO_PATH }));
  // Comments answering replies from the fediverse go back to their repliers once published.
  installReplyOutbox(database, app.fediverse);
  app.decorateRequest('actor', null);
  registerErrorHandler(app);
  // First of all hooks: no control character or bad encoding reaches the cache, a route or the database.
  registerInputGuard(app);
  // Cookies are parsed once for everyone: admin sessions (src/people/sessions.*) read them.
  await app.register(cookie);
  // Once an embargo lifts or an expiry comes, the stories change before anything is answered
  // (the page cache's fast path lets such requests through: content/moments.gate.ts).
  app.addHook('onRequest', async () => {
    if (app.herald.moments.due()) await app.herald.moments.catchUp();
  });
  // Before every route, so its hooks see them all: hits are answered before any route runs.
  await app.register(pageCache);

  app.get('/healthz', async (_request, reply) => {
    try {
      await database.db.selectFrom('settings').select('key').limit(1).execute();
      return { status: 'ok', engine: database.capabilities.engine };
    } catch {
      return reply.status(503).send({ status: 'unavailable' });
    }
  });

  await app.register(sessions);
  await app.register(adminApi, { prefix: '/api/admin/v1', authenticators: [sessionAuthenticator] });
  await app.register(signInAdminApi, { prefix: '/api/admin/v1' });
  await app.register(async (api) => {
    api.setNotFoundHandler((request, reply) => {
      reply.status(404).send(errorBody(new AppError('NOT_FOUND', `No API route ${request.method} ${request.url}.`)));
    });
  }, { prefix: '/api' });
  await app.register(mediaFiles);
  await app.register(reach);
  await app.register(federationSite, { federation: app.fediverse.federation, data: app.fediverse.data, inboxRatePerMinute: config.federation.inboxRatePerMinute });
  await app.register(searchSite);
  await app.register(contentApi, { prefix: '/api/content/v1' });
  await app.register(adminSite);
  // Before the site: its hook loads a story's comments ahead of the story route's render.
  await app.register(commentsSite);
  // Before the site too: its hook loads the subscribe form's newsletters for story and home pages.
  await app.register(membersSite);
  // Before the site: its pages carry the beacon this plugin answers.
  await app.register(analyticsSite);
  await app.register(site);
  return app;
}
