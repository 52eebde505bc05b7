import type { FastifyRequest } from 'fastify';

/**
 * Whether the browser says another site sent this request (Fetch Metadata, sent by every
 * current browser). For forms that need no session, such as a one-time sign-in link, it is
 * the only way to tell that a page elsewhere submitted them. A request without the header
 * (an older browser, a script) is not refused: the one-time secret still protects it.
 */
export function sentByAnotherSite(request: FastifyRequest): boolean {
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}
