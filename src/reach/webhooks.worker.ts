/**
 * Sends queued webhook deliveries. Runs in every app process (startServer); deliveries are
 * claimed with a lease in the database, so several processes never send the same one at once,
 * and a process that dies mid-send leaves a claim that expires and is retried: nothing queued
 * is lost by a restart (at-least-once delivery; receivers dedupe by the Herald-Delivery id).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { leaseFree } from '../db/leases.js';
import type { Schema } from '../db/schema.js';
import { outboundRequest } from '../core/outbound-http.js';
import { signPayload, SIGNATURE_HEADER } from './webhooks.signature.js';

export interface WorkerOptions {
  /** First retry delay; each later one doubles, up to MAX_BACKOFF_MS. */
  retryBaseMs: number;
  maxAttempts: number;
  timeoutMs: number;
  /** Deliveries sent per round. */
  batch: number;
  /** config.outboundAllow: the non-public hosts and ranges a webhook may reach (none by default). */
  outboundAllow: readonly string[];
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = { retryBaseMs: 30_000, maxAttempts: 8, timeoutMs: 10_000, batch: 20, outboundAllow: [] };
const MAX_BACKOFF_MS = 6 * 3600_000;

/** The delay before attempt `attempts + 1` after `attempts` failures: 30 s, 1 min, 2 min … 6 h. */
export function backoff(attempts: number, baseMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);
}

/**
 * Where a delivery stands after its attempt number `attempt`: delivered; given up for good
 * once `maxAttempts` attempts have failed; or pending until the backoff has passed.
 */
export function afterAttempt(attempt: number, ok: boolean, now: Date, options: Pick<WorkerOptions, 'maxAttempts' | 'retryBaseMs'>) {
  return {
    status: ok ? ('delivered' as const) : attempt >= options.maxAttempts ? ('failed' as const) : ('pending' as const),
    nextAttemptAt: new Date(now.getTime() + (ok ? 0 : backoff(attempt, options.retryBaseMs))).toISOString(),
  };
}

async function claimDue(db: Kysely<Schema>, now: Date, options: WorkerOptions) {
  const iso = now.toISOString();
  const candidates = await db
    .selectFrom('webhook_deliveries')
    .select('id')
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', iso)
    .where(leaseFree(iso))
    // A paused webhook keeps its queue; switching it back on sends what waited.
    .where('webhook_id', 'in', (eb) => eb.selectFrom('webhooks').select('id').where('active', '=', 1))
    .orderBy('next_attempt_at')
    .limit(options.batch)
    .execute();
  const lease = new Date(now.getTime() + options.timeoutMs * 2).toISOString();
  const claimed: number[] = [];
  for (const { id } of candidates) {
    // The conditional update is the lock: only one process sees numUpdatedRows = 1.
    const result = await db
      .updateTable('webhook_deliveries')
      .set({ locked_until: lease })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where(leaseFree(iso))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) claimed.push(id);
  }
  return claimed;
}

async function post(url: string, body: string, headers: Record<string, string>, options: WorkerOptions) {
  const started = Date.now();
  try {
    // Only the status counts: the receiver's answer is never read, its redirects never followed,
    // and only public addresses are reached (core/outbound-http).
    const response = await outboundRequest(url, {
      method: 'POST',
      body,
      headers,
      maxBytes: 0,
      readBody: false,
      maxRedirects: 0,
      allow: options.outboundAllow,
      timeoutMs: options.timeoutMs,
      connectTimeoutMs: Math.min(options.timeoutMs, 5_000),
    });
    return { status: response.status, error: response.ok ? null : `HTTP ${response.status}`, ms: Date.now() - started };
  } catch (error) {
    return { status: null, error: error instanceof Error ? error.message : String(error), ms: Date.now() - started };
  }
}

async function deliver(db: Kysely<Schema>, id: number, options: WorkerOptions): Promise<boolean> {
  const delivery = await db
    .selectFrom('webhook_deliveries')
    .innerJoin('webhooks', 'webhooks.id', 'webhook_deliveries.webhook_id')
    .select(['webhook_deliveries.id', 'webhook_deliveries.event', 'webhook_deliveries.payload', 'webhook_deliveries.attempts', 'webhooks.url', 'webhooks.secret'])
    .where('webhook_deliveries.id', '=', id)
    .executeTakeFirst();
  if (!delivery) return false;
  const timestamp = Math.floor(Date.now() / 1000);
  const result = await post(
    delivery.url,
    delivery.payload,
    {
      'content-type': 'application/json',
      'user-agent': 'Herald-Webhooks/1',
      'herald-event': delivery.event,
      'herald-delivery': String(delivery.id),
      [SIGNATURE_HEADER]: signPayload(delivery.secret, delivery.payload, timestamp),
    },
    options,
  );
  const attempt = delivery.attempts + 1;
  const now = new Date();
  const ok = result.error === null;
  const next = afterAttempt(attempt, ok, now, options);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('webhook_attempts')
      .values({ delivery_id: id, attempt, status: result.status, error: result.error, duration_ms: result.ms, created_at: now.toISOString() })
      .execute();
    await trx
      .updateTable('webhook_deliveries')
      .set({
        attempts: attempt,
        last_status: result.status,
        last_error: result.error,
        locked_until: null,
        status: next.status,
        delivered_at: ok ? now.toISOString() : null,
        next_attempt_at: next.nextAttemptAt,
      })
      .where('id', '=', id)
      .execute();
  });
  return ok;
}

/** One round: claims what is due and sends it; returns how many were sent successfully. */
export async function deliverDue(database: Pick<Database, 'db'>, options: WorkerOptions = DEFAULT_WORKER_OPTIONS, now = new Date()): Promise<number> {
  const claimed = await claimDue(database.db, now, options);
  const results = await Promise.all(claimed.map((id) => deliver(database.db, id, options)));
  return results.filter(Boolean).length;
}

export interface WebhookWorker {
  /** Runs a round now instead of at the next tick. */
  poke(): void;
  /** Stops the loop and waits for the round in flight. */
  stop(): Promise<void>;
}

export function startWebhookWorker(
  database: Pick<Database, 'db'>,
  options: WorkerOptions & { pollMs: number; onError: (error: unknown) => void },
): WebhookWorker {
  let running: Promise<void> | null = null;
  let stopped = false;
  const round = () => {
    if (running || stopped) return;
    running = deliverDue(database, options)
      .then(() => undefined, options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(round, options.pollMs);
  timer.unref();
  round();
  return {
    poke: round,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
