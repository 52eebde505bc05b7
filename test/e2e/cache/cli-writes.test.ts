import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/engines.js';
import { CLI_TIMEOUT, runHerald } from '../../support/cli.js';
import { wxr } from '../portability/wxr-fixtures.js';
import { createCacheApp, type CacheApp } from './harness.js';

const REDIS_URL = process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * A command run beside a server (an import, here) is another process: the server's page cache
 * hears of its writes through Redis, as it hears of another server's.
 */
for (const engine of ENGINES) {
  describe(`herald import and a running server's page cache [${engine} + redis]`, () => {
    const env = { REDIS_URL, HERALD_REDIS_PREFIX: `herald-test-${randomBytes(6).toString('hex')}` };
    let t: CacheApp;
    let path: string;
    beforeAll(async () => {
      t = await createCacheApp(engine, env);
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/admin/v1/articles',
        headers: { authorization: t.authorization },
        payload: { language: 'en', title: 'Before the move', body: 'Text.', status: 'published' },
      });
      path = created.json().path;
    });
    afterAll(async () => t?.close());

    it('renews the menus of the pages the server cached when an import from the command line adds sections', async () => {
      await t.app.inject({ url: path });
      const cached = await t.app.inject({ url: path });
      expect(cached.headers['x-cache']).toBe('HIT');
      expect(cached.body).not.toContain('href="/en/section/alpha"');
      const imported = await runHerald(t.store, ['import', 'wordpress', wxr('small-export.xml')], undefined, env);
      expect(imported.code, imported.stderr).toBe(0);
      const after = await t.app.inject({ url: path });
      expect(after.headers['x-cache']).toBe('MISS');
      expect(after.body).toContain('href="/en/section/alpha"');
    }, CLI_TIMEOUT);
  });
}
