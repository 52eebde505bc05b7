/**
 * When embargoes lift and expiries come (moments.ts): the next such moment is kept in memory,
 * and once the clock reaches it, `due()` says so until `catchUp()` has changed the stories'
 * statuses. The app runs `catchUp()` before any request that comes after the moment (the page
 * cache answers none of them from memory meanwhile), and a timer runs it at the moment itself,
 * so webhooks and caches hear of it on time. Nothing is read on the way of a request while no
 * moment is due: one comparison of two numbers.
 */
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { expireDueArticles, publishDueArticles } from './articles.service.js';

export interface MomentGate {
  /** A moment has come that the stories' statuses do not show yet (or none is known yet). */
  due(): boolean;
  /** Publishes and expires what is due at the clock's time, once at a time, and learns the next moment. */
  catchUp(): Promise<void>;
  /** Whole seconds until the next moment (how long a cache may keep a page); null when none is near. */
  secondsLeft(): number | null;
  /** Runs `catchUp` at each moment and every `everyMs` (moments set through another process). */
  start(everyMs: number): void;
  /** Reads the next moment again: another process set, moved or cleared one. */
  reread(): Promise<void>;
  /** Calls `listener` when a write of this process moved the next moment (to tell the other processes). */
  onMoved(listener: () => void): void;
  stop(): void;
}

// Beyond this, a moment does not shorten any cache lifetime Herald sends.
const NEAR_SECONDS = 24 * 60 * 60;
// setTimeout's longest delay.
const MAX_DELAY_MS = 2 ** 31 - 1;

/** The next time (ms) a story is due to go out or to expire; null when none is. */
export async function nextMoment(db: Kysely<Schema>): Promise<number | null> {
  const [due, expiring] = await Promise.all([
    db.selectFrom('articles').select((eb) => eb.fn.min('publish_at').as('at')).where('status', '=', 'scheduled').where('deleted_at', 'is', null).executeTakeFirst(),
    db.selectFrom('articles').select((eb) => eb.fn.min('expires_at').as('at')).where('status', '=', 'published').where('deleted_at', 'is', null).executeTakeFirst(),
  ]);
  const times = [due?.at, expiring?.at].filter((at): at is string => typeof at === 'string').map((at) => Date.parse(at));
  return times.length ? Math.min(...times) : null;
}

/**
 * Tells the other processes (through `bus`: Redis or the cluster primary) when a write here
 * moved the next moment, and re-reads it when they tell of theirs: every process re-arms at once.
 */
export function shareMoments(gate: MomentGate, bus: { announceMoments(): void; onMoments(listener: () => void): void }, onError: (error: unknown) => void): void {
  gate.onMoved(() => bus.announceMoments());
  bus.onMoments(() => void gate.reread().catch(onError));
}

/** Publishes what is due and expires what has expired at `now` (ms); returns how many changed. */
export async function applyDueMoments(store: Store, now: number): Promise<number> {
  const at = new Date(now).toISOString();
  return (await publishDueArticles(store, at)) + (await expireDueArticles(store, at));
}

export function momentGate(store: Store, clock: () => number, onError: (error: unknown) => void): MomentGate {
  // undefined: not read yet; null: no story waits for a moment.
  let next: number | null | undefined;
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;
  let interval: NodeJS.Timeout | undefined;
  let started = false;

  const arm = () => {
    clearTimeout(timer);
    if (!started || next === null || next === undefined) return;
    timer = setTimeout(() => void gate.catchUp().catch(onError), Math.min(MAX_DELAY_MS, Math.max(0, next - clock())));
    timer.unref();
  };
  const moved = new Set<() => void>();
  const refresh = async () => {
    const before = next;
    next = await nextMoment(store.db);
    arm();
    return next !== before;
  };
  // A write may set, move or clear a moment: read the next one again, and say so when it moved.
  store.hooks.afterCommit((event) => {
    if (event.entity !== 'article') return;
    return refresh()
      .then((changed) => {
        if (changed) for (const listener of moved) listener();
      })
      .catch(onError);
  });

  const gate: MomentGate = {
    due: () => next === undefined || (next !== null && clock() >= next),
    catchUp() {
      running ??= (async () => {
        try {
          await applyDueMoments(store, clock());
          await refresh();
        } finally {
          running = null;
        }
      })();
      return running;
    },
    secondsLeft() {
      if (next === null || next === undefined) return null;
      const seconds = Math.max(0, Math.floor((next - clock()) / 1000));
      return seconds > NEAR_SECONDS ? null : seconds;
    },
    start(everyMs) {
      started = true;
      interval = setInterval(() => void gate.catchUp().catch(onError), everyMs);
      interval.unref();
      void gate.catchUp().catch(onError);
    },
    async reread() {
      await refresh();
    },
    onMoved(listener) {
      moved.add(listener);
    },
    stop() {
      started = false;
      clearTimeout(timer);
      clearInterval(interval);
    },
  };
  return gate;
}
