import { randomUUID } from 'node:crypto';
import { openRedis } from '../core/redis.js';
import type { InvalidationBus } from './bus.js';
import type { Invalidation, PageStore } from './page-store.js';

const STARTUP_WAIT_MS = 5000;

interface Message {
  id: string;
  target: Invalidation;
}

interface Logger {
  warn(object: object, message: string): void;
}

export interface RedisBusOptions {
  url: string;
  /** Channel names start with it, so sites (and test runs) sharing a Redis stay apart. */
  prefix: string;
  store: PageStore;
  log: Logger;
  /** How long a write waits for every process to confirm before answering anyway. */
  ackTimeoutMs?: number;
}

/**
 * Invalidations through Redis pub/sub, with "publish, then wait": every process applies the
 * message and acknowledges it, and the writer waits for as many acknowledgements as PUBLISH
 * reported receivers. So when a write answers, no process still holds a page it changed.
 *
 * A process that may have missed a message (its subscriber connection is down or has not
 * subscribed yet) neither serves nor stores pages until it is subscribed again, and starts
 * that new life with an empty cache.
 */
export async function redisBus({ url, prefix, store, log, ackTimeoutMs = 2000 }: RedisBusOptions): Promise<InvalidationBus> {
  const channel = `${prefix}:cache:invalidate`;
  const ackChannel = `${prefix}:cache:ack`;
  // A process busy starting up (or rendering) may not see its socket connect for seconds; a
  // short connect timeout would drop the connection, and with it the whole cache, for nothing.
  const connectTimeout = 30_000;
  const publisher = await openRedis(url, log, 'the page cache', { lazyConnect: true, maxRetriesPerRequest: 2, connectTimeout });
  const subscriber = await openRedis(url, log, 'the page cache', {
    lazyConnect: true,
    connectTimeout,
    autoResubscribe: false,
    maxRetriesPerRequest: 2,
    connectionName: `${prefix}:cache-subscriber`,
  });
  const waiting = new Map<string, { needed: number; received: number; done: () => void }>();

  let firstSubscribed!: () => void;
  const subscribed = new Promise<void>((resolve) => (firstSubscribed = resolve));
  store.setUsable(false);
  subscriber.on('close', () => {
    if (store.usable) log.warn({}, 'redis: subscription lost; pages are served uncached until it is back');
    store.setUsable(false);
  });
  subscriber.on('ready', () => {
    // Subscribing again after a reconnect; only once both channels are live may pages be trusted.
    subscriber
      .subscribe(channel, ackChannel)
      .then(() => {
        store.setUsable(true);
        firstSubscribed();
      })
      .catch((error: unknown) => log.warn({ err: error }, 'redis: cannot subscribe'));
  });
  subscriber.on('message', (from: string, text: string) => {
    if (from === ackChannel) {
      const wait = waiting.get(text);
      if (wait && ++wait.received >= wait.needed) wait.done();
      return;
    }
    let message: Message;
    try {
      message = JSON.parse(text) as Message;
    } catch {
      // Not ours (or garbled): dropping everything is the only safe reading of it.
      store.invalidate({ all: true });
      return;
    }
    store.invalidate(message.target);
    publisher.publish(ackChannel, message.id).catch((error: unknown) => log.warn({ err: error }, 'redis: cannot acknowledge'));
  });

  // An unreachable Redis must not keep the site down: it starts answering from the database,
  // and the cache comes on once the subscription is live (ioredis keeps reconnecting).
  await Promise.all([publisher.connect(), subscriber.connect()]).catch((error: unknown) =>
    log.warn({ err: error }, 'redis: not reachable yet; pages are served uncached until it is'),
  );
  await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS).unref())]);

  return {
    async publish(target) {
      // Locally first: this process is right even if Redis is unreachable.
      store.invalidate(target);
      const id = randomUUID();
      let timer: NodeJS.Timeout | undefined;
      const acknowledged = new Promise<void>((resolve) => {
        waiting.set(id, { needed: Infinity, received: 0, done: resolve });
        timer = setTimeout(() => {
          log.warn({ id }, 'redis: not every process acknowledged a cache invalidation in time');
          resolve();
        }, ackTimeoutMs);
      });
      try {
        const receivers = await publisher.publish(channel, JSON.stringify({ id, target } satisfies Message));
        const wait = waiting.get(id)!;
        wait.needed = receivers;
        if (wait.received >= receivers) wait.done();
        await acknowledged;
      } catch (error) {
        log.warn({ err: error }, 'redis: cannot publish a cache invalidation');
      } finally {
        clearTimeout(timer);
        waiting.delete(id);
      }
    },
    async close() {
      subscriber.removeAllListeners('close');
      await Promise.allSettled([subscriber.quit(), publisher.quit()]);
    },
  };
}
