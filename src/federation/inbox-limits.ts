/**
 * How much one fediverse instance may post to the inboxes: `perMinute` activities a minute,
 * counted per instance (the host of the key its requests are signed with; an unsigned request
 * by its address), before anything is read or verified. Beyond that it is answered 429 with
 * Retry-After, which every server honours by retrying later. Several app processes count
 * together in Redis when there is one, as the other rate limits do.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../core/errors.js';
import { redisKey } from '../core/redis.js';

/** The instance that says it sends the request: the host of the key id in its signature (either form). */
export function sendingInstance(headers: FastifyRequest['headers'], ip: string): string {
  const signature = [headers.signature, headers['signature-input']].flat().filter(Boolean).join(' ');
  const keyId = /keyid="([^"]+)"/i.exec(signature)?.[1];
  const host = keyId && URL.canParse(keyId) ? new URL(keyId).host.toLowerCase() : '';
  return host ? `host:${host}` : `ip:${ip}`;
}

/** Counts every POST to the routes of `app` (the inboxes) against its sender's instance. */
export async function limitInboxes(app: FastifyInstance, perMinute: number): Promise<void> {
  const redis = await app.herald.redis();
  await app.register(rateLimit, {
    global: false,
    // A Redis outage must not close the inboxes: the signatures are still checked.
    skipOnError: true,
    ...(redis ? { redis, nameSpace: redisKey(app.herald.config.cache.redisPrefix, 'fediverse-inbox-') } : {}),
  });
  const count = app.createRateLimit({ max: perMinute, timeWindow: 60_000, keyGenerator: (request) => sendingInstance(request.headers, request.ip) });
  app.addHook('onRequest', async (request, reply) => {
    if (request.method !== 'POST') return;
    const counted = await count(request);
    if (counted.isAllowed || !counted.isExceeded) return;
    reply.header('retry-after', String(counted.ttlInSeconds));
    throw new AppError('RATE_LIMITED', `Too many activities from ${sendingInstance(request.headers, request.ip).replace(/^\w+:/, '')}; try again in ${counted.ttlInSeconds} seconds.`);
  });
}
