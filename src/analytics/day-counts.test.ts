import { describe, expect, it } from 'vitest';
import { decodeDayCounts, encodeDayCounts, mergeDayCounts, type DayCount } from './day-counts.js';

const count = (hour: number, segment: number, views: number, visitors = 0, siteVisitors = 0, reads = 0): DayCount => ({ hour, segment, views, visitors, siteVisitors, reads });

describe('a page’s day of counts, packed', () => {
  it('reads back what was written, ordered by hour and segment, large numbers included', () => {
    const counts = [count(23, 5, 1), count(0, 900_000, 2 ** 40, 3, 2, 1), count(0, 4, 1, 1, 1, 0), count(7, 4, 127, 128, 16_384, 300)];
    const bytes = encodeDayCounts(counts);
    expect(decodeDayCounts(bytes)).toEqual([counts[2], counts[1], counts[3], counts[0]]);
    // The common entry (a segment close to the previous one, single counts) takes five bytes.
    expect(encodeDayCounts([count(3, 1, 1), count(3, 2, 1, 1), count(3, 9, 1, 1, 1, 1)])).toHaveLength(2 + 3 * 5);
  });

  it('refuses bytes cut short rather than inventing counts', () => {
    const bytes = encodeDayCounts([count(2, 300, 1, 1, 1, 1)]);
    expect(() => decodeDayCounts(bytes.subarray(0, bytes.length - 1))).toThrow(RangeError);
  });

  it('adds entries of the same hour and segment, and moves them all to hour 0 to make one bucket of the day', () => {
    const counts = [count(1, 4, 1, 1, 0, 0), count(1, 4, 2, 1, 1, 1), count(5, 4, 3), count(5, 6, 1)];
    expect(mergeDayCounts(counts, false)).toEqual([count(1, 4, 3, 2, 1, 1), count(5, 4, 3), count(5, 6, 1)]);
    expect(mergeDayCounts(counts, true)).toEqual([count(0, 4, 6, 2, 1, 1), count(0, 6, 1)]);
  });
});
