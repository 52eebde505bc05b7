import { describe, expect, it } from 'vitest';
import { binomialAtMost, chanceOfMeetingTargets, meetsTargets, outcomeOf, proportion, type Outcome } from './targets.js';

const outcome = (o: Partial<Outcome>): Outcome => ({ realMarkedSpam: 0, realHeld: 0, spamCaught: 100, spamMarked: 100, real: 100, spam: 100, ...o });

describe('the spam targets', () => {
  it('count real comments marked and held, spam caught and spam marked outright, at the given thresholds', () => {
    const judged = [
      { spam: false, score: 0.1 },
      { spam: false, score: 0.5 },
      { spam: false, score: 0.96 },
      { spam: true, score: 0.2 },
      { spam: true, score: 0.6 },
      { spam: true, score: 0.99 },
    ];
    expect(outcomeOf(judged, 0.35, 0.95)).toEqual({ realMarkedSpam: 1, realHeld: 1, spamCaught: 2, spamMarked: 1, real: 3, spam: 3 });
  });

  it('are strict shares: 1 of 100 real comments marked spam misses "under 1 %", 4 of 100 held meets "under 5 %"', () => {
    expect(meetsTargets(outcome({ realMarkedSpam: 1 }))).toBe(false);
    expect(meetsTargets(outcome({ realHeld: 4, spamCaught: 96 }))).toBe(true);
    expect(meetsTargets(outcome({ spamCaught: 95 }))).toBe(false);
  });

  it('give a share its 95 % Wilson interval', () => {
    const { share, low, high } = proportion(1, 70);
    expect(share).toBeCloseTo(0.0143, 4);
    expect(low).toBeCloseTo(0.0025, 3);
    expect(high).toBeCloseTo(0.0766, 3);
    expect(proportion(0, 70).low).toBe(0);
  });

  it('sum the binomial distribution up to k', () => {
    expect(binomialAtMost(0, 70, 0.01)).toBeCloseTo(0.99 ** 70, 12);
    expect(binomialAtMost(70, 70, 0.3)).toBeCloseTo(1, 12);
    // P(X ≤ 1) for Binomial(3, 0.5) = (1 + 3) / 8.
    expect(binomialAtMost(1, 3, 0.5)).toBeCloseTo(0.5, 12);
  });

  it('judge a setting by its chance of meeting every target on a small split, not by its average', () => {
    const split = { real: 70, spam: 70 };
    // Rarely marking a real comment spam matters most: none of 70 may be.
    const rarelyMarks = chanceOfMeetingTargets(outcome({ realMarkedSpam: 0, real: 640, realHeld: 16, spam: 600, spamCaught: 585 }), split);
    const marksSome = chanceOfMeetingTargets(outcome({ realMarkedSpam: 3, real: 640, realHeld: 10, spam: 600, spamCaught: 588 }), split);
    expect(rarelyMarks).toBeGreaterThan(marksSome);
    // A rate seen as 0 is not taken as impossible: (0 + 1) / (640 + 2) real comments marked spam.
    expect(chanceOfMeetingTargets(outcome({ real: 640, spam: 600, spamCaught: 600 }), split)).toBeCloseTo((1 - 1 / 642) ** 70 * binomialAtMost(3, 70, 1 / 642) * binomialAtMost(3, 70, 1 / 602), 12);
    // 5 % of 60 held is not "under 5 %": at most 2 of 60 are allowed.
    const sixty = { real: 60, spam: 60 };
    const held = outcome({ real: 98, realHeld: 9, spam: 98, spamCaught: 98 });
    expect(chanceOfMeetingTargets(held, sixty)).toBeCloseTo((1 - 1 / 100) ** 60 * binomialAtMost(2, 60, 0.1) * binomialAtMost(2, 60, 1 / 100), 12);
  });
});
