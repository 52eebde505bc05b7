/**
 * Webhooks: administrators register URLs for events; every matching write puts a delivery in
 * the `webhook_deliveries` queue inside the writer's transaction (so a rolled-back write sends
 * nothing and a committed one is never forgotten). The worker (webhooks.worker.ts) sends them.
 */
import type { Kysely, Selectable } from 'kysely';
import { publicArticle } from '../content/articles.content-schemas.js';
import { absoluteUrl, articlePath } from '../content/urls.js';
import { loadArticles } from '../content/articles.repository.js';
import { findCommentRow } from '../comments/comments.repository.js';
import { toPublicComment } from '../comments/comments.service.js';
import type { Store, WriteEvent } from '../db/hooks.js';
import type { Schema, WebhooksTable } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { invalid, notFound, type FieldError } from '../core/errors.js';
import { destinationFault } from '../core/outbound-http.js';
import { getSettings } from '../settings/settings.service.js';
import { newWebhookSecret } from './webhooks.signature.js';

export const WEBHOOK_EVENTS = ['article.published', 'article.updated', 'article.unpublished', 'article.deleted', 'comment.posted'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export interface Webhook {
  id: number;
  url: string;
  description: string;
  events: WebhookEvent[];
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

function toWebhook(row: Selectable<WebhooksTable>): Webhook {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEvent[],
    active: row.active === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface WebhookInput {
  url?: string;
  description?: string;
  events?: string[];
  active?: boolean;
}

/** `outboundAllow` (config.outboundAllow): the non-public hosts and ranges a webhook may reach. */
function check(input: WebhookInput, faults: FieldError[], outboundAllow: readonly string[]): void {
  if (input.url !== undefined) {
    const ok = URL.canParse(input.url) && /^https?:$/.test(new URL(input.url).protocol);
    const refused = ok ? destinationFault(input.url, outboundAllow) : 'must be an http(s) URL';
    if (refused) faults.push({ field: 'url', message: refused });
  }
  if (input.events !== undefined) {
    if (input.events.length === 0) faults.push({ field: 'events', message: `must name at least one of ${WEBHOOK_EVENTS.join(', ')}` });
    input.events.forEach((e, i) => {
      if (!(WEBHOOK_EVENTS as readonly string[]).includes(e)) faults.push({ field: `events.${i}`, message: `must be one of ${WEBHOOK_EVENTS.join(', ')}` });
    });
  }
}

export async function listWebhooks(db: Kysely<Schema>): Promise<Webhook[]> {
  return (await db.selectFrom('webhooks').selectAll().orderBy('id').execute()).map(toWebhook);
}

export async function getWebhook(db: Kysely<Schema>, id: number): Promise<Webhook> {
  const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Webhook ${id}`);
  return toWebhook(row);
}

/** Registers a URL; the signing secret is returned this once and never listed again. */
export async function createWebhook(db: Kysely<Schema>, input: WebhookInput & { url: string; events: string[] }, outboundAllow: readonly string[]) {
  const faults: FieldError[] = [];
  check(input, faults, outboundAllow);
  if (faults.length) throw invalid(faults);
  const now = nowIso();
  const secret = newWebhookSecret();
  const { id } = await db
    .insertInto('webhooks')
    .values({
      url: input.url,
      description: input.description?.trim() ?? '',
      events: JSON.stringify([...new Set(input.events)]),
      secret,
      active: input.active === false ? 0 : 1,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { ...(await getWebhook(db, id)), secret };
}

export async function updateWebhook(db: Kysely<Schema>, id: number, input: WebhookInput & { rotateSecret?: boolean }, outboundAllow: readonly string[]) {
  await getWebhook(db, id);
  const faults: FieldError[] = [];
  check(input, faults, outboundAllow);
  if (faults.length) throw invalid(faults);
  const secret = input.rotateSecret ? newWebhookSecret() : undefined;
  await db
    .updateTable('webhooks')
    .set({
      ...(input.url !== undefined ? { url: input.url } : {}),
      ...(input.description !== undefined ? { description: input.description.trim() } : {}),
      ...(input.events !== undefined ? { events: JSON.stringify([...new Set(input.events)]) } : {}),
      ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
      ...(secret ? { secret } : {}),
      updated_at: nowIso(),
    })
    .where('id', '=', id)
    .execute();
  return { ...(await getWebhook(db, id)), ...(secret ? { secret } : {}) };
}

export async function deleteWebhook(db: Kysely<Schema>, id: number): Promise<void> {
  const result = await db.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Webhook ${id}`);
}

/** Queues one event for every active webhook subscribed to it; returns the delivery ids. */
export async function enqueueWebhookEvent(db: Kysely<Schema>, event: string, data: unknown): Promise<number[]> {
  const hooks = (await db.selectFrom('webhooks').selectAll().where('active', '=', 1).execute()).filter((h) =>
    (JSON.parse(h.events) as string[]).includes(event),
  );
  const now = nowIso();
  const ids: number[] = [];
  for (const hook of hooks) {
    const { id } = await db
      .insertInto('webhook_deliveries')
      .values({ webhook_id: hook.id, event, payload: JSON.stringify({ event, occurredAt: now, data }), status: 'pending', attempts: 0, next_attempt_at: now, created_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.push(id);
  }
  return ids;
}

/** Which webhook event a write is, given the article as it is now (inside the transaction). */
function webhookEventOf(event: WriteEvent, row: { status: string; deleted_at: string | null; published_at: string | null }): WebhookEvent | null {
  const live = row.status === 'published' && row.deleted_at === null;
  if (event.action === 'published' || (event.action === 'restored' && live)) return 'article.published';
  if (event.action === 'updated') return live ? 'article.updated' : null;
  if (event.action === 'unpublished') return 'article.unpublished';
  // Trashing takes a story off the site (readers get 410); deleting it for good later adds nothing.
  if (event.action === 'trashed') return row.status === 'published' ? 'article.deleted' : null;
  return null;
}

const installed = new WeakSet<Store>();
// An edit that also publishes emits "updated" then "published" in one transaction: subscribers
// get the one that matters. Keyed by the transaction object, which lives as long as the write.
const updatesInTransaction = new WeakMap<object, Map<number, number[]>>();

/** Queues deliveries on every article write of this store; safe to call twice. */
export function installWebhookQueue(store: Store, configBaseUrl?: string): void {
  if (installed.has(store)) return;
  installed.add(store);
  store.hooks.duringTransaction(async (trx, event) => {
    if (event.entity !== 'article') return;
    const row = await trx.selectFrom('articles').select(['id', 'status', 'deleted_at', 'published_at']).where('id', '=', event.id).executeTakeFirst();
    if (!row) return;
    const name = webhookEventOf(event, row);
    if (!name) return;
    const updates = updatesInTransaction.get(trx) ?? new Map<number, number[]>();
    updatesInTransaction.set(trx, updates);
    if (name !== 'article.updated' && updates.has(event.id)) {
      await trx.deleteFrom('webhook_deliveries').where('id', 'in', updates.get(event.id)!).execute();
      updates.delete(event.id);
    }
    const baseUrl = configBaseUrl ?? (await getSettings(trx)).baseUrl;
    const [article] = await loadArticles(trx, [event.id], baseUrl, 'public');
    const ids = await enqueueWebhookEvent(trx, name, { article: publicArticle(article, baseUrl) });
    if (name === 'article.updated' && ids.length) updates.set(event.id, ids);
  });
  // Comments announce themselves once committed (comments.service.ts `announce`), so their
  // deliveries are queued right after; what readers see of a comment is all that is sent.
  store.hooks.afterCommit(async (event) => {
    if (event.entity !== 'comment' || event.action !== 'published') return;
    const row = await findCommentRow(store.db, event.id);
    if (!row || row.status !== 'approved') return;
    const article = await store.db.selectFrom('articles').select(['id', 'language', 'slug']).where('id', '=', row.article_id).executeTakeFirst();
    const baseUrl = configBaseUrl ?? (await getSettings(store.db)).baseUrl;
    const { pending: _pending, ...comment } = toPublicComment(row);
    await enqueueWebhookEvent(store.db, 'comment.posted', {
      comment,
      article: article ? { id: article.id, language: article.language, url: absoluteUrl(baseUrl, articlePath(article.language, article.slug)) } : null,
    });
  });
}

export interface DeliveryLogEntry {
  id: number;
  event: string;
  status: string;
  attempts: number;
  nextAttemptAt: string | null;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  log: Array<{ attempt: number; status: number | null; error: string | null; durationMs: number; at: string }>;
}

/** The delivery log of a webhook, newest first, with every attempt. */
export async function listDeliveries(db: Kysely<Schema>, webhookId: number, page: number, limit: number) {
  await getWebhook(db, webhookId);
  const base = db.selectFrom('webhook_deliveries').where('webhook_id', '=', webhookId);
  const [{ total }, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    base.selectAll().orderBy('id', 'desc').limit(limit).offset((page - 1) * limit).execute(),
  ]);
  const attempts = rows.length
    ? await db.selectFrom('webhook_attempts').selectAll().where('delivery_id', 'in', rows.map((r) => r.id)).orderBy('attempt').execute()
    : [];
  const items: DeliveryLogEntry[] = rows.map((r) => ({
    id: r.id,
    event: r.event,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at : null,
    lastStatus: r.last_status,
    lastError: r.last_error,
    createdAt: r.created_at,
    deliveredAt: r.delivered_at,
    log: attempts
      .filter((a) => a.delivery_id === r.id)
      .map((a) => ({ attempt: a.attempt, status: a.status, error: a.error, durationMs: a.duration_ms, at: a.created_at })),
  }));
  const count = Number(total);
  return { items, pagination: { page, limit, total: count, pages: Math.ceil(count / limit) } };
}

/** Sends a failed (or delivered) delivery again, as soon as the worker runs. */
export async function retryDelivery(db: Kysely<Schema>, webhookId: number, deliveryId: number): Promise<void> {
  const result = await db
    .updateTable('webhook_deliveries')
    .set({ status: 'pending', next_attempt_at: nowIso(), locked_until: null })
    .where('id', '=', deliveryId)
    .where('webhook_id', '=', webhookId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound(`Delivery ${deliveryId} of webhook ${webhookId}`);
}
