/**
 * The starting model as it ships in the repository (model.json): the bias and the weights of
 * the features that matter, quantized to thousandths, hashes sorted and delta-encoded so the
 * file stays small. `npm run spam:train` writes it; the app loads it into the database once.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { HASH_BITS } from './features.js';
import { WeightTable } from './classifier.js';

export const MODEL_FILE = new URL('./model.json', import.meta.url);

export interface ModelFile {
  format: 'herald-spam-lr-1';
  hashBits: number;
  trainedOn: string;
  bias: number;
  /** Delta-encoded sorted feature hashes. */
  features: number[];
  /** Weights × 1000, rounded, in the order of `features`. */
  weights: number[];
}

const QUANTUM = 1000;

export function encodeModel(table: WeightTable, trainedOn: string, minWeight: number): ModelFile {
  const kept = [...table.entries()].filter(([, w]) => Math.abs(w) >= minWeight).sort((a, b) => a[0] - b[0]);
  let previous = 0;
  return {
    format: 'herald-spam-lr-1',
    hashBits: HASH_BITS,
    trainedOn,
    bias: Math.round(table.bias * QUANTUM) / QUANTUM,
    features: kept.map(([hash]) => {
      const delta = hash - previous;
      previous = hash;
      return delta;
    }),
    weights: kept.map(([, w]) => Math.round(w * QUANTUM)),
  };
}

export function decodeModel(file: ModelFile): WeightTable {
  if (file.format !== 'herald-spam-lr-1' || file.hashBits !== HASH_BITS) {
    throw new Error(`the spam model file has format ${file.format}/${file.hashBits} bits; this version reads herald-spam-lr-1/${HASH_BITS}`);
  }
  const table = new WeightTable();
  table.bias = file.bias;
  let hash = 0;
  file.features.forEach((delta, i) => {
    hash += delta;
    table.weights[hash] = file.weights[i] / QUANTUM;
  });
  return table;
}

export interface ShippedModel {
  model: WeightTable;
  /** SHA-256 of the file: which release's model this is. */
  digest: string;
}

let shipped: ShippedModel | undefined;

/** model.json, read once per process. */
export function shippedModel(): ShippedModel {
  if (!shipped) {
    const text = readFileSync(MODEL_FILE, 'utf8');
    shipped = { model: decodeModel(JSON.parse(text) as ModelFile), digest: createHash('sha256').update(text).digest('hex') };
  }
  return shipped;
}

export function readShippedModel(): WeightTable {
  return shippedModel().model;
}
