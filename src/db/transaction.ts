import type { Kysely, Transaction } from 'kysely';

/**
 * Runs `work` in a transaction, joining the caller's when there is one, so that services
 * compose: creating a section inside the save of an article is one atomic write.
 */
export function inTransaction<DB, T>(db: Kysely<DB>, work: (trx: Transaction<DB> | Kysely<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return work(db);
  return db.transaction().execute(work);
}
