import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { openRedis } from '../core/redis.js';
import type { WriteHooks } from '../db/hooks.js';

/** What changed on a live blog: one entry (written, edited, pinned, translated, deleted), or the blog's state. */
export interface LiveChangeMessage {
  storyId: number;
  entryId: number | null;
}

type Listener = (change: LiveChangeMessage) => void;

/**
 * How a change on a live blog reaches the readers connected to every process. One process:
 * straight to its listeners. Several: Redis pub/sub, or the cluster primary when the workers
 * of one machine share no Redis. All three have the same shape, as the page cache's buses do
 * (src/cache/bus.ts). Delivery is best effort: a reader that missed a message catches up by
 * its cursor when it reconnects or polls.
 *
 * The same way goes word that a moment (an embargo, an expiry, a scheduled time) was set,
 * moved or cleared, so every process re-arms its next moment at once (content/moments.gate.ts)
 * rather than at its next re-check; that word goes to the other processes only.
 */
export interface LiveBus {
  publish(change: LiveChangeMessage): void;
  listen(listener: Listener): void;
  announceMoments(): void;
  onMoments(listener: () => void): void;
  close(): Promise<void>;
}

interface Logger {
  warn(object: object, message: string): void;
}

function listeners<T = LiveChangeMessage>() {
  const all = new Set<(message: T) => void>();
  return {
    add: (listener: (message: T) => void) => void all.add(listener),
    deliver: (message: T) => {
      for (const listener of all) listener(message);
    },
  };
}

/** One process: nobody else to tell of moments. */
export function localLiveBus(): LiveBus {
  const local = listeners();
  return { publish: local.deliver, listen: local.add, announceMoments: () => {}, onMoments: () => {}, close: async () => {} };
}

/** Redis pub/sub: every process hears every change, its own at once and the others' through the channel. */
export async function redisLiveBus(url: string, prefix: string, log: Logger): Promise<LiveBus> {
  const channel = `${prefix}:live`;
  const origin = randomUUID();
  const local = listeners();
  const moments = listeners<void>();
  const publisher = await openRedis(url, log, 'live blogs');
  const subscriber = await openRedis(url, log, 'live blogs', { connectionName: `${prefix}:live-subscriber` });
  subscriber.on('message', (_from: string, text: string) => {
    try {
      const message = JSON.parse(text) as (LiveChangeMessage | { moments: true }) & { origin: string };
      if (message.origin === origin) return;
      if ('moments' in message) moments.deliver();
      else local.deliver({ storyId: message.storyId, entryId: message.entryId });
    } catch {
      log.warn({ text }, 'live blogs: a message that is not ours on the channel');
    }
  });
  await subscriber.subscribe(channel).catch((error: unknown) => log.warn({ err: error }, 'live blogs: cannot subscribe; readers of other processes will catch up by polling'));
  return {
    publish(change) {
      // Here first: this process's readers need no round trip, and get it even when Redis is down.
      local.deliver(change);
      publisher.publish(channel, JSON.stringify({ ...change, origin })).catch((error: unknown) => log.warn({ err: error }, 'live blogs: cannot publish a change'));
    },
    listen: local.add,
    announceMoments() {
      publisher.publish(channel, JSON.stringify({ moments: true, origin })).catch((error: unknown) => log.warn({ err: error }, 'moments: cannot tell the other processes; they re-check on their own'));
    },
    onMoments: moments.add,
    async close() {
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}

type ClusterMessage = { herald: 'live'; change: LiveChangeMessage } | { herald: 'live'; moments: true };

function isLiveMessage(value: unknown): value is ClusterMessage {
  return typeof value === 'object' && value !== null && (value as { herald?: unknown }).herald === 'live';
}

/** A cluster worker's bus without Redis: the primary hands each change to the other workers (relayLiveChanges). */
export function ipcLiveBus(): LiveBus {
  const local = listeners();
  const moments = listeners<void>();
  const onMessage = (message: unknown) => {
    if (!isLiveMessage(message)) return;
    if ('moments' in message) moments.deliver();
    else local.deliver(message.change);
  };
  process.on('message', onMessage);
  return {
    publish(change) {
      local.deliver(change);
      process.send?.({ herald: 'live', change } satisfies ClusterMessage);
    },
    listen: local.add,
    announceMoments() {
      process.send?.({ herald: 'live', moments: true } satisfies ClusterMessage);
    },
    onMoments: moments.add,
    async close() {
      process.off('message', onMessage);
    },
  };
}

/** The primary's side of ipcLiveBus. */
export function relayLiveChanges(): void {
  cluster.on('message', (from, message: unknown) => {
    if (!isLiveMessage(message)) return;
    for (const worker of Object.values(cluster.workers ?? {})) if (worker && worker !== from && worker.isConnected()) worker.send(message);
  });
}

/** Publishes every committed live-blog write of `hooks` on `bus`. */
export function publishLiveWrites(hooks: WriteHooks, bus: LiveBus): void {
  hooks.afterCommit((event) => {
    if (event.storyId === undefined) return;
    if (event.entity === 'live-entry') bus.publish({ storyId: event.storyId, entryId: event.id });
    else if (event.entity === 'live-blog') bus.publish({ storyId: event.storyId, entryId: null });
  });
}

/** Redis when configured; the cluster primary for workers on one machine; else this process alone. */
export async function openLiveBus(config: { redisUrl: string | null | undefined; cache: { redisPrefix: string } }, log: Logger): Promise<LiveBus> {
  if (config.redisUrl) return redisLiveBus(config.redisUrl, config.cache.redisPrefix, log);
  if (cluster.isWorker) return ipcLiveBus();
  return localLiveBus();
}
