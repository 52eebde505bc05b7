import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorForToken } from '../../../src/people/tokens.service.js';
import { searchArticles } from '../../../src/search/search.service.js';
import { CLI_TIMEOUT, HERALD_BIN, runHerald as herald } from '../../support/cli.js';
import { createStore, ENGINES, openStore, type TestStore } from '../../support/engines.js';

const run = promisify(execFile);

for (const engine of ENGINES) {
  describe(`herald CLI [${engine}]`, { timeout: CLI_TIMEOUT }, () => {
    let store: TestStore;
    beforeAll(async () => {
      store = await createStore(engine);
    });
    afterAll(async () => store?.drop());

    it('migrates, then says it is up to date', async () => {
      expect((await herald(store, ['migrate'])).stdout).toMatch(/applied 2026-11-26-01-core/);
      expect((await herald(store, ['migrate'])).stdout).toMatch(/already up to date/);
    });

    it('indexes, when it migrates, the stories search lacks (a restore written straight into the tables)', async () => {
      const database = openStore(store);
      const search = () => searchArticles(database.db, { q: 'lighthouse', page: 1, limit: 5 }, 'http://herald.test', 'public');
      try {
        const now = new Date().toISOString();
        const { id: storyId } = await database.db.insertInto('stories').values({ created_at: now }).returning('id').executeTakeFirstOrThrow();
        await database.db
          .insertInto('articles')
          .values({ story_id: storyId, language: 'en', title: 'Restored lighthouse archive', slug: 'restored-lighthouse', status: 'published', published_at: now, created_at: now, updated_at: now, version: 1, created_by: 'restore' })
          .execute();
        expect((await search()).items).toEqual([]);
        const migrated = await herald(store, ['migrate']);
        expect(migrated.code, migrated.stderr).toBe(0);
        expect(migrated.stdout).toMatch(/already up to date\nindexed 1 story missing from the search index/);
        expect((await search()).items.map((r) => r.article.title)).toEqual(['Restored lighthouse archive']);
        expect((await herald(store, ['migrate'])).stdout).not.toMatch(/indexed/);
      } finally {
        await database.close();
      }
    });

    it('creates a user reading the password from stdin, and a token acting as them', async () => {
      const user = await herald(store, ['user', 'create', '--email', 'Ed@Example.org', '--name', 'Ed Itor', '--role', 'editor'], 'correct horse battery\n');
      expect(user.code).toBe(0);
      expect(user.stdout).toMatch(/Created editor Ed Itor <ed@example.org>/);
      const token = await herald(store, ['token', 'create', '--name', 'ci', '--role', 'editor', '--user', 'ed@example.org']);
      expect(token.code).toBe(0);
      const lastLine = token.stdout.trim().split('\n').at(-1)!;
      expect(lastLine).toMatch(/^hrd_[\w-]{32}$/);
      const database = openStore(store);
      try {
        expect(await actorForToken(database.db, lastLine)).toMatchObject({ role: 'editor', name: 'Ed Itor' });
      } finally {
        await database.close();
      }
    });

    it('refuses bad input with a clear message and a non-zero exit', async () => {
      const badRole = await herald(store, ['token', 'create', '--name', 'x', '--role', 'king']);
      expect(badRole.code).not.toBe(0);
      expect(badRole.stderr).toMatch(/must be one of contributor, author, editor, administrator/);
      const shortPassword = await herald(store, ['user', 'create', '--email', 'a@b.org', '--name', 'A', '--role', 'author'], 'short');
      expect(shortPassword.code).toBe(1);
      expect(shortPassword.stderr).toMatch(/password: must be at least 10 characters/);
      expect(shortPassword.stderr).not.toMatch(/at .*\.ts:\d+/);
      const noUser = await herald(store, ['token', 'create', '--name', 'x', '--role', 'author', '--user', 'nobody@example.org']);
      expect(noUser.code).toBe(1);
      expect(noUser.stderr).toMatch(/No user with the e-mail nobody@example.org/);
    });
  });
}

describe('herald CLI configuration errors', { timeout: CLI_TIMEOUT }, () => {
  it('explains a bad DATABASE_URL instead of crashing', async () => {
    const { code, stderr } = await run(process.execPath, [HERALD_BIN, 'migrate'], {
      env: { ...process.env, DATABASE_URL: 'mysql://nope' },
    }).then(() => ({ code: 0, stderr: '' }), (e: { code: number; stderr: string }) => e);
    expect(code).toBe(1);
    expect(stderr).toMatch(/DATABASE_URL must start with postgres:\/\//);
  });
});
