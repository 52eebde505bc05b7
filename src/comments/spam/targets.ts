/**
 * The targets the default thresholds must meet on real comments the model never saw, and how
 * a set of judged comments stands against them. Shared by `npm run spam:tune` (which chooses
 * the settings on the training split) and `npm run spam:eval` (which reports the shipped
 * filter on the held-out split).
 */

/** At most these shares: real comments marked spam, real comments held, spam let through. */
export const TARGETS = { realMarkedSpam: 0.01, realHeld: 0.05, spamMissed: 0.05 } as const;

/** Where a set of judged comments lands against the targets. */
export interface Outcome {
  /** Real comments marked spam (target < 1 %). */
  realMarkedSpam: number;
  /** Real comments held for a moderator (target < 5 %). */
  realHeld: number;
  /** Spam held or marked (target > 95 %). */
  spamCaught: number;
  /** Spam marked outright, which no moderator has to look at. */
  spamMarked: number;
  real: number;
  spam: number;
}

export function outcomeOf(judged: ReadonlyArray<{ spam: boolean; score: number }>, hold: number, spamAt: number): Outcome {
  const real = judged.filter((j) => !j.spam);
  const spam = judged.filter((j) => j.spam);
  return {
    realMarkedSpam: real.filter((j) => j.score >= spamAt).length,
    realHeld: real.filter((j) => j.score >= hold && j.score < spamAt).length,
    spamCaught: spam.filter((j) => j.score >= hold).length,
    spamMarked: spam.filter((j) => j.score >= spamAt).length,
    real: real.length,
    spam: spam.length,
  };
}

export function meetsTargets(o: Outcome): boolean {
  return (
    o.realMarkedSpam / o.real < TARGETS.realMarkedSpam &&
    o.realHeld / o.real < TARGETS.realHeld &&
    (o.spam - o.spamCaught) / o.spam < TARGETS.spamMissed
  );
}

/** A share with its 95 % Wilson score interval: honest for small counts such as 0 of 70. */
export function proportion(hits: number, total: number): { share: number; low: number; high: number } {
  if (total === 0) return { share: 0, low: 0, high: 1 };
  const z = 1.96;
  const p = hits / total;
  const centre = (p + (z * z) / (2 * total)) / (1 + (z * z) / total);
  const margin = (z * Math.sqrt((p * (1 - p)) / total + (z * z) / (4 * total * total))) / (1 + (z * z) / total);
  return { share: p, low: Math.max(0, centre - margin), high: Math.min(1, centre + margin) };
}

/** P(X ≤ k) for X ~ Binomial(n, p). */
export function binomialAtMost(k: number, n: number, p: number): number {
  let term = (1 - p) ** n;
  let sum = term;
  for (let i = 1; i <= Math.min(k, n); i++) {
    term *= ((n - i + 1) / i) * (p / (1 - p));
    sum += term;
  }
  return Math.min(1, sum);
}

/**
 * The chance that a test split of `real` real and `spam` spam comments meets all three targets,
 * if each rate is what `outcome` measured. A target is a strict share of a small split: "under
 * 1 %" of 70 real comments allows none marked spam, so a setting that marks 0.5 % of real
 * comments spam passes such a split only 70 % of the time, however far inside the target its
 * average is. Each rate is estimated as (count + 1) / (total + 2), so a rate seen as 0 in
 * cross-validation is not taken as impossible.
 */
export function chanceOfMeetingTargets(outcome: Outcome, split: { real: number; spam: number }): number {
  const rate = (count: number, total: number) => (count + 1) / (total + 2);
  // The most mistakes a share strictly under the target allows (the epsilon keeps 0.05 × 60 from rounding up).
  const allowed = (target: number, n: number) => Math.ceil(target * n - 1e-9) - 1;
  return (
    binomialAtMost(allowed(TARGETS.realMarkedSpam, split.real), split.real, rate(outcome.realMarkedSpam, outcome.real)) *
    binomialAtMost(allowed(TARGETS.realHeld, split.real), split.real, rate(outcome.realHeld, outcome.real)) *
    binomialAtMost(allowed(TARGETS.spamMissed, split.spam), split.spam, rate(outcome.spam - outcome.spamCaught, outcome.spam))
  );
}
