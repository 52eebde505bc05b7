/**
 * The classifier as the app uses it: the model lives in the database (table spam_weights),
 * the shipped starting model plus what every moderator decision taught, read per comment.
 * Several app processes share it because they share the database. When a release ships a new
 * model.json, the starting weights are swapped on first use and what moderators taught stays.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';
import { spamProbability, teach, type Weights } from './classifier.js';
import { featureHashes } from './features.js';
import { shippedModel, type ShippedModel } from './model-file.js';
import { addLearned, BIAS_FEATURE, loadedModelDigest, loadLearned, loadWeights, replaceStartingWeights } from './spam.repository.js';

/** Which model each open database was last seen holding, so the check runs once per process. */
const current = new WeakMap<object, string>();

/** Loads the shipped starting model into the database unless it holds that one already; a no-op once done. */
export async function ensureSpamModel(db: Kysely<Schema>, shipped: ShippedModel = shippedModel()): Promise<void> {
  if (current.get(db) === shipped.digest) return;
  if ((await loadedModelDigest(db)) !== shipped.digest) {
    const rows = [...shipped.model.entries()].map(([feature, weight]) => ({ feature, weight }));
    rows.push({ feature: BIAS_FEATURE, weight: shipped.model.bias });
    await inTransaction(db, (trx) => replaceStartingWeights(trx, rows, shipped.digest));
  }
  current.set(db, shipped.digest);
}

function asWeights(found: Map<number, number>, starting?: Weights): Weights {
  return {
    bias: (starting?.bias ?? 0) + (found.get(BIAS_FEATURE) ?? 0),
    weightOf: (hash) => (starting?.weightOf(hash) ?? 0) + (found.get(hash) ?? 0),
  };
}

async function weightsFor(db: Kysely<Schema>, hashes: readonly number[]): Promise<Weights> {
  await ensureSpamModel(db);
  return asWeights(await loadWeights(db, hashes));
}

/** The classifier's spam probability for a comment's text, its writer's name and website, with the site's current model. */
export async function classifyText(db: Kysely<Schema>, text: string, name = '', website = ''): Promise<number> {
  const hashes = featureHashes(text, name, website);
  return spamProbability(await weightsFor(db, hashes), hashes);
}

/**
 * The same probability without writing to the database (for `herald spam score`): when the
 * database does not hold the shipped model yet, the shipped weights in memory plus what the
 * site's moderators taught, which is what the site will score once it loads it.
 */
export async function classifyTextReadOnly(db: Kysely<Schema>, text: string, name = '', website = ''): Promise<number> {
  const hashes = featureHashes(text, name, website);
  const shipped = shippedModel();
  if ((await loadedModelDigest(db)) === shipped.digest) return spamProbability(asWeights(await loadWeights(db, hashes)), hashes);
  return spamProbability(asWeights(await loadLearned(db, hashes), shipped.model), hashes);
}

/** Teaches the model that this comment (text, writer's name and website) is (or is not) spam: a moderator decided. */
export async function learnText(db: Kysely<Schema>, text: string, spam: boolean, name = '', website = ''): Promise<void> {
  const hashes = featureHashes(text, name, website);
  const step = teach(await weightsFor(db, hashes), hashes, spam);
  const deltas = [...step.deltas].map(([feature, learned]) => ({ feature, learned }));
  deltas.push({ feature: BIAS_FEATURE, learned: step.biasDelta });
  await addLearned(db, deltas);
}
