import { describe, expect, it } from 'vitest';
import { instantAt, localInputValue, wallTime, zoneOffsetMinutes } from './time-zone.js';

describe('wall-clock times in a time zone', () => {
  it('reads the clock of a zone in summer and in winter', () => {
    expect(wallTime(new Date('2026-07-01T12:05:00Z'), 'Europe/Paris')).toBe('2026-07-01T14:05:00');
    expect(wallTime(new Date('2026-12-03T13:05:00Z'), 'Europe/Paris')).toBe('2026-12-03T14:05:00');
    expect(zoneOffsetMinutes(new Date('2026-07-01T12:00:00Z'), 'Europe/Paris')).toBe(120);
    expect(zoneOffsetMinutes(new Date('2026-12-03T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(zoneOffsetMinutes(new Date('2026-12-03T12:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });

  it('finds the instant a wall-clock reading means, with the offset of that day', () => {
    expect(instantAt('2026-07-01T14:05', 'Europe/Paris').toISOString()).toBe('2026-07-01T12:05:00.000Z');
    expect(instantAt('2026-12-03T14:05', 'Europe/Paris').toISOString()).toBe('2026-12-03T13:05:00.000Z');
    expect(instantAt('2026-07-01T14:05', 'America/New_York').toISOString()).toBe('2026-07-01T18:05:00.000Z');
    expect(instantAt('2026-12-03T14:05', 'America/New_York').toISOString()).toBe('2026-12-03T19:05:00.000Z');
    expect(instantAt('2026-12-03T14:05', 'UTC').toISOString()).toBe('2026-12-03T14:05:00.000Z');
  });

  it('takes the first of a reading that happens twice, and moves one that never happens past the gap', () => {
    // Paris puts its clocks back at 03:00 on 25 October 2026: 02:30 happens twice.
    expect(instantAt('2026-10-25T02:30', 'Europe/Paris').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // and forward at 02:00 on 29 March 2026: 02:30 never happens; it means 03:30.
    expect(instantAt('2026-03-29T02:30', 'Europe/Paris').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    expect(wallTime(instantAt('2026-03-29T02:30', 'Europe/Paris'), 'Europe/Paris')).toBe('2026-03-29T03:30:00');
  });

  it('gives back what was typed, for every hour of a year in a zone with summer time', () => {
    for (let time = Date.parse('2026-01-01T00:00:00Z'); time < Date.parse('2027-01-01T00:00:00Z'); time += 3_600_000) {
      const typed = localInputValue(new Date(time).toISOString(), 'Europe/Paris');
      expect(localInputValue(instantAt(typed, 'Europe/Paris').toISOString(), 'Europe/Paris')).toBe(typed);
    }
  });

  it('refuses what is not a date', () => {
    expect(() => instantAt('tomorrow', 'Europe/Paris')).toThrow(RangeError);
  });
});
