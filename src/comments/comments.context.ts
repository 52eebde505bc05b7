import { AsyncLocalStorage } from 'node:async_hooks';
import type { ThreadView } from './comments.service.js';

/** What the comment section of a story page needs, loaded before the (synchronous) render. */
export interface CommentsPageData {
  view: ThreadView;
  /** Signed form token: article, time the form was served, nonce. */
  token: string;
  /** The reader's own comments awaiting moderation (from the signed cookie). */
  ownPending: number[];
}

/**
 * The story page is rendered by the site's route in one synchronous JSX pass; the comments are
 * loaded by a preHandler of the comments plugin and reach the CommentsSlot through this
 * request-scoped store, so the site's route and the slot's contract stay as they are.
 */
export const commentsStorage = new AsyncLocalStorage<Map<number, CommentsPageData>>();

export function commentsPageData(articleId: number): CommentsPageData | undefined {
  return commentsStorage.getStore()?.get(articleId);
}
