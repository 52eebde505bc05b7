/**
 * Fedify's key–value store on Herald's database (table `federation_kv`): its caches of remote
 * documents and keys, and the marks that make inbox handling idempotent. One table on both
 * engines, so every app process sees the same marks.
 *
 * Everything Fedify keeps here can be fetched or made again, so nothing is kept for ever: an
 * entry lives for the time to live Fedify gives it, or DEFAULT_TTL_MS when it gives none (its
 * cache of remote public keys, which it fetches again when a signature stops matching). An
 * expired entry is deleted when it is read, and all of them every SWEEP_EVERY_MS, by the
 * first write after that time in each process.
 */
import { sql, type Kysely } from 'kysely';
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import type { Schema } from '../db/schema.js';

export const DEFAULT_TTL_MS = 30 * 24 * 3600_000;
export const SWEEP_EVERY_MS = 10 * 60_000;

export interface KvStoreOptions {
  now?: () => number;
  defaultTtlMs?: number;
  sweepEveryMs?: number;
}

function keyText(key: KvKey): string {
  return JSON.stringify(key);
}

export class DatabaseKvStore implements KvStore {
  readonly #db: Kysely<Schema>;
  readonly #now: () => number;
  readonly #defaultTtlMs: number;
  readonly #sweepEveryMs: number;
  #lastSweep: number;

  constructor(db: Kysely<Schema>, options: KvStoreOptions = {}) {
    this.#db = db;
    this.#now = options.now ?? Date.now;
    this.#defaultTtlMs = options.defaultTtlMs ?? DEFAULT_TTL_MS;
    this.#sweepEveryMs = options.sweepEveryMs ?? SWEEP_EVERY_MS;
    this.#lastSweep = this.#now();
  }

  #expiry(options: KvStoreSetOptions | undefined, now: number): string {
    return new Date(now + (options?.ttl?.total('millisecond') ?? this.#defaultTtlMs)).toISOString();
  }

  /** Deletes every expired entry; answers how many went. */
  async sweep(): Promise<number> {
    const now = this.#now();
    this.#lastSweep = now;
    const result = await this.#db.deleteFrom('federation_kv').where('expires_at', '<=', new Date(now).toISOString()).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  #live() {
    const iso = new Date(this.#now()).toISOString();
    return this.#db.selectFrom('federation_kv').where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', iso)]));
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const text = keyText(key);
    const row = await this.#db.selectFrom('federation_kv').select(['value', 'expires_at']).where('key', '=', text).executeTakeFirst();
    if (!row) return undefined;
    const now = new Date(this.#now()).toISOString();
    if (row.expires_at === null || row.expires_at > now) return JSON.parse(row.value) as T;
    // Only if still expired: another process may have set it afresh meanwhile.
    await this.#db.deleteFrom('federation_kv').where('key', '=', text).where('expires_at', '<=', now).execute();
    return undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const now = this.#now();
    if (now - this.#lastSweep >= this.#sweepEveryMs) await this.sweep();
    const row = { key: keyText(key), value: JSON.stringify(value), expires_at: this.#expiry(options, now) };
    await this.#db
      .insertInto('federation_kv')
      .values(row)
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: row.value, expires_at: row.expires_at }))
      .execute();
  }

  async delete(key: KvKey): Promise<void> {
    await this.#db.deleteFrom('federation_kv').where('key', '=', keyText(key)).execute();
  }

  /** Sets `key` only if it holds `expectedValue` (undefined: holds nothing); one statement each way, so two processes never both win. */
  async cas(key: KvKey, expectedValue: unknown, newValue: unknown, options?: KvStoreSetOptions): Promise<boolean> {
    const text = keyText(key);
    const now = this.#now();
    const value = JSON.stringify(newValue);
    const expires_at = this.#expiry(options, now);
    // An expired entry holds nothing.
    await this.#db.deleteFrom('federation_kv').where('key', '=', text).where('expires_at', '<=', new Date(now).toISOString()).execute();
    if (expectedValue === undefined) {
      const result = await this.#db.insertInto('federation_kv').values({ key: text, value, expires_at }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    }
    const result = await this.#db
      .updateTable('federation_kv')
      .set({ value, expires_at })
      .where('key', '=', text)
      .where('value', '=', JSON.stringify(expectedValue))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async *list(prefix?: KvKey): AsyncIterable<KvStoreListEntry> {
    let query = this.#live().select(['key', 'value']);
    if (prefix) {
      const exact = keyText(prefix);
      const under = `${exact.slice(0, -1)},`;
      const pattern = `${under.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      query = query.where((eb) => eb.or([eb('key', '=', exact), sql<boolean>`${sql.ref('key')} like ${pattern} escape '\\'`]));
      // SQLite's LIKE ignores case: the prefix is checked again exactly below.
      for (const row of await query.orderBy('key').execute()) {
        if (row.key === exact || row.key.startsWith(under)) yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) };
      }
      return;
    }
    for (const row of await query.orderBy('key').execute()) yield { key: JSON.parse(row.key) as KvKey, value: JSON.parse(row.value) };
  }
}
