import type { FastifyRequest } from 'fastify';
import type { CommentsPageData } from './reader.service.js';

/**
 * The story page is rendered by the site's route in one synchronous JSX pass; the comments are
 * loaded by a preHandler of the comments plugin and kept here for the request, where the
 * CommentsSlot finds them, so the site's route and the slot's contract stay as they are.
 * (An AsyncLocalStorage did this before: it made every promise of every request slower.)
 */
const loaded = new WeakMap<FastifyRequest, CommentsPageData>();

export function keepCommentsPageData(request: FastifyRequest, data: CommentsPageData): void {
  loaded.set(request, data);
}

export function commentsPageData(request: FastifyRequest | null, articleId: number): CommentsPageData | undefined {
  const data = request ? loaded.get(request) : undefined;
  return data?.view.articleId === articleId ? data : undefined;
}
