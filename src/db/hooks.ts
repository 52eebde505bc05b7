import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** Something stored changed: what other parts (search index, page cache, webhooks) react to. */
export interface WriteEvent {
  entity: 'article' | 'tag' | 'section' | 'settings' | 'user' | 'comment' | 'media' | 'content-key';
  id: number;
  action: 'created' | 'updated' | 'published' | 'unpublished' | 'trashed' | 'restored' | 'deleted';
  language?: string;
  storyId?: number;
  /** For comments: the article they belong to. */
  articleId?: number;
  /** Extra cache keys the write affects (see core/cache-keys.ts), when the writer knows them. */
  keys?: string[];
}

type InTransaction = (trx: Kysely<Schema>, event: WriteEvent) => Promise<void>;
type AfterCommit = (event: WriteEvent) => void | Promise<void>;

/**
 * Listeners on writes. `duringTransaction` listeners run inside the writer's transaction (a
 * search index that must never disagree with the rows); `afterCommit` listeners run once the
 * write is durable (cache invalidation, webhooks), so nobody reacts to a rolled-back change.
 */
export class WriteHooks {
  readonly #during: InTransaction[] = [];
  readonly #after: AfterCommit[] = [];

  duringTransaction(listener: InTransaction): void {
    this.#during.push(listener);
  }

  afterCommit(listener: AfterCommit): void {
    this.#after.push(listener);
  }

  async inTransaction(trx: Kysely<Schema>, event: WriteEvent): Promise<void> {
    for (const listener of this.#during) await listener(trx, event);
  }

  async committed(events: WriteEvent[]): Promise<void> {
    for (const event of events) for (const listener of this.#after) await listener(event);
  }
}

/** What services write through: the query builder and the listeners on its writes. */
export interface Store {
  db: Kysely<Schema>;
  hooks: WriteHooks;
}
