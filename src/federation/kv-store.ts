/**
 * Fedify's key–value store on Herald's database (table `federation_kv`): its caches of remote
 * documents and keys, and the marks that make inbox handling idempotent. One table on both
 * engines, so every app process sees the same marks.
 */
import { sql, type Kysely } from 'kysely';
import type { KvKey, KvStore, KvStoreListEntry, KvStoreSetOptions } from '@fedify/fedify';
import type { Schema } from '../db/schema.js';

function keyText(key: KvKey): string {
  return JSON.stringify(key);
}

function expiry(options: KvStoreSetOptions | undefined, now: number): string | null {
  const ms = options?.ttl?.total('millisecond');
  return ms === undefined ? null : new Date(now + ms).toISOString();
}

export class DatabaseKvStore implements KvStore {
  readonly #db: Kysely<Schema>;
  readonly #now: () => number;

  constructor(db: Kysely<Schema>, now: () => number = Date.now) {
    this.#db = db;
    this.#now = now;
  }

  #live() {
    const iso = new Date(this.#now()).toISOString();
    return this.#db.selectFrom('federation_kv').where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', iso)]));
  }

  async get<T = unknown>(key: KvKey): Promise<T | undefined> {
    const row = await this.#live().select('value').where('key', '=', keyText(key)).executeTakeFirst();
    return row ? (JSON.parse(row.value) as T) : undefined;
  }

  async set(key: KvKey, value: unknown, options?: KvStoreSetOptions): Promise<void> {
    const row = { key: keyText(key), value: JSON.stringify(value), expires_at: expiry(options, this.#now()) };
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
    const expires_at = expiry(options, now);
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
