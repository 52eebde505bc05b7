import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';

describe('the per-address sign-in limit across app processes', () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    // Two apps on one Redis, as with HERALD_WORKERS=2; a prefix of their own keeps other runs apart.
    const env = { REDIS_URL: 'redis://127.0.0.1:6379', HERALD_REDIS_PREFIX: `test-${randomBytes(4).toString('hex')}` };
    first = await createTestApp('sqlite', env);
    second = await createTestApp('sqlite', env);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it('counts the attempts made on every process: the 31st in a minute answers 429', async () => {
    const attempt = (app: TestApp, n: number) =>
      app.app.inject({ method: 'POST', url: '/api/admin/v1/session', payload: { email: `nobody${n}@herald.test`, password: 'wrong password' } });
    for (let n = 0; n < 30; n++) expect((await attempt(n % 2 ? first : second, n)).statusCode).toBe(401);
    const limited = await attempt(first, 31);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('RATE_LIMITED');
  });
});
