import cluster from 'node:cluster';
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app.js';
import { describeBuild } from './build-info.js';
import type { Config } from './config.js';
import { openDatabase, type Database } from './db/database.js';
import { prepareDatabase } from './prepare.js';
import { DEFAULT_WORKER_OPTIONS, startWebhookWorker } from './reach/webhooks.worker.js';
import { startSyndicationPoller } from './syndication/feeds.poller.js';
import { loadDemoIfEmpty } from './demo/demo.js';
import { firstAdministratorLink } from './people/setup.js';
import { DEFAULT_DELIVERY_OPTIONS, startFederationDelivery } from './federation/delivery.js';
import { startAnalyticsRollUp } from './analytics/rollup.worker.js';
import { BUILT_HERALD, pokeDeliveryThroughPrimary, superviseDelivery, type HeraldCommand } from './newsletters/delivery-process.js';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  url: string;
  stop(): Promise<void>;
}

// Stories go out and expire at their moment (content/moments.gate.ts); this often the gate also
// looks for moments set through another process.
const SCHEDULER_INTERVAL_MS = 15_000;

/**
 * Opens the database, migrates, loads the demo on an empty site, listens and runs the scheduler.
 * `options.herald` is how to start Herald's CLI again, for the newsletter delivery process.
 */
export async function startServer(config: Config, options: { clock?: () => number; herald?: HeraldCommand } = {}): Promise<RunningServer> {
  const database = openDatabase(config);
  // Stories the search index lacks (emptied by a migration, or written around the service: a
  // restore, a bulk seed) become searchable before the first request.
  const { indexed } = await prepareDatabase(database);
  // `clock`: tests move the time embargoes and expiries are measured against.
  const app = await buildApp({ config, database, clock: options.clock });
  if (indexed) app.log.info(`indexed ${indexed} stories that were missing from the search index`);
  if (config.demoOnEmpty) {
    const loaded = await loadDemoIfEmpty(database, config);
    if (loaded) app.log.info(`loaded the demo content: ${loaded} stories`);
  }
  await app.herald.moments.catchUp();
  app.herald.moments.start(SCHEDULER_INTERVAL_MS);
  // Webhook deliveries wait in a table; this loop sends them, and a write wakes it at once.
  const webhooks = startWebhookWorker(database, {
    ...DEFAULT_WORKER_OPTIONS,
    outboundAllow: config.outboundAllow,
    pollMs: config.webhookPollMs,
    retryBaseMs: config.webhookRetryBaseMs,
    onError: (error) => app.log.error({ err: error }, 'webhook deliveries failed'),
  });
  database.hooks.afterCommit((event) => {
    if (event.entity === 'article') webhooks.poke();
  });
  // Fediverse deliveries too: publishing queues them, this loop sends them (src/federation/).
  const { federation, data: federationData } = app.fediverse;
  const fediverse = startFederationDelivery(federation, federationData, {
    ...DEFAULT_DELIVERY_OPTIONS,
    retryBaseMs: config.federation.retryBaseMs,
    pollMs: config.federation.pollMs,
    onError: (error) => app.log.error({ err: error }, 'fediverse deliveries failed'),
  });
  app.fediverse.onQueued(fediverse.poke);
  database.hooks.afterCommit((event) => {
    if (event.entity === 'article') fediverse.poke();
  });
  // Inbox activities whose signature checked out wait in a table; Fedify's worker handles them.
  const inboxQueue = new AbortController();
  void federation.startQueue(federationData, { signal: inboxQueue.signal }).catch((error: unknown) => app.log.error({ err: error }, 'fediverse inbox queue stopped'));
  // Newsletter recipients wait in a table too, sent by a process of their own (the cluster's
  // primary starts it for all workers); without HERALD_SMTP_URL they wait (the admin says why).
  const newsletters = cluster.isWorker
    ? { stop: pokeDeliveryThroughPrimary() }
    : superviseDelivery(config, options.herald ?? BUILT_HERALD, (message) => app.log.error(message));
  // Followed partner feeds, each polled on its own schedule (leased, so one process polls it).
  const feeds = startSyndicationPoller(
    database,
    async () => (await app.herald.settings()).baseUrl,
    config.outboundAllow,
    60_000,
    (error) => app.log.error({ err: error }, 'feed polling failed'),
  );
  // Analytics minute rows become hours after two days, hours days after 90.
  const rollUp = startAnalyticsRollUp(database, (error) => app.log.error({ err: error }, 'rolling up the analytics failed'));
  const address = await app.listen({ port: config.port, host: config.host });
  app.log.info(`running ${describeBuild()}`);
  // With HERALD_WORKERS, the first worker alone makes and prints it: one link for the person
  // starting the server, not one per worker.
  const announces = !cluster.isWorker || cluster.worker?.id === 1;
  const setupLink = announces ? await firstAdministratorLink(database.db, config.baseUrl ?? address) : null;
  if (setupLink) {
    app.log.warn(`nobody can sign in yet: open ${setupLink} to become the first administrator (valid 24 hours)`);
    // The log record is JSON for machines; the person starting the server looks for a line to
    // copy. A server told to log nothing (HERALD_LOG_LEVEL=silent, as tests run it) prints nothing.
    if (config.logLevel !== 'silent') console.log(`Set-up link: ${setupLink}`);
  }
  return {
    app,
    database,
    url: address,
    async stop() {
      app.herald.moments.stop();
      feeds.stop();
      rollUp.stop();
      await webhooks.stop();
      inboxQueue.abort();
      await fediverse.stop();
      await newsletters?.stop();
      await app.close();
      await database.close();
    },
  };
}
