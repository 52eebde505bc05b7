/**
 * The one place Herald builds Redis clients (ioredis, loaded only when REDIS_URL is set, so a
 * single process never carries it in memory). The rate limits of every route share one client
 * (see http/context.ts); the cache bus opens its publisher and subscriber here too, since a
 * subscribed connection can do nothing else.
 */
import type { Redis, RedisOptions } from 'ioredis';

interface Logger {
  warn(object: object, message: string): void;
}

export type { Redis };

export async function openRedis(url: string, log: Logger, purpose: string, options: RedisOptions = {}): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const client = new Redis(url, { connectTimeout: 2000, maxRetriesPerRequest: 1, ...options });
  client.on('error', (error: Error) => log.warn({ err: error }, `Redis for ${purpose} is unavailable`));
  return client;
}

/** The name of a key or channel of this site: every one starts with HERALD_REDIS_PREFIX. */
export function redisKey(prefix: string, name: string): string {
  return `${prefix}-${name}`;
}
