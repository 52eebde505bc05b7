import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';

/** The row that holds the bias; feature hashes are never negative. */
export const BIAS_FEATURE = -1;

export async function hasWeights(db: Kysely<Schema>): Promise<boolean> {
  return !!(await db.selectFrom('spam_weights').select('feature').where('feature', '=', BIAS_FEATURE).executeTakeFirst());
}

/** The weights of these features (and the bias); missing ones are 0. */
export async function loadWeights(db: Kysely<Schema>, features: readonly number[]): Promise<Map<number, number>> {
  const wanted = [BIAS_FEATURE, ...features];
  const found = new Map<number, number>();
  // Chunked: SQLite allows a limited number of parameters per statement.
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('spam_weights')
      .select(['feature', 'weight'])
      .where('feature', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.feature, Number(row.weight));
  }
  return found;
}

/** Inserts rows that are not there yet: how the shipped model is loaded, by whichever process comes first. */
export async function insertWeights(db: Kysely<Schema>, rows: Array<{ feature: number; weight: number }>): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    await db
      .insertInto('spam_weights')
      .values(rows.slice(i, i + 400))
      .onConflict((oc) => oc.column('feature').doNothing())
      .execute();
  }
}

/** Adds deltas atomically per row, so processes learning at the same time never lose an update. */
export async function addToWeights(db: Kysely<Schema>, deltas: Array<{ feature: number; weight: number }>): Promise<void> {
  for (let i = 0; i < deltas.length; i += 400) {
    await db
      .insertInto('spam_weights')
      .values(deltas.slice(i, i + 400))
      .onConflict((oc) => oc.column('feature').doUpdateSet({ weight: sql`spam_weights.weight + excluded.weight` }))
      .execute();
  }
}
