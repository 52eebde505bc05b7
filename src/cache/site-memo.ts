import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

/**
 * Site-wide data that nearly every page reads and that rarely changes (the settings, the
 * sections), kept in memory per database instead of being read several times per request.
 *
 * Exactness: every committed write in this process forgets it (cache.plugin.ts, before the
 * write answers), and so does every site-wide invalidation arriving from another process
 * (settings and sections changes are site-wide). The promise itself is kept, so concurrent
 * readers share one load, and a load that fails is forgotten. Inside a transaction the
 * database is read directly: the transaction may have changed what is remembered.
 */
const memos = new WeakMap<object, Map<string, Promise<unknown>>>();

export function remembered<T>(db: Kysely<Schema>, name: string, load: () => Promise<T>): Promise<T> {
  if (db.isTransaction) return load();
  let memo = memos.get(db);
  if (!memo) memos.set(db, (memo = new Map()));
  const known = memo.get(name) as Promise<T> | undefined;
  if (known) return known;
  const loading = load();
  memo.set(name, loading);
  loading.catch(() => {
    if (memo.get(name) === loading) memo.delete(name);
  });
  return loading;
}

/** Drops what is remembered for this database: the next reader loads it afresh. */
export function forgetSiteData(db: object): void {
  memos.get(db)?.clear();
}
