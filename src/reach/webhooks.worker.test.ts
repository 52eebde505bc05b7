import { describe, expect, it } from 'vitest';
import { afterAttempt, backoff, DEFAULT_WORKER_OPTIONS } from './webhooks.worker.js';

const HOUR = 3_600_000;

describe('webhook retries', () => {
  it('wait the base delay after the first failure, then twice as long each time', () => {
    expect([1, 2, 3, 4].map((attempts) => backoff(attempts, 30_000))).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(backoff(0, 30_000)).toBe(30_000);
  });

  it('never wait more than six hours, however many failures', () => {
    expect(backoff(10, 30_000)).toBe(512 * 30_000);
    expect(backoff(11, 30_000)).toBe(6 * HOUR);
    expect(backoff(1_000, 30_000)).toBe(6 * HOUR);
    expect(backoff(3, 4 * HOUR)).toBe(6 * HOUR);
    expect(Number.isFinite(backoff(5_000, 30_000))).toBe(true);
  });

  it('give up for good on the last allowed attempt, and not before', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const options = { ...DEFAULT_WORKER_OPTIONS, maxAttempts: 3, retryBaseMs: 1_000 };
    expect(afterAttempt(1, false, now, options)).toEqual({ status: 'pending', nextAttemptAt: '2026-12-02T12:00:01.000Z' });
    expect(afterAttempt(2, false, now, options)).toEqual({ status: 'pending', nextAttemptAt: '2026-12-02T12:00:02.000Z' });
    expect(afterAttempt(3, false, now, options).status).toBe('failed');
    expect(afterAttempt(4, false, now, options).status).toBe('failed');
  });

  it('count a success as delivered at any attempt, the last one included', () => {
    const now = new Date('2026-12-02T12:00:00Z');
    const options = { ...DEFAULT_WORKER_OPTIONS, maxAttempts: 3 };
    expect(afterAttempt(3, true, now, options)).toEqual({ status: 'delivered', nextAttemptAt: now.toISOString() });
    expect(afterAttempt(1, true, now, options).status).toBe('delivered');
  });
});
