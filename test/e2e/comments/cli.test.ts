import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addBlock } from '../../../src/comments/blocks.service.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { CLI_TIMEOUT, runHerald } from '../../support/cli.js';
import { createStore, ENGINES, openStore, type TestStore } from '../../support/engines.js';

const spamScore = (store: TestStore, input: string) => runHerald(store, ['spam', 'score'], input);

const lines = [
  { text: 'I disagree with the mayor. The bridge should have been repaired years ago.', name: 'Jo', email: 'jo@example.org' },
  { text: 'CHEAP PILLS, best price, click here http://a.example.com http://b.example.com http://c.example.com', name: 'Deals', email: 'deals@example.org' },
  { text: 'A perfectly normal remark from someone the editors blocked.', name: 'Blocked', email: 'troll@blocked.example' },
];

for (const engine of ENGINES) {
  describe(`herald spam score [${engine}]`, { timeout: CLI_TIMEOUT }, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createStore(engine);
      const database = openStore(store);
      await migrateToLatest(database);
      await addBlock(database.db, 'email', '@blocked.example');
      await database.close();
    });
    afterAll(async () => store?.drop());

    it('prints a score, a verdict and the reasons per JSON line, and stores nothing', async () => {
      const result = await spamScore(store, `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
      expect(result.code).toBe(0);
      const out = result.stdout.trim().split('\n').map((l) => JSON.parse(l));
      expect(out).toHaveLength(3);
      expect(out[0]).toMatchObject({ verdict: 'publish' });
      expect(out[0].score).toBeLessThan(0.5);
      expect(out[1]).toMatchObject({ verdict: 'spam' });
      expect(out[1].reasons).toContain('3 links');
      expect(out[2]).toMatchObject({ verdict: 'spam', reasons: ['blocked e-mail @blocked.example', expect.stringMatching(/^classifier/)] });
      const database = openStore(store);
      try {
        expect(await database.db.selectFrom('comments').select('id').execute()).toEqual([]);
        expect(await database.db.selectFrom('spam_weights').select('feature').limit(1).execute()).toEqual([]);
      } finally {
        await database.close();
      }
    });

    it('names a line that is not a comment and exits non-zero', async () => {
      const result = await spamScore(store, `${JSON.stringify(lines[0])}\nnot json\n{"name":"no text"}\n`);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('line 2 is not a comment');
      expect(result.stderr).toContain('line 3 is not a comment: needs a "text" string');
      expect(result.stdout.trim().split('\n')).toHaveLength(3);
    });
  });
}
