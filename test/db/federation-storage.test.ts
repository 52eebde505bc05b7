import { testMessageQueue } from '@fedify/testing';
import { Temporal } from '@js-temporal/polyfill';
import { expect, it } from 'vitest';
import { DatabaseKvStore } from '../../src/federation/kv-store.js';
import { DatabaseMessageQueue } from '../../src/federation/message-queue.js';
import { describeEachEngine } from '../support/engines.js';

// Fedify's types name the global Temporal (not on Node 20); the polyfill is what runs.
const duration = (ms: number) => Temporal.Duration.from({ milliseconds: ms }) as any;

describeEachEngine('Fedify key–value store on the database', (database) => {
  it('stores, reads, replaces and deletes values by array keys', async () => {
    const kv = new DatabaseKvStore(database().db);
    expect(await kv.get(['a', 'b'])).toBeUndefined();
    await kv.set(['a', 'b'], { n: 1, list: ['x'] });
    expect(await kv.get(['a', 'b'])).toEqual({ n: 1, list: ['x'] });
    await kv.set(['a', 'b'], 'second');
    expect(await kv.get(['a', 'b'])).toBe('second');
    await kv.delete(['a', 'b']);
    expect(await kv.get(['a', 'b'])).toBeUndefined();
  });

  const stored = async () => (await database().db.selectFrom('federation_kv').select('key').execute()).map((r) => JSON.parse(r.key)[0]).sort();

  it('forgets a value once its time to live has passed, and deletes it when it is read', async () => {
    let now = Date.now();
    const kv = new DatabaseKvStore(database().db, { now: () => now });
    await kv.set(['ttl'], 42, { ttl: duration(1000) });
    expect(await kv.get(['ttl'])).toBe(42);
    now += 1001;
    expect(await stored()).toContain('ttl');
    expect(await kv.get(['ttl'])).toBeUndefined();
    expect(await stored()).not.toContain('ttl');
  });

  it('gives an entry stored without a time to live the default one', async () => {
    let now = Date.now();
    const kv = new DatabaseKvStore(database().db, { now: () => now, defaultTtlMs: 5000 });
    await kv.set(['forever?'], 'no');
    now += 4999;
    expect(await kv.get(['forever?'])).toBe('no');
    now += 2;
    expect(await kv.get(['forever?'])).toBeUndefined();
  });

  it('sweeps every expired entry, unread, at the first write after the sweep interval', async () => {
    await database().db.deleteFrom('federation_kv').execute();
    let now = Date.now();
    const kv = new DatabaseKvStore(database().db, { now: () => now, sweepEveryMs: 60_000, defaultTtlMs: 3600_000 });
    await kv.set(['short'], 1, { ttl: duration(1000) });
    await kv.set(['long'], 2, { ttl: duration(100_000) });
    await kv.set(['default'], 3);
    now += 30_000;
    // Not yet time to sweep: the expired entry stays until read or swept.
    await kv.set(['early'], 4);
    expect(await stored()).toEqual(['default', 'early', 'long', 'short']);
    now += 30_000;
    await kv.set(['late'], 5);
    expect(await stored()).toEqual(['default', 'early', 'late', 'long']);
    now += 100_000;
    expect(await kv.sweep()).toBe(1);
    expect(await stored()).toEqual(['default', 'early', 'late']);
  });

  it('compare-and-swap wins only against the expected value, and only once when two race', async () => {
    const kv = new DatabaseKvStore(database().db);
    expect(await kv.cas(['cas'], undefined, 'first')).toBe(true);
    expect(await kv.cas(['cas'], undefined, 'again')).toBe(false);
    expect(await kv.cas(['cas'], 'wrong', 'x')).toBe(false);
    const race = await Promise.all([kv.cas(['cas'], 'first', 'one'), kv.cas(['cas'], 'first', 'two')]);
    expect(race.filter(Boolean)).toHaveLength(1);
    expect(['one', 'two']).toContain(await kv.get(['cas']));
  });

  it('lists by prefix exactly: case, LIKE wildcards and longer names do not match', async () => {
    const kv = new DatabaseKvStore(database().db);
    await kv.set(['p', 'doc', 'https://a.example/1'], 1);
    await kv.set(['p', 'doc', 'https://a.example/2'], 2);
    await kv.set(['p', 'doc'], 0);
    await kv.set(['p', 'DOC', 'x'], 'case');
    await kv.set(['p', 'd%c', 'x'], 'wild');
    await kv.set(['p', 'docs', 'x'], 'longer');
    const found = [];
    for await (const entry of kv.list(['p', 'doc'])) found.push(entry);
    expect(found.map((e) => e.value).sort()).toEqual([0, 1, 2]);
    expect(found.find((e) => e.value === 1)?.key).toEqual(['p', 'doc', 'https://a.example/1']);
  });
});

describeEachEngine('Fedify message queue on the database', (database) => {
  it("passes Fedify's own tests of a message queue: delays, batches, and each message to one of two listeners", async () => {
    const db = database().db;
    await testMessageQueue(
      () => new DatabaseMessageQueue(db, { pollMs: 20, leaseMs: 60_000 }),
      ({ controller }) => controller.abort(),
    );
    expect(await db.selectFrom('federation_queue').select('id').execute()).toHaveLength(0);
  }, 60_000);

  it('hands each message to one listener, after its delay, and deletes it once handled', async () => {
    const db = database().db;
    const queue = new DatabaseMessageQueue(db, { pollMs: 20, leaseMs: 60_000 });
    const seen: unknown[] = [];
    const stop = new AbortController();
    const listening = Promise.all([
      queue.listen((m) => void seen.push(m), { signal: stop.signal }),
      queue.listen((m) => void seen.push(m), { signal: stop.signal }),
    ]);
    await queue.enqueue({ n: 1 });
    await queue.enqueue({ n: 2 }, { delay: duration(300) });
    await queue.enqueueMany([{ n: 3 }, { n: 4 }]);
    await expect.poll(() => seen.length).toBe(3);
    expect(seen).not.toContainEqual({ n: 2 });
    await expect.poll(() => seen.length, { timeout: 3000 }).toBe(4);
    stop.abort();
    await listening;
    expect(seen).toEqual(expect.arrayContaining([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]));
    expect(await db.selectFrom('federation_queue').select('id').execute()).toHaveLength(0);
  });

  it('keeps a message whose handler failed or whose process died, and hands it out again after the lease', async () => {
    const db = database().db;
    let now = Date.now();
    const queue = new DatabaseMessageQueue(db, { pollMs: 20, leaseMs: 5_000, now: () => now });
    await queue.enqueue({ job: 'crash' });
    // The first process takes it and never finishes (killed): its claim stands until the lease passes.
    const first = new AbortController();
    let taken = 0;
    const dying = queue.listen(() => {
      taken += 1;
      throw new Error('killed mid-way');
    }, { signal: first.signal });
    await expect.poll(() => taken).toBe(1);
    first.abort();
    await dying;
    expect(await db.selectFrom('federation_queue').select('id').execute()).toHaveLength(1);

    const handled: unknown[] = [];
    const second = new AbortController();
    const listening = queue.listen((m) => void handled.push(m), { signal: second.signal });
    await new Promise((r) => setTimeout(r, 100));
    expect(handled).toEqual([]);
    now += 5_001;
    await expect.poll(() => handled).toEqual([{ job: 'crash' }]);
    second.abort();
    await listening;
    expect(await db.selectFrom('federation_queue').select('id').execute()).toHaveLength(0);
    expect(await queue.getDepth()).toEqual({ queued: 0, ready: 0, delayed: 0 });
  });
});
