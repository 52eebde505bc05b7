/**
 * The classifier as the app uses it: the model lives in the database (table spam_weights),
 * loaded from the shipped starting model on first use, read per comment and taught by every
 * moderator decision. Several app processes share it because they share the database.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { spamProbability, teach, type Weights } from './classifier.js';
import { featureHashes } from './features.js';
import { readShippedModel } from './model-file.js';
import { addToWeights, BIAS_FEATURE, hasWeights, insertWeights, loadWeights } from './spam.repository.js';

const loaded = new WeakSet<object>();

/** Loads the shipped starting model into an empty database; a no-op once done. */
export async function ensureSpamModel(db: Kysely<Schema>): Promise<void> {
  if (loaded.has(db)) return;
  if (!(await hasWeights(db))) {
    const model = readShippedModel();
    const rows = [...model.entries()].map(([feature, weight]) => ({ feature, weight }));
    await inTransaction(db, async (trx) => {
      await insertWeights(trx, rows);
      // The bias goes last: its presence is what says "the model is loaded".
      await insertWeights(trx, [{ feature: BIAS_FEATURE, weight: model.bias }]);
    });
  }
  loaded.add(db);
}

async function weightsFor(db: Kysely<Schema>, hashes: readonly number[]): Promise<Weights> {
  await ensureSpamModel(db);
  const found = await loadWeights(db, hashes);
  return { bias: found.get(BIAS_FEATURE) ?? 0, weightOf: (hash) => found.get(hash) ?? 0 };
}

/** The classifier's spam probability for a comment's text, its writer's name and website, with the site's current model. */
export async function classifyText(db: Kysely<Schema>, text: string, name = '', website = ''): Promise<number> {
  const hashes = featureHashes(text, name, website);
  return spamProbability(await weightsFor(db, hashes), hashes);
}

/** Teaches the model that this comment (text, writer's name and website) is (or is not) spam: a moderator decided. */
export async function learnText(db: Kysely<Schema>, text: string, spam: boolean, name = '', website = ''): Promise<void> {
  const hashes = featureHashes(text, name, website);
  const step = teach(await weightsFor(db, hashes), hashes, spam);
  const deltas = [...step.deltas].map(([feature, weight]) => ({ feature, weight }));
  deltas.push({ feature: BIAS_FEATURE, weight: step.biasDelta });
  await addToWeights(db, deltas);
}
