import { sql, type Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { nowIso } from '../../db/time.js';

/** The row that holds the bias; feature hashes are never negative. */
export const BIAS_FEATURE = -1;

/** The SHA-256 of the shipped model file the starting weights came from; null before any was loaded. */
export async function loadedModelDigest(db: Kysely<Schema>): Promise<string | null> {
  const row = await db.selectFrom('spam_model').select('digest').where('id', '=', 1).executeTakeFirst();
  return row?.digest ?? null;
}

async function readWeights(db: Kysely<Schema>, features: readonly number[], part: 'total' | 'learned'): Promise<Map<number, number>> {
  const wanted = [BIAS_FEATURE, ...features];
  const found = new Map<number, number>();
  // Chunked: SQLite allows a limited number of parameters per statement.
  for (let i = 0; i < wanted.length; i += 500) {
    const rows = await db
      .selectFrom('spam_weights')
      .select(['feature', part === 'total' ? sql<number>`weight + learned`.as('value') : sql<number>`learned`.as('value')])
      .where('feature', 'in', wanted.slice(i, i + 500))
      .execute();
    for (const row of rows) found.set(row.feature, Number(row.value));
  }
  return found;
}

/** The weights of these features (and the bias), the starting model's plus what moderators taught; missing ones are 0. */
export function loadWeights(db: Kysely<Schema>, features: readonly number[]): Promise<Map<number, number>> {
  return readWeights(db, features, 'total');
}

/** Only what moderators taught, for these features (and the bias). */
export function loadLearned(db: Kysely<Schema>, features: readonly number[]): Promise<Map<number, number>> {
  return readWeights(db, features, 'learned');
}

/**
 * Makes `rows` the starting weights, every other feature's starting weight 0, and `digest` the
 * model they came from; what moderators taught stays. Idempotent, so two processes starting at
 * once both arrive at the same table.
 */
export async function replaceStartingWeights(trx: Kysely<Schema>, rows: Array<{ feature: number; weight: number }>, digest: string): Promise<void> {
  await trx.updateTable('spam_weights').set({ weight: 0 }).where('weight', '!=', 0).execute();
  for (let i = 0; i < rows.length; i += 400) {
    await trx
      .insertInto('spam_weights')
      .values(rows.slice(i, i + 400))
      .onConflict((oc) => oc.column('feature').doUpdateSet({ weight: (eb) => eb.ref('excluded.weight') }))
      .execute();
  }
  await trx.deleteFrom('spam_weights').where('weight', '=', 0).where('learned', '=', 0).execute();
  await trx
    .insertInto('spam_model')
    .values({ id: 1, digest, loaded_at: nowIso() })
    .onConflict((oc) => oc.column('id').doUpdateSet({ digest, loaded_at: nowIso() }))
    .execute();
}

/** Adds what a decision taught, atomically per row, so processes learning at the same time never lose an update. */
export async function addLearned(db: Kysely<Schema>, deltas: Array<{ feature: number; learned: number }>): Promise<void> {
  for (let i = 0; i < deltas.length; i += 400) {
    await db
      .insertInto('spam_weights')
      .values(deltas.slice(i, i + 400).map(({ feature, learned }) => ({ feature, weight: 0, learned })))
      .onConflict((oc) => oc.column('feature').doUpdateSet({ learned: sql`spam_weights.learned + excluded.learned` }))
      .execute();
  }
}
