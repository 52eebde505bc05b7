/**
 * The statistical layer: logistic regression over hashed word, word-pair and character
 * 4-gram features (see features.ts), trained by stochastic gradient descent.
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

/**
 * The gradient steps that teach the model one labelled text, repeated (up to `maxSteps`) until
 * the model agrees with the label by `margin`: a moderator's "not spam" must visibly lower the
 * score of the same text, not just nudge it. Returns the summed changes, for the caller to apply.
 */
export function teach(weights: Weights, hashes: readonly number[], spam: boolean, maxSteps = 4, margin = 0.3): Step {
  const deltas = new Map<number, number>();
  let biasDelta = 0;
  const x = scale(hashes.length);
  const current: Weights = { bias: weights.bias, weightOf: (h) => weights.weightOf(h) + (deltas.get(h) ?? 0) };
  for (let step = 0; step < maxSteps; step++) {
    const p = spamProbability({ ...current, bias: weights.bias + biasDelta }, hashes);
    const error = (spam ? 1 : 0) - p;
    if (Math.abs(error) < margin && step > 0) break;
    for (const hash of hashes) deltas.set(hash, (deltas.get(hash) ?? 0) + LEARNING_RATE * error * x);
    biasDelta += LEARNING_RATE * BIAS_RATE * error;
  }
  return { deltas, biasDelta };
}

export interface Example {
  hashes: number[];
  spam: boolean;
  /** How much this example counts (comments weigh more than e-mails when training for comments). */
  weight?: number;
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
   */
  train(examples: readonly Example[], epochs = 8, l2 = 1e-6): this {
    const order = examples.map((_, i) => i);
    let t = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = (i * 7919 + epoch * 104729) % (i + 1);
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (const index of order) {
        const example = examples[index];
        const rate = LEARNING_RATE / (1 + 1e-5 * t++);
        const x = scale(example.hashes.length);
        const error = ((example.spam ? 1 : 0) - spamProbability(this, example.hashes)) * (example.weight ?? 1);
        this.bias += rate * BIAS_RATE * error;
        for (const hash of example.hashes) {
          this.weights[hash] += rate * (error * x - l2 * this.weights[hash]);
        }
      }
    }
    return this;
  }
}
