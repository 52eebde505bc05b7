import type { Invalidation, PageStore } from './page-store.js';

/**
 * How an invalidation reaches every process serving pages. One process: the store itself.
 * Several: Redis pub/sub (redis-bus.ts). Like the rate-limit plugin's LocalStore/RedisStore,
 * both have the same shape and the plugin picks one.
 */
export interface InvalidationBus {
  /** Applies the invalidation in every process; resolves once they all have (or timed out). */
  publish(target: Invalidation): Promise<void>;
  close(): Promise<void>;
}

export function localBus(store: PageStore): InvalidationBus {
  return {
    async publish(target) {
      store.invalidate(target);
    },
    async close() {},
  };
}
