import type { FastifyReply } from 'fastify';
import { cacheKey } from '../core/cache-keys.js';

/** Responses are tagged with the names (core/cache-keys.ts) of what they show. */
const KEYS = Symbol('cacheKeys');

type Tagged = FastifyReply & { [KEYS]?: Set<string> };

export function addCacheKeys(reply: FastifyReply, keys: Iterable<string>): void {
  const tagged = reply as Tagged;
  tagged[KEYS] ??= new Set([cacheKey.settings]);
  for (const key of keys) tagged[KEYS].add(key);
}

/** The keys a response declared; empty for a response that must not be cached. */
export function cacheKeysOf(reply: FastifyReply): Set<string> {
  return (reply as Tagged)[KEYS] ?? new Set();
}
