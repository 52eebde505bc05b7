import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely, type RawBuilder } from 'kysely';

/** The engine a migration runs on, read from Kysely's adapter. */
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** An auto-incrementing integer primary key, spelled the way each engine wants it. */
export function withId<T extends string>(db: Kysely<any>, table: CreateTableBuilder<T, never>) {
  return isPostgres(db)
    ? table.addColumn('id', 'serial', (c) => c.primaryKey())
    : table.addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement());
}

/**
 * Several index ranges read in one round trip: one query per key (each typically a
 * newest-first subquery with a LIMIT), joined by UNION ALL. `keys` must not be empty.
 */
export function unionAllOf<K, Q extends { unionAll(other: Q): Q }>(keys: K[], queryOf: (key: K) => Q): Q {
  return keys.slice(1).reduce((all, key) => all.unionAll(queryOf(key)), queryOf(keys[0]));
}

/**
 * A LIMIT for raw SQL, written into the text as the query compiler writes every other one
 * (see database.ts: SQLite plans `LIMIT ?` as if the limit were unknown). Only a whole
 * number of rows passes, so nothing but digits reaches the text.
 */
export function rowCount(n: number): RawBuilder<number> {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a number of rows: ${n}`);
  return sql.lit(n);
}
