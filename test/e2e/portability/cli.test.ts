import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite } from '../../../src/db/database.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { exportSite } from '../../../src/portability/herald/herald.export.js';
import { importWordpress } from '../../../src/portability/wordpress/wordpress.import.js';
import { getSettings } from '../../../src/settings/settings.service.js';
import { generateWxr } from '../../../scripts/generate-wxr.js';
import { HERALD_BIN as HERALD, runHerald, storeEnv } from '../../support/cli.js';
import { createStore, ENGINES, openStore, type TestStore } from '../../support/engines.js';

const MULTILINGUAL = new URL('../../fixtures/wordpress/polylang-wpml.xml', import.meta.url).pathname;

const env = storeEnv;
const herald = (store: TestStore, args: string[]) => runHerald(store, args);

const withoutTimestamp = (text: string) => text.replace(/"exportedAt": "[^"]+"/, '"exportedAt": ""');

for (const engine of ENGINES) {
  // Each command is a new Node process; on a busy machine a few of them take a while.
  describe(`herald import, export, backup and feeds commands [${engine}]`, { timeout: 120_000 }, () => {
    const stores: TestStore[] = [];
    let store: TestStore;
    const feedServer = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.end('<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><guid>w1</guid><title>Wire story</title><link>https://wire.example/w1</link><description>Text.</description></item></channel></rss>');
    });
    beforeAll(async () => {
      store = await createStore(engine);
      stores.push(store);
      await new Promise<void>((resolve) => feedServer.listen(0, '127.0.0.1', resolve));
    });
    afterAll(async () => {
      feedServer.close();
      for (const s of stores) await s.drop();
    });

    it('imports a WordPress export, reports what it did, and creates nothing the second time', async () => {
      const first = await herald(store, ['import', 'wordpress', MULTILINGUAL]);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stdout).toMatch(/^Imported: 1 sections, 1 users, 6 articles, \d+ redirects\.$/m);
      const second = await herald(store, ['import', 'wordpress', MULTILINGUAL]);
      expect(second.stdout).toMatch(/^Imported: nothing new\.$/m);
      expect(second.stdout).toMatch(/^ {2}6 × already imported by an earlier run$/m);
    });

    // The CLI wiring is the same on both engines; the services below it are tested on both.
    if (engine === 'sqlite') it('refuses a malformed file with the line and a non-zero exit', async () => {
      const bad = join(store.dataDir, 'bad.xml');
      writeFileSync(bad, '<?xml version="1.0"?>\n<rss>\n<channel>\n<title>Broken</title>\n');
      const result = await herald(store, ['import', 'wordpress', bad]);
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/herald: .*bad\.xml is refused, nothing was imported — line \d+: not well-formed XML/);
    });

    it('exports the site and restores it into an empty one identically', async () => {
      const file = join(store.dataDir, 'site.json');
      const exported = await herald(store, ['export', file]);
      expect(exported.code, exported.stderr).toBe(0);
      expect(exported.stdout).toMatch(/6 articles/);
      const empty = await createStore(engine);
      stores.push(empty);
      const restored = await herald(empty, ['import', 'herald', file]);
      expect(restored.code, restored.stderr).toBe(0);
      const again = join(empty.dataDir, 'again.json');
      await herald(empty, ['export', again]);
      expect(withoutTimestamp(readFileSync(again, 'utf8'))).toBe(withoutTimestamp(readFileSync(file, 'utf8')));
      const refused = await herald(empty, ['import', 'herald', file]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/not empty/);
    });

    it('backs the database up', async () => {
      const target = join(store.dataDir, 'copy.db');
      const result = await herald(store, ['backup', target]);
      expect(result.code, result.stderr).toBe(0);
      if (engine === 'sqlite') {
        expect(result.stdout).toMatch(/Backed up \d+ pages to .*copy\.db/);
        const copy = openSqlite(target);
        expect(await copy.db.selectFrom('articles').select('id').execute()).toHaveLength(6);
        await copy.close();
      } else {
        expect(result.stdout).toContain(`pg_dump --format=custom --no-owner --file="${target}" "$DATABASE_URL"`);
        expect(existsSync(target)).toBe(false);
      }
    });

    if (engine === 'sqlite') it('follows, lists, polls and removes a partner feed', async () => {
      const url = `http://127.0.0.1:${(feedServer.address() as AddressInfo).port}/rss`;
      // Loopback is reached only when HERALD_OUTBOUND_ALLOW says so.
      const refused = await herald(store, ['feeds', 'add', url]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/url: must point at a public address: 127\.0\.0\.1 is a loopback address/);
      const allowed = { HERALD_OUTBOUND_ALLOW: '127.0.0.1' };
      const added = await runHerald(store, ['feeds', 'add', url, '--section', 'Wire', '--name', 'The Wire'], undefined, allowed);
      expect(added.stdout).toMatch(/Following feed #1 .* as "The Wire" \(drafts, every 30 min\)/);
      const polled = await runHerald(store, ['feeds', 'poll'], undefined, allowed);
      expect(polled.stdout).toMatch(/#1: new, 1 new stories/);
      const listed = await herald(store, ['feeds', 'list']);
      expect(listed.stdout).toMatch(/#1\tThe Wire\t.*\t1 items\tdrafts\tpolled/);
      expect((await herald(store, ['feeds', 'remove', '1'])).stdout).toMatch(/Stopped following feed #1/);
    });
  });
}

describe('an import killed with SIGKILL and run again [sqlite]', () => {
  it('ends with the same result as one clean run', async () => {
    const killed = await createStore('sqlite');
    const clean = await createStore('sqlite');
    try {
      const file = join(killed.dataDir, 'generated.xml');
      await generateWxr(800, file);
      // The reference: one clean run, in-process (the same service the command calls).
      const reference = openStore(clean);
      await migrateToLatest(reference);
      await importWordpress(reference, file, { baseUrl: (await getSettings(reference.db)).baseUrl });
      await herald(killed, ['migrate']);
      const child = spawn(process.execPath, [HERALD, 'import', 'wordpress', file], { env: env(killed), stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      const watcher = openStore(killed);
      // Kill it in the middle: once some batches are committed, before the last one.
      for (let i = 0; i < 600; i++) {
        const written = (await watcher.db.selectFrom('articles').select('id').execute()).length;
        if (written >= 200) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      child.kill('SIGKILL');
      await exited;
      const partial = (await watcher.db.selectFrom('articles').select('id').execute()).length;
      await watcher.close();
      expect(partial).toBeGreaterThan(0);
      expect(partial).toBeLessThan(800);
      const resumed = await herald(killed, ['import', 'wordpress', file]);
      expect(resumed.code, resumed.stderr).toBe(0);
      const a = join(killed.dataDir, 'a.json');
      const b = join(clean.dataDir, 'b.json');
      const resumedStore = openStore(killed);
      await exportSite(resumedStore.db, a);
      await exportSite(reference.db, b);
      await resumedStore.close();
      await reference.close();
      // Ids and timestamps of the runs differ; the content must not.
      const content = (path: string) => {
        const data = JSON.parse(readFileSync(path, 'utf8')).tables;
        const strip = (rows: Array<Record<string, unknown>>, keys: string[]) => rows.map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !keys.includes(k))));
        const sortBy = (rows: Array<Record<string, unknown>>, key: string) => [...rows].sort((x, y) => String(x[key]).localeCompare(String(y[key])));
        return {
          articles: sortBy(strip(data.articles, ['id', 'story_id', 'section_id', 'translated_from_id', 'created_at']), 'slug'),
          comments: data.comments.length,
          tags: sortBy(strip(data.tags, ['id', 'created_at', 'updated_at']), 'slug'),
          redirects: data.legacy_redirects.length,
          map: data.import_map.length,
          revisions: data.article_revisions.length,
        };
      };
      expect(content(a)).toEqual(content(b));
    } finally {
      await killed.drop();
      await clean.drop();
    }
  }, 180_000);
});
