import type { FastifyReply, FastifyRequest } from 'fastify';
import { sendConditional } from '../reach/conditional.js';
import { addCacheKeys } from './cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';

/**
 * A Content API answer: JSON with the cache keys of what it shows, an ETag and, when known,
 * Last-Modified, so apps polling the API get 304s for free.
 */
export function sendContent(
  request: FastifyRequest,
  reply: FastifyReply,
  body: unknown,
  keys: string[],
  lastModified: Date | null = null,
) {
  // A cached answer is replayed without checking the key again: revoking one drops them all.
  addCacheKeys(reply, [...keys, cacheKey.contentApi]);
  return sendConditional(request, reply, { body: JSON.stringify(body), contentType: 'application/json; charset=utf-8', lastModified });
}
