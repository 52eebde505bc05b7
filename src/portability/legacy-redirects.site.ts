import type { FastifyReply, FastifyRequest } from 'fastify';
import { isSitePath } from '../core/site-path.js';
import { findLegacyRedirect } from './legacy-redirects.js';

/**
 * Answers 301 when the request is an old address of imported content; the site calls this
 * before answering 404 (and on `/` with a query, for WordPress's `/?p=12`). Declares no cache
 * keys, so the page cache never keeps the redirect past a change of the story's address.
 */
export async function redirectLegacy(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const target = await findLegacyRedirect(request.server.herald.database.db, request.url);
  if (!target || !isSitePath(target)) return false;
  reply.header('cache-control', 'public, max-age=3600').redirect(target, 301);
  return true;
}
