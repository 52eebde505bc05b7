import cluster, { type Worker } from 'node:cluster';
import { randomUUID } from 'node:crypto';
import type { InvalidationBus } from './bus.js';
import type { Invalidation, PageStore } from './page-store.js';

// Messages between cluster workers and their primary (HERALD_WORKERS=N without Redis).
type Message =
  | { herald: 'invalidate'; id: string; target: Invalidation }
  | { herald: 'applied'; id: string }
  | { herald: 'done'; id: string };

const ACK_TIMEOUT_MS = 2000;

function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && 'herald' in value;
}

/**
 * A cluster worker's bus: the invalidation goes to the primary, which hands it to every other
 * worker and answers once they have all applied it, so a write answers only when no worker
 * holds a page it changed (the same guarantee as the Redis bus, for one machine).
 */
export function ipcBus(store: PageStore): InvalidationBus {
  const waiting = new Map<string, () => void>();
  const onMessage = (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.herald === 'invalidate') {
      store.invalidate(message.target);
      process.send?.({ herald: 'applied', id: message.id } satisfies Message);
    } else if (message.herald === 'done') waiting.get(message.id)?.();
  };
  process.on('message', onMessage);
  return {
    async publish(target) {
      store.invalidate(target);
      const id = randomUUID();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, ACK_TIMEOUT_MS);
        waiting.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
        process.send?.({ herald: 'invalidate', id, target } satisfies Message);
      });
      waiting.delete(id);
    },
    async close() {
      process.off('message', onMessage);
    },
  };
}

/** The primary's side: relays each worker's invalidation to the others and reports when all applied it. */
export function relayInvalidations(): void {
  const pending = new Map<string, { origin: Worker; left: Set<number> }>();
  const settle = (id: string) => {
    const entry = pending.get(id);
    if (!entry || entry.left.size > 0) return;
    pending.delete(id);
    if (entry.origin.isConnected()) entry.origin.send({ herald: 'done', id } satisfies Message);
  };
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage(message)) return;
    if (message.herald === 'invalidate') {
      const others = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w && w !== worker && w.isConnected());
      pending.set(message.id, { origin: worker, left: new Set(others.map((w) => w.id)) });
      for (const other of others) other.send(message);
      settle(message.id);
    } else if (message.herald === 'applied') {
      pending.get(message.id)?.left.delete(worker.id);
      settle(message.id);
    }
  });
  // A worker that dies will never answer; nobody should wait for it.
  cluster.on('exit', (worker) => {
    for (const [id, entry] of pending) {
      entry.left.delete(worker.id);
      settle(id);
    }
  });
}
