import type { Kysely } from 'kysely';
import type { Schema } from './schema.js';

/** Something stored changed: what other parts (search index, page cache, webhooks) react to. */
export interface WriteEvent {
  entity: 'article' | 'tag' | 'section' | 'settings' | 'user' | 'comment' | 'media' | 'content-key' | 'newsletter' | 'live-blog' | 'live-entry';
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
  #during: InTransaction[] = [];
  #after: AfterCommit[] = [];
  /** Set on the hooks of one running transaction (see `transact`): what it announces, heard once it commits. */
  #held: WriteEvent[] | null = null;

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
    if (this.#held) {
      this.#held.push(...events);
      return;
    }
    for (const event of events) for (const listener of this.#after) await listener(event);
  }

  /** The same listeners, for one transaction: committed events wait in `held` for its commit. */
  holding(held: WriteEvent[]): WriteHooks {
    const hooks = new WriteHooks();
    hooks.#during = this.#during;
    hooks.#after = this.#after;
    hooks.#held = held;
    return hooks;
  }
}

/** What services write through: the query builder and the listeners on its writes. */
export interface Store {
  db: Kysely<Schema>;
  hooks: WriteHooks;
}

/**
 * Runs `work` in one transaction, through a Store of that transaction: services called with it
 * join the transaction (creating a tag inside the save of a story is one atomic write), and what
 * they announce reaches the after-commit listeners once it has committed, never when it rolls
 * back. A Store already inside a transaction is joined.
 */
export async function transact<T>(store: Store, work: (tx: Store) => Promise<T>): Promise<T> {
  if (store.db.isTransaction) return work(store);
  const held: WriteEvent[] = [];
  const hooks = store.hooks.holding(held);
  const result = await store.db.transaction().execute((trx) => work({ db: trx, hooks }));
  await store.hooks.committed(held);
  return result;
}

/** Tells the listeners what a write inside `transact` changed: those in the transaction now, the others once it commits. */
export async function announce(tx: Store, event: WriteEvent): Promise<void> {
  await tx.hooks.inTransaction(tx.db, event);
  await tx.hooks.committed([event]);
}
