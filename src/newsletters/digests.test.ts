import { describe, expect, it } from 'vitest';
import { duePeriod } from './digests.js';

describe('the edition a digest is due for', () => {
  it('is yesterday’s time to today’s once today’s time has passed on the site’s clock, else the day before', () => {
    // 07:00 in Paris is 06:00 UTC in winter.
    expect(duePeriod('daily', '07:00', 1, 'Europe/Paris', new Date('2026-12-03T06:30:00Z'))).toEqual({ start: '2026-12-02T06:00:00.000Z', end: '2026-12-03T06:00:00.000Z' });
    expect(duePeriod('daily', '07:00', 1, 'Europe/Paris', new Date('2026-12-03T05:59:00Z'))).toEqual({ start: '2026-12-01T06:00:00.000Z', end: '2026-12-02T06:00:00.000Z' });
  });

  it('runs weekly from the chosen weekday to the same weekday', () => {
    // Thursday 3 December 2026; Monday (1) at 08:30 UTC: the last edition was Monday 30 November.
    expect(duePeriod('weekly', '08:30', 1, 'UTC', new Date('2026-12-03T12:00:00Z'))).toEqual({ start: '2026-11-23T08:30:00.000Z', end: '2026-11-30T08:30:00.000Z' });
    // Thursday (4) itself, before and after its time.
    expect(duePeriod('weekly', '18:00', 4, 'UTC', new Date('2026-12-03T12:00:00Z')).end).toBe('2026-11-26T18:00:00.000Z');
    expect(duePeriod('weekly', '18:00', 4, 'UTC', new Date('2026-12-03T18:00:00Z')).end).toBe('2026-12-03T18:00:00.000Z');
  });
});
