import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statsTotals } from '../../../src/analytics/stats.service.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ENGINES, storeEnvironment } from '../../support/engines.js';

const HERALD = new URL('../../../bin/herald.js', import.meta.url).pathname;
const READERS = 30;
const ROUNDS = 8;

/** `herald serve` as in production on the test's database, with the Redis the processes share. */
function serve(t: TestApp, prefix: string): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HERALD, 'serve'], {
      env: {
        ...process.env, ...storeEnvironment(t.store), HERALD_LOG_LEVEL: 'info', PORT: '0',
        REDIS_URL: 'redis://127.0.0.1:6379', HERALD_REDIS_PREFIX: prefix,
        HERALD_ANALYTICS_FLUSH_MS: '100', HERALD_ANALYTICS_RATE_LIMIT: '100000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/listening at (http:\/\/[\d.:]+)/)?.[1];
      if (url) resolve({ child, url });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`herald serve stopped (${code ?? signal}): ${output}`)));
  });
}

for (const engine of ENGINES) {
  describe(`two app processes counting the same readers [${engine}]`, { timeout: 120_000 }, () => {
    let t: TestApp;
    const children: ChildProcess[] = [];
    beforeAll(async () => {
      t = await createTestApp(engine);
    });
    afterAll(async () => {
      for (const child of children) child.kill('SIGKILL');
      await t?.close();
    });

    it('lose no view, read or visitor: each flushes its own counts, the upserts add up, a reader seen by both counts once', async () => {
      const { authorization } = await t.auth('editor');
      const story = (await t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'en', title: 'Read twice over', status: 'published' } })).json();
      const prefix = `herald-test-${randomBytes(4).toString('hex')}`;
      const servers = await Promise.all([serve(t, prefix), serve(t, prefix)]);
      children.push(...servers.map((s) => s.child));
      let views = 0;
      let reads = 0;
      const send = async (url: string, reader: number, event: 'view' | 'read') => {
        const answer = await fetch(`${url}/analytics/view`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain', 'user-agent': `Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.${reader}.0 Safari/537.36` },
          body: JSON.stringify({ event, article: story.id, language: 'en', kind: 'story' }),
        });
        expect(answer.status).toBe(204);
        if (event === 'view') views += 1;
        else reads += 1;
      };
      // Every reader reads on both processes, round after round, while both flush every 100 ms.
      for (let round = 0; round < ROUNDS; round++) {
        await Promise.all(Array.from({ length: READERS }, (_, reader) => Promise.all([
          send(servers[0].url, reader, 'view'),
          send(servers[1].url, reader, round % 2 ? 'read' : 'view'),
        ])));
        await new Promise((resolve) => setTimeout(resolve, 60));
      }
      // The last counts are written as each process stops.
      await Promise.all(servers.map(({ child }) => new Promise((resolve) => {
        child.once('exit', resolve);
        child.kill('SIGTERM');
      })));
      const day = 86_400_000;
      const totals = await statsTotals(t.database.db, { from: new Date(Date.now() - day), to: new Date(Date.now() + day), articleId: story.id });
      expect(totals).toEqual({ views, visitors: READERS, reads });
      expect(views).toBe(READERS * ROUNDS * 1.5);
      const site = await statsTotals(t.database.db, { from: new Date(Date.now() - day), to: new Date(Date.now() + day) });
      expect(site.visitors).toBe(READERS);
    });
  });
}
