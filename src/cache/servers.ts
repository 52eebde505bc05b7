import type { Config } from '../config.js';
import type { Store } from '../db/hooks.js';
import type { InvalidationBus } from './bus.js';
import { invalidateAfterCommit } from './invalidation.js';
import { PageStore } from './page-store.js';
import { purgeHook } from './purge.js';
import { redisBus } from './redis-bus.js';

interface Log {
  warn(object: object, message: string): void;
}

/**
 * A process that serves no pages (the command line) still changes what the servers' pages
 * show: an import, the demo, a followed feed, a revoked key. Its writes reach their page caches
 * through Redis as the servers' own writes do, and the CDN through the purge hook. A lone
 * server without Redis cannot hear them: it keeps those pages until a write of its own drops
 * them or it restarts. Redis is reached with the first write, so a command that writes nothing
 * never connects. Returns how to close the connection.
 */
export function invalidateServersAfterCommit(config: Config, store: Store, log: Log): () => Promise<void> {
  const purge = config.cache.purgeUrl ? purgeHook(config.cache.purgeUrl, log) : null;
  const { redisUrl } = config;
  let opened: Promise<InvalidationBus> | undefined;
  const bus: InvalidationBus | null = redisUrl
    ? {
        publish: async (target) => (await (opened ??= redisBus({ url: redisUrl, prefix: config.cache.redisPrefix, store: new PageStore(0), log }))).publish(target),
        close: async () => (await opened)?.close(),
      }
    : null;
  if (bus || purge) invalidateAfterCommit(store, bus, purge, log);
  return async () => bus?.close();
}
