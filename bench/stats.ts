/**
 * Pure helpers of the benchmarks: a seeded random source, a Zipf sampler, and the summaries
 * the reports print (median and spread of rounds, percentiles of latencies).
 */

/** Mulberry32: a small deterministic generator, so that every run measures the same corpus and queries. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/**
 * Ranks 0…n−1 drawn with probability proportional to 1 / (rank + 1)^exponent: word use in
 * natural text, where a few words are everywhere and most words are rare.
 */
export class Zipf {
  readonly #cumulative: Float64Array;

  constructor(
    readonly size: number,
    readonly exponent: number,
    private readonly random: () => number,
  ) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a Zipf distribution needs at least one rank (got ${size})`);
    this.#cumulative = new Float64Array(size);
    let total = 0;
    for (let rank = 0; rank < size; rank += 1) {
      total += 1 / (rank + 1) ** exponent;
      this.#cumulative[rank] = total;
    }
  }

  /** The probability of `rank`. */
  probability(rank: number): number {
    const total = this.#cumulative[this.size - 1];
    return (this.#cumulative[rank] - (rank > 0 ? this.#cumulative[rank - 1] : 0)) / total;
  }

  /** One rank: a binary search of the cumulative weights. */
  sample(): number {
    const target = this.random() * this.#cumulative[this.size - 1];
    let low = 0;
    let high = this.size - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.#cumulative[middle] < target) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

export interface Spread {
  median: number;
  min: number;
  max: number;
  n: number;
}

/** The median (the mean of the two middle values for an even count) and the range. */
export function spread(values: number[]): Spread {
  if (values.length === 0) throw new Error('no values to summarise');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1], n: sorted.length };
}

/** The nearest-rank percentile: the smallest value with at least p % of the values at or below it. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) throw new Error('no values to summarise');
  if (!(p > 0 && p <= 100)) throw new Error(`a percentile is in (0, 100] (got ${p})`);
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.ceil((p / 100) * sorted.length) - 1];
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: number[]): Percentiles {
  return { n: values.length, p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: Math.max(...values) };
}

/** Rotates a list by `by` places: round r of an interleaved benchmark starts with the r-th configuration. */
export function rotate<T>(list: readonly T[], by: number): T[] {
  const shift = ((by % list.length) + list.length) % list.length;
  return [...list.slice(shift), ...list.slice(0, shift)];
}

/**
 * A share of the ceiling, as a reader should take it. Nothing a server does per request is
 * cheaper than the ceiling's own write of the same bytes, so a share above 100 % (or a
 * range reaching past it) says how noisy the machine was, not that the server is faster.
 */
export function ceilingShare(perRound: number[]): { share: Spread; verdict: string } {
  const share = spread(perRound);
  const percent = (value: number) => `${Math.round(value * 100)} %`;
  const range = `${percent(share.median)} (${percent(share.min)}–${percent(share.max)} over ${share.n} rounds)`;
  if (share.median > 1) return { share, verdict: `${range}: above 100 % is noise, not a result — indistinguishable from the ceiling on this run` };
  if (share.max > 1) return { share, verdict: `${range}: the range reaches past 100 %, so this run cannot tell it from the ceiling` };
  return { share, verdict: range };
}
