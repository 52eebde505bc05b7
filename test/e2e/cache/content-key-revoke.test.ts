import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { ENGINES } from '../../support/engines.js';
import { CLI_TIMEOUT, runHerald } from '../../support/cli.js';
import { createCacheApp, type CacheApp } from './harness.js';

const REDIS_URL = process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * `herald key revoke` runs in its own process: the server's page cache, which replays Content
 * API answers per URL (`?key=` included), hears of it through Redis.
 */
for (const engine of ENGINES) {
  describe(`herald key revoke and the page cache [${engine} + redis]`, () => {
    const env = { REDIS_URL, HERALD_REDIS_PREFIX: `herald-test-${randomBytes(6).toString('hex')}` };
    let t: CacheApp;
    beforeAll(async () => {
      t = await createCacheApp(engine, env);
    });
    afterAll(async () => t?.close());

    it('drops the cached answers of a key revoked from the command line', async () => {
      const { id, key } = await createContentKey(t.database.db, { name: 'partner app' });
      const url = `/api/content/v1/articles?key=${key}`;
      const first = await t.app.inject({ url });
      const second = await t.app.inject({ url });
      expect([first.statusCode, second.statusCode, second.headers['x-cache']]).toEqual([200, 200, 'HIT']);
      const revoked = await runHerald(t.store, ['key', 'revoke', String(id)], undefined, env);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toContain(`Revoked Content API key #${id}.`);
      expect(revoked.stdout).not.toContain('until restarted');
      expect((await t.app.inject({ url })).statusCode).toBe(401);
    }, CLI_TIMEOUT);

    it('says so when, without Redis, it cannot reach the running servers', async () => {
      const { id, key } = await createContentKey(t.database.db, { name: 'another app' });
      const url = `/api/content/v1/articles?key=${key}`;
      await t.app.inject({ url });
      expect((await t.app.inject({ url })).headers['x-cache']).toBe('HIT');
      const revoked = await runHerald(t.store, ['key', 'revoke', String(id)]);
      expect(revoked.code, revoked.stderr).toBe(0);
      expect(revoked.stdout).toContain('keeps its cached Content API answers until restarted');
      // The stale answer this message warns about: still replayed by this server.
      expect((await t.app.inject({ url })).statusCode).toBe(200);
    }, CLI_TIMEOUT);
  });
}
