/**
 * Sends what outbox.ts and the inbox handlers queued. One loop fans activities out into one
 * delivery per inbox (a server's shared inbox once for all its followers); beside it, a few
 * lanes each take one due delivery at a time and send it on its own timeout. A server that
 * does not answer holds at most `perHost` lanes of a process, so the others keep delivering to
 * everyone else, and new stories are fanned out meanwhile. Deliveries are claimed with a
 * lease, so several processes never send the same one at once and a process killed mid-send
 * leaves it to be sent again (the receiving inbox recognises the activity id). A failure is
 * retried with growing delays; an inbox that answers 410 Gone loses its followers.
 */
import type { Kysely } from 'kysely';
import { Create, Delete, PUBLIC_COLLECTION, Update } from '@fedify/vocab';
import { leaseFree } from '../db/leases.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { backoff } from '../reach/webhooks.worker.js';
import type { FederationData } from './context.js';
import { articleFor, federatedStory, type HeraldFederation } from './federation.js';
import { followerInboxes, removeFollowersAt } from './followers.repository.js';
import { findRemoteActor } from './follows.service.js';
import { instant, storyTombstone } from './objects.js';
import { articleUri } from './paths.js';
import { withProof } from './proofs.js';
import { postActivity } from './transport.js';

export interface DeliveryOptions {
  retryBaseMs: number;
  /** Attempts before a delivery is given up ('failed'). */
  maxAttempts: number;
  timeoutMs: number;
  /** Deliveries one process sends at once. */
  concurrency: number;
  /** Of which to one server (host) at most. */
  perHost: number;
}

export const DEFAULT_DELIVERY_OPTIONS: DeliveryOptions = { retryBaseMs: 60_000, maxAttempts: 10, timeoutMs: 10_000, concurrency: 16, perHost: 2 };
/** Activities fanned out per round of the fan-out loop. */
const FAN_OUT_BATCH = 20;
const INSERT_CHUNK = 100;

async function contextOf(federation: HeraldFederation, data: FederationData) {
  return federation.createContext(new URL((await data.settings()).baseUrl), data);
}

function leaseUntil(now: Date, ms: number): string {
  return new Date(now.getTime() + ms).toISOString();
}

/** The JSON-LD of a story activity as the story stands now; null when there is nothing to send (the story went offline since). */
async function storyPayload(federation: HeraldFederation, data: FederationData, activity: { activity_id: string; actor: string; type: string; article_id: number | null }): Promise<string | null> {
  const settings = await data.settings();
  const ctx = federation.createContext(new URL(settings.baseUrl), data);
  const actor = ctx.getActorUri(activity.actor);
  const followers = ctx.getFollowersUri(activity.actor);
  const id = new URL(activity.activity_id);
  if (activity.type === 'Delete') {
    const object = storyTombstone(new URL(articleUri(settings.baseUrl, activity.article_id!)), nowIso());
    const deletion = new Delete({ id, actor, object, to: PUBLIC_COLLECTION, cc: followers });
    return JSON.stringify(await deletion.toJsonLd({ contextLoader: ctx.contextLoader }));
  }
  const article = await federatedStory(data.database.db, activity.article_id!, settings.baseUrl);
  if (!article || article.language !== activity.actor) return null;
  const object = articleFor(ctx, article, settings.baseUrl);
  const when = instant(activity.type === 'Create' ? (article.publishedAt ?? article.createdAt) : article.updatedAt);
  const wrapped =
    activity.type === 'Create'
      ? new Create({ id, actor, object, to: PUBLIC_COLLECTION, cc: followers, published: when })
      : new Update({ id, actor, object, to: PUBLIC_COLLECTION, cc: followers, updated: when });
  return JSON.stringify(await wrapped.toJsonLd({ contextLoader: ctx.contextLoader }));
}

/**
 * Where an activity goes: its one inbox; the inbox of its one actor (a reply to a fediverse
 * reply), looked up now, or null when that fails; otherwise every follower of its edition.
 */
async function inboxesOf(data: FederationData, activity: { actor: string; recipient_inbox: string | null; recipient_actor: string | null }): Promise<string[] | null> {
  if (activity.recipient_inbox) return [activity.recipient_inbox];
  if (activity.recipient_actor) {
    const actor = await findRemoteActor(data.policy, activity.recipient_actor).catch(() => null);
    return actor?.inboxId ? [actor.inboxId.href] : null;
  }
  return followerInboxes(data.database.db, activity.actor);
}

/** The recipient's server did not answer the lookup: tried again after a backoff, given up after `maxAttempts`. */
async function lookUpLater(db: Kysely<Schema>, activity: { id: number; attempts: number }, retry: Pick<DeliveryOptions, 'retryBaseMs' | 'maxAttempts'>, now: Date): Promise<void> {
  const attempts = activity.attempts + 1;
  const givenUp = attempts >= retry.maxAttempts;
  await db
    .updateTable('federation_activities')
    .set({ attempts, status: givenUp ? 'failed' : 'pending', locked_until: givenUp ? null : leaseUntil(now, backoff(attempts, retry.retryBaseMs)) })
    .where('id', '=', activity.id)
    .execute();
}

/** Turns queued activities into deliveries; returns how many activities were fanned out. */
export async function fanOutDue(
  federation: HeraldFederation,
  data: FederationData,
  retry: Pick<DeliveryOptions, 'retryBaseMs' | 'maxAttempts'> = DEFAULT_DELIVERY_OPTIONS,
  now = new Date(),
): Promise<number> {
  const db = data.database.db;
  const iso = now.toISOString();
  const pending = await db
    .selectFrom('federation_activities')
    .selectAll()
    .where('status', '=', 'pending')
    .where(leaseFree(iso))
    .orderBy('id')
    .limit(FAN_OUT_BATCH)
    .execute();
  let done = 0;
  for (const activity of pending) {
    const claim = await db
      .updateTable('federation_activities')
      .set({ locked_until: leaseUntil(now, 60_000) })
      .where('id', '=', activity.id)
      .where('status', '=', 'pending')
      .where(leaseFree(iso))
      .executeTakeFirst();
    if (Number(claim.numUpdatedRows) !== 1) continue;
    const unsigned = activity.payload ?? (await storyPayload(federation, data, activity));
    const payload = unsigned === null ? null : await withProof(await contextOf(federation, data), activity.actor, unsigned);
    const inboxes = payload === null ? [] : await inboxesOf(data, activity);
    if (inboxes === null) {
      await lookUpLater(db, activity, retry, now);
      continue;
    }
    // The payload first: a lane may take the first deliveries before the last are written.
    await db.updateTable('federation_activities').set({ payload }).where('id', '=', activity.id).execute();
    // The deliveries in small separate writes, so a publishing write never waits long for the
    // database behind a fan-out to a thousand followers; a fan-out cut short is simply redone
    // (the same inboxes are not added twice).
    for (let i = 0; i < inboxes.length; i += INSERT_CHUNK) {
      const created_at = nowIso();
      await db
        .insertInto('federation_deliveries')
        .values(inboxes.slice(i, i + INSERT_CHUNK).map((inbox) => ({ activity_id: activity.id, inbox, status: 'pending', attempts: 0, next_attempt_at: created_at, locked_until: null, last_status: null, last_error: null, created_at, delivered_at: null, attempted_at: null })))
        .onConflict((oc) => oc.columns(['activity_id', 'inbox']).doNothing())
        .execute();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await db
      .updateTable('federation_activities')
      .set({ status: 'fanned', fanned_out_at: nowIso(), locked_until: null })
      .where('id', '=', activity.id)
      .execute();
    done += 1;
  }
  return done;
}

/** Takes one due delivery to a server this process is not already busy with (`busy`: deliveries in flight per host, counted here for the one taken). */
async function claimOne(db: Kysely<Schema>, options: DeliveryOptions, busy: Map<string, number>): Promise<{ id: number; host: string } | null> {
  const now = new Date();
  const iso = now.toISOString();
  const candidates = await db
    .selectFrom('federation_deliveries')
    .select(['id', 'inbox'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', iso)
    .where(leaseFree(iso))
    .orderBy('next_attempt_at')
    .limit(50)
    .execute();
  const lease = leaseUntil(now, options.timeoutMs * 3);
  for (const { id, inbox } of candidates) {
    const host = URL.canParse(inbox) ? new URL(inbox).host : inbox;
    if ((busy.get(host) ?? 0) >= options.perHost) continue;
    // The host's lane is taken before the claim is awaited: lanes claim side by side, and one
    // that counted only after its claim let more than perHost of them reach the same server.
    busy.set(host, (busy.get(host) ?? 0) + 1);
    // The conditional update is the lock: only one process sees one row changed.
    const result = await db
      .updateTable('federation_deliveries')
      .set({ locked_until: lease })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where(leaseFree(iso))
      .executeTakeFirst()
      .catch((error: unknown) => {
        busy.set(host, busy.get(host)! - 1);
        throw error;
      });
    if (Number(result.numUpdatedRows) === 1) return { id, host };
    busy.set(host, busy.get(host)! - 1);
  }
  return null;
}

async function deliverOne(federation: HeraldFederation, data: FederationData, id: number, options: DeliveryOptions): Promise<void> {
  const db = data.database.db;
  const row = await db
    .selectFrom('federation_deliveries')
    .innerJoin('federation_activities', 'federation_activities.id', 'federation_deliveries.activity_id')
    .select(['federation_deliveries.inbox', 'federation_deliveries.attempts', 'federation_activities.actor', 'federation_activities.payload'])
    .where('federation_deliveries.id', '=', id)
    .executeTakeFirst();
  if (!row?.payload) return;
  const ctx = await contextOf(federation, data);
  const key = (await ctx.getActorKeyPairs(row.actor)).find((pair) => pair.privateKey.algorithm.name === 'RSASSA-PKCS1-v1_5');
  let status: number | null = null;
  let error: string | null = null;
  try {
    if (!key) throw new Error(`the actor ${row.actor} has no RSA key`);
    status = (await postActivity(row.inbox, row.payload, key, data.policy, options.timeoutMs)).status;
    if (status < 200 || status >= 300) error = `HTTP ${status}`;
  } catch (caught) {
    error = caught instanceof Error ? caught.message : String(caught);
  }
  const attempt = row.attempts + 1;
  const now = new Date();
  const gone = status === 410;
  const next = error === null ? 'delivered' : gone ? 'gone' : attempt >= options.maxAttempts ? 'failed' : 'pending';
  await db
    .updateTable('federation_deliveries')
    .set({
      status: next,
      attempts: attempt,
      last_status: status,
      last_error: error,
      locked_until: null,
      delivered_at: next === 'delivered' ? now.toISOString() : null,
      attempted_at: now.toISOString(),
      next_attempt_at: next === 'pending' ? new Date(now.getTime() + backoff(attempt, options.retryBaseMs)).toISOString() : now.toISOString(),
    })
    .where('id', '=', id)
    .execute();
  // The server says the account (or the whole inbox) is gone for good: stop sending there.
  if (gone) {
    await removeFollowersAt(db, row.inbox);
    await db.updateTable('federation_deliveries').set({ status: 'gone' }).where('inbox', '=', row.inbox).where('status', '=', 'pending').execute();
  }
}

export interface DeliveryWorker {
  /** Looks for work now instead of at the next tick. */
  poke(): void;
  /** Stops the loops and waits for the deliveries in flight. */
  stop(): Promise<void>;
}

export function startFederationDelivery(
  federation: HeraldFederation,
  data: FederationData,
  options: DeliveryOptions & { pollMs: number; onError: (error: unknown) => void },
): DeliveryWorker {
  let stopped = false;
  const sleepers = new Set<() => void>();
  const wakeAll = () => {
    for (const wake of [...sleepers]) wake();
  };
  const nap = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, options.pollMs);
      function done() {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      }
      sleepers.add(done);
    });
  // Switched off in the settings: what waits stays queued until it is switched on again.
  const enabled = async () => (await data.settings()).federation;

  const fanOutLoop = async () => {
    while (!stopped) {
      let fanned = 0;
      try {
        if (await enabled()) fanned = await fanOutDue(federation, data, options);
      } catch (error) {
        options.onError(error);
      }
      if (fanned > 0) wakeAll();
      // A full batch: more is waiting now, not at the next tick.
      if (fanned < FAN_OUT_BATCH) await nap();
    }
  };
  const busy = new Map<string, number>();
  const lane = async () => {
    while (!stopped) {
      let claimed: { id: number; host: string } | null = null;
      try {
        if (await enabled()) claimed = await claimOne(data.database.db, options, busy);
      } catch (error) {
        options.onError(error);
      }
      if (!claimed) {
        await nap();
        continue;
      }
      try {
        await deliverOne(federation, data, claimed.id, options);
      } catch (error) {
        options.onError(error);
      } finally {
        busy.set(claimed.host, busy.get(claimed.host)! - 1);
      }
    }
  };
  const loops = [fanOutLoop(), ...Array.from({ length: options.concurrency }, lane)];
  return {
    poke: wakeAll,
    async stop() {
      stopped = true;
      wakeAll();
      await Promise.all(loops);
    },
  };
}
