/**
 * The statistical layer: logistic regression over hashed word, word-pair and character
 * 4-gram features (see features.ts), trained by stochastic gradient descent, with e-mails as
 * extra data for the comments it is meant for (see `WeightTable.train`).
 *
 * Why logistic regression rather than naive Bayes: we measured both (npm run spam:eval). Naive
 * Bayes counts every character 4-gram of a word as independent evidence, and comment spam is
 * longer than comment ham, so it called a third of short, harmless YouTube comments spam;
 * logistic regression learns how much each feature is worth given the others and held the
 * false-positive rate under 3 % on the same data.
 *
 * Why it still suits a newsroom's database: the model is one number per hashed feature plus a
 * bias. Learning from a moderator's decision is one gradient step on that comment's features,
 * i.e. "add a small delta to a few hundred rows", which several app processes can do at once
 * (each update is an atomic `weight = weight + delta`) without retraining or locking anything.
 * Inputs are binary and scaled by 1/√(number of features), so a two-line comment and a long
 * e-mail land on the same scale.
 */

import { HASH_BITS } from './features.js';

export interface Weights {
  bias: number;
  /** The weight of a hashed feature; 0 for one never learned. */
  weightOf(hash: number): number;
}

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

function scale(featureCount: number): number {
  return 1 / Math.sqrt(Math.max(featureCount, 1));
}

/** The spam probability of a text, from its feature hashes: 0 surely ham, 1 surely spam. */
export function spamProbability(weights: Weights, hashes: readonly number[]): number {
  const x = scale(hashes.length);
  let z = weights.bias;
  for (const hash of hashes) z += weights.weightOf(hash) * x;
  return sigmoid(z);
}

/** How far one gradient step moves the weights; the bias moves more slowly than the features. */
export const LEARNING_RATE = 0.5;
const BIAS_RATE = 0.1;

export interface Step {
  /** Change of each feature's weight. */
  deltas: Map<number, number>;
  biasDelta: number;
}

/** Where a moderator's decision moves the score of the text decided on: well past "unsure". */
const TAUGHT_HAM = 0.3;
const TAUGHT_SPAM = 0.7;
/** At most this much log-odds per decision, so one click cannot overturn what thousands of texts taught. */
const MAX_SHIFT = 6;

/**
 * The change that teaches the model one labelled text: a passive-aggressive update (Crammer et
 * al., 2006). If the model already agrees with the moderator by a margin, nothing changes;
 * otherwise the text's features move just enough (capped) for its score to cross the margin.
 * Because inputs are scaled to unit length, adding Δ·x to the weights moves the text's
 * log-odds by exactly Δ. The bias stays: one comment says nothing about how common spam is.
 */
export function teach(weights: Weights, hashes: readonly number[], spam: boolean): Step {
  const p = spamProbability(weights, hashes);
  const target = spam ? TAUGHT_SPAM : TAUGHT_HAM;
  const deltas = new Map<number, number>();
  if (spam ? p >= target : p <= target) return { deltas, biasDelta: 0 };
  const logit = (q: number) => Math.log(q / (1 - q));
  const needed = logit(target) - logit(Math.min(Math.max(p, 1e-9), 1 - 1e-9));
  const shift = Math.max(-MAX_SHIFT, Math.min(MAX_SHIFT, needed));
  const x = scale(hashes.length);
  for (const hash of hashes) deltas.set(hash, shift * x);
  return { deltas, biasDelta: 0 };
}

export interface Example {
  hashes: number[];
  spam: boolean;
  /** How much this example counts (comments weigh more than e-mails when training for comments). */
  weight?: number;
  /**
   * A comment: the kind of text the site scores. When some examples are, the others (e-mails)
   * teach only the weights shared by both kinds (see `WeightTable.train`).
   */
  inDomain?: boolean;
}

/** Weights held in memory: for the training script, the evaluation and the shipped model. */
export class WeightTable implements Weights {
  bias = 0;
  // A dense array over the whole hash space: training touches millions of weights, and an
  // array is many times faster than a Map for that (8 MB, only while training or evaluating).
  readonly weights = new Float64Array(1 << HASH_BITS);

  weightOf(hash: number): number {
    return this.weights[hash];
  }

  /** The features with a weight, as [hash, weight] pairs in hash order. */
  *entries(): Generator<[number, number]> {
    for (let hash = 0; hash < this.weights.length; hash++) if (this.weights[hash] !== 0) yield [hash, this.weights[hash]];
  }

  apply(step: Step): void {
    this.bias += step.biasDelta;
    for (const [hash, delta] of step.deltas) this.weights[hash] += delta;
  }

  /**
   * Stochastic gradient descent over the examples, in a fixed pseudo-random order (so a run
   * is reproducible), with a slowly decaying rate and a light L2 penalty.
   *
   * When some examples are in the domain the site scores (comments) and others are not
   * (e-mails), each feature gets two weights, one shared by both kinds and one of the comments'
   * own: feature augmentation (Daumé III, "Frustratingly easy domain adaptation", 2007). An
   * e-mail teaches the shared weight only; a comment both, so where comments disagree with
   * e-mails ("subscribe", "my channel") the comments' own weight corrects the shared one
   * instead of being outvoted by five times as many e-mails (in cross-validation on the
   * YouTube training split: spam caught with 1 % of real comments flagged, 83 % → 90 %).
   * A comment sees each feature twice (2n inputs), so once trained the two weights fold
   * into the one weight per feature that the site keeps: (shared + own) / √2, and the
   * comments' own bias into the bias. Scores of comments are unchanged by the folding.
   *
   * `orderNumber` picks one of many fixed orders of the examples (see `averageOfOrders`).
   */
  train(examples: readonly Example[], epochs = 8, l2 = 1e-6, orderNumber = 0): this {
    const shared = this.weights;
    const own = examples.some((e) => e.inDomain) ? new Float64Array(shared.length) : null;
    let ownBias = 0;
    const order = examples.map((_, i) => i);
    let t = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = (i * 7919 + epoch * 104729 + orderNumber * 15485863) % (i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const index of order) {
        const example = examples[index];
        const ownWeights = example.inDomain ? own : null;
        const rate = LEARNING_RATE / (1 + 1e-5 * t++);
        const x = scale(example.hashes.length * (ownWeights ? 2 : 1));
        let z = this.bias + (ownWeights ? ownBias : 0);
        for (const hash of example.hashes) z += (shared[hash] + (ownWeights ? ownWeights[hash] : 0)) * x;
        const error = ((example.spam ? 1 : 0) - sigmoid(z)) * (example.weight ?? 1);
        this.bias += rate * BIAS_RATE * error;
        if (ownWeights) ownBias += rate * BIAS_RATE * error;
        for (const hash of example.hashes) {
          shared[hash] += rate * (error * x - l2 * shared[hash]);
          if (ownWeights) ownWeights[hash] += rate * (error * x - l2 * ownWeights[hash]);
        }
      }
    }
    if (own) {
      for (let hash = 0; hash < shared.length; hash++) shared[hash] = (shared[hash] + own[hash]) / Math.SQRT2;
      this.bias += ownBias;
    }
    return this;
  }
}

/**
 * The mean of the weights trained over several orders of the same examples. One SGD run ends
 * wherever its last few hundred examples pushed it, so which real comment lands just past a
 * threshold depends on the order; the mean of a few runs is a steadier line through the same
 * data, and a linear model still (one weight per feature, as the database keeps it). In
 * cross-validation on the YouTube training split, four orders instead of one raised the chance
 * of meeting all three targets on a 70-comment split in each of four settings tried (see
 * docs/benchmarks.md).
 */
export function averageOfOrders(orders: number, train: (table: WeightTable, order: number) => WeightTable): WeightTable {
  const mean = new WeightTable();
  for (let order = 0; order < orders; order++) {
    const run = train(new WeightTable(), order);
    mean.bias += run.bias / orders;
    for (let hash = 0; hash < run.weights.length; hash++) mean.weights[hash] += run.weights[hash] / orders;
  }
  return mean;
}
