/**
 * One action on several stories at once (the stories list's bulk bar). Each story goes through
 * the same service function as the single action, in a write of its own, so each keeps every
 * rule and permission check; what one story refuses is reported and the others go ahead.
 */
import { AppError, invalidField, type ErrorCode } from '../core/errors.js';
import type { Store } from '../db/hooks.js';
import type { Actor } from '../people/permissions.js';
import * as articles from './articles.service.js';
import type { Article } from './articles.types.js';

export const BULK_ACTIONS = ['publish', 'unpublish', 'trash', 'section'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];
/** A page of the stories list at most. */
export const MAX_BULK = 100;

export interface BulkRequest {
  action: BulkAction;
  ids: number[];
  /** For `section`: an existing section's id, null for none. */
  section?: number | null;
}

export interface BulkOutcome {
  done: Article[];
  /** Each refusal as the error body would tell it: code, message and its details (a 403's reason). */
  refused: Array<{ id: number; title: string | null; code: ErrorCode; message: string } & Record<string, unknown>>;
}

export async function bulkArticles(store: Store, request: BulkRequest, actor: Actor, baseUrl: string): Promise<BulkOutcome> {
  const { action, section } = request;
  if (action === 'section' && section === undefined) throw invalidField('section', 'is required to change the section');
  const act = async (id: number): Promise<Article> => {
    if (action === 'publish') return articles.publishArticle(store, id, actor, baseUrl);
    if (action === 'unpublish') return articles.unpublishArticle(store, id, actor, baseUrl);
    if (action === 'trash') return articles.trashArticle(store, id, actor, baseUrl);
    const { version } = await articles.getArticle(store.db, id, baseUrl);
    return articles.updateArticle(store, id, { version, section }, actor, baseUrl);
  };
  const outcome: BulkOutcome = { done: [], refused: [] };
  for (const id of request.ids) {
    try {
      outcome.done.push(await act(id));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const title = await articles.getArticle(store.db, id, baseUrl).then((a) => a.title, () => null);
      outcome.refused.push({ ...error.details, id, title, code: error.code, message: error.message });
    }
  }
  return outcome;
}
