/**
 * Fedify's message queue on Herald's database (table `federation_queue`): the inbox work that
 * Fedify hands over once a request's signature has been checked. A message is claimed with a
 * lease and deleted only after its handler has finished, so a process killed mid-way (kill -9)
 * leaves it to be taken again once the lease has passed: nothing is lost. Handling twice is
 * harmless because every inbound activity is recorded once by its id (inbox.ts).
 */
import type { Kysely } from 'kysely';
import type { MessageQueue, MessageQueueDepth, MessageQueueEnqueueOptions, MessageQueueListenOptions } from '@fedify/fedify';
import { leaseFree } from '../db/leases.js';
import type { Schema } from '../db/schema.js';

export interface QueueOptions {
  /** How often an idle listener looks for due messages enqueued by other processes. */
  pollMs: number;
  /** How long a claimed message stays with its process before another may take it. */
  leaseMs: number;
  now?: () => number;
}

export class DatabaseMessageQueue implements MessageQueue {
  // Fedify retries failed inbox work itself, on its own backoff policy.
  readonly nativeRetrial = false;
  readonly #db: Kysely<Schema>;
  readonly #options: Required<QueueOptions>;
  readonly #wakers = new Set<() => void>();

  constructor(db: Kysely<Schema>, options: QueueOptions) {
    this.#db = db;
    this.#options = { now: Date.now, ...options };
  }

  async enqueue(message: unknown, options?: MessageQueueEnqueueOptions): Promise<void> {
    await this.enqueueMany([message], options);
  }

  async enqueueMany(messages: readonly unknown[], options?: MessageQueueEnqueueOptions): Promise<void> {
    if (messages.length === 0) return;
    const now = this.#options.now();
    const delay = options?.delay?.total('millisecond') ?? 0;
    const created_at = new Date(now).toISOString();
    const deliver_after = new Date(now + Math.max(0, delay)).toISOString();
    await this.#db
      .insertInto('federation_queue')
      .values(messages.map((message) => ({ message: JSON.stringify(message), deliver_after, locked_until: null, created_at })))
      .execute();
    if (delay <= 0) for (const wake of this.#wakers) wake();
  }

  async getDepth(): Promise<MessageQueueDepth> {
    const iso = new Date(this.#options.now()).toISOString();
    const rows = await this.#db
      .selectFrom('federation_queue')
      .select((eb) => [eb.fn.countAll<number>().as('queued'), eb.fn.sum<number>(eb.case().when('deliver_after', '<=', iso).then(1).else(0).end()).as('ready')])
      .where(leaseFree(iso))
      .executeTakeFirstOrThrow();
    const queued = Number(rows.queued);
    const ready = Number(rows.ready ?? 0);
    return { queued, ready, delayed: queued - ready };
  }

  /** Takes the oldest due message for this process, or null when none is due. */
  async #claim(): Promise<{ id: number; message: unknown } | null> {
    const now = this.#options.now();
    const iso = new Date(now).toISOString();
    const candidates = await this.#db
      .selectFrom('federation_queue')
      .select(['id', 'message'])
      .where('deliver_after', '<=', iso)
      .where(leaseFree(iso))
      .orderBy('deliver_after')
      .orderBy('id')
      .limit(5)
      .execute();
    const lease = new Date(now + this.#options.leaseMs).toISOString();
    for (const candidate of candidates) {
      // The conditional update is the lock: only one process sees one row changed.
      const result = await this.#db
        .updateTable('federation_queue')
        .set({ locked_until: lease })
        .where('id', '=', candidate.id)
        .where(leaseFree(iso))
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return { id: candidate.id, message: JSON.parse(candidate.message) };
    }
    return null;
  }

  async listen(handler: (message: any) => Promise<void> | void, options: MessageQueueListenOptions = {}): Promise<void> {
    const { signal } = options;
    let wake: (() => void) | null = null;
    const waker = () => wake?.();
    this.#wakers.add(waker);
    signal?.addEventListener('abort', waker);
    try {
      while (!signal?.aborted) {
        let claimed: { id: number; message: unknown } | null = null;
        try {
          claimed = await this.#claim();
        } catch {
          // The database is away for a moment (a restart, a lock): try again after the pause.
        }
        if (claimed) {
          try {
            await handler(claimed.message);
            await this.#db.deleteFrom('federation_queue').where('id', '=', claimed.id).execute();
          } catch {
            // Left claimed: taken again when the lease has passed.
          }
          continue;
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.#options.pollMs);
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        wake = null;
      }
    } finally {
      this.#wakers.delete(waker);
      signal?.removeEventListener('abort', waker);
    }
  }
}
