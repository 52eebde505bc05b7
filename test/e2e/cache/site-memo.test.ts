import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/engines.js';
import { createCacheApp, type CacheApp } from './harness.js';
import { sectionNamed } from '../../support/sections.js';

const REDIS_URL = process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Settings and sections are kept in memory between writes (src/cache/site-memo.ts), even with
 * the page cache off: a change must show on the very next page, in every process.
 */
describe('settings and sections kept in memory, cache off [postgres + redis]', () => {
  let one: CacheApp;
  let two: CacheApp;
  let story: { id: number; path: string };
  const prefix = `herald-test-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const env = { REDIS_URL, HERALD_REDIS_PREFIX: prefix, HERALD_CACHE: 'off' };
    one = await createCacheApp('postgres', env);
    two = await createCacheApp('postgres', env, one.store);
    const created = await one.app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization: one.authorization },
      payload: { language: 'en', title: 'Memo headline', body: 'Text.', section: await sectionNamed(one.database, 'World'), status: 'published' },
    });
    story = { id: created.json().id, path: created.json().path };
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  const page = async (app: CacheApp, url: string) => (await app.app.inject({ method: 'GET', url })).body;

  it('a site name saved through one process shows on the next page of the other', async () => {
    for (const app of [one, two]) expect(await page(app, story.path)).not.toContain('Renamed Gazette');
    const saved = await one.app.inject({
      method: 'PATCH',
      url: '/api/admin/v1/settings',
      headers: { authorization: one.authorization },
      payload: { name: 'Renamed Gazette' },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    for (const app of [one, two]) expect(await page(app, story.path)).toContain('Renamed Gazette');
  });

  it('a section renamed through one process shows in the menu of the other', async () => {
    for (const app of [one, two]) expect(await page(app, story.path)).toContain('World');
    const sections = (await one.app.inject({ method: 'GET', url: '/api/admin/v1/sections', headers: { authorization: one.authorization } })).json();
    const world = sections.items.find((s: { names: Record<string, { name: string }> }) => s.names.en?.name === 'World');
    const renamed = await one.app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/sections/${world.id}`,
      headers: { authorization: one.authorization },
      payload: { names: { en: { name: 'Planet', slug: 'planet' } } },
    });
    expect(renamed.statusCode, renamed.body).toBe(200);
    for (const app of [one, two]) {
      const html = await page(app, story.path);
      expect(html).toContain('Planet');
      expect(html).not.toContain('>World<');
    }
  });
});

for (const engine of ENGINES) {
  describe(`sections kept in memory, cache off [${engine}]`, () => {
    let t: CacheApp;
    let story: { id: number; path: string };

    beforeAll(async () => {
      t = await createCacheApp(engine, { HERALD_CACHE: 'off' });
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/admin/v1/articles',
        headers: { authorization: t.authorization },
        payload: { language: 'en', title: 'Desk story', body: 'Text.', status: 'published' },
      });
      story = { id: created.json().id, path: created.json().path };
    });
    afterAll(async () => t?.close());

    it('a section written with no event (rows restored as they are) still shows on its stories', async () => {
      expect((await t.app.inject({ method: 'GET', url: story.path })).body).not.toContain('Imported desk');
      const now = new Date().toISOString();
      const section = await t.database.db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('sections').values({ parent_id: null, position: 0, created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('section_names').values({ section_id: row.id, language: 'en', name: 'Imported desk', slug: 'imported-desk', description: '' }).execute();
        return row;
      });
      await t.database.db.updateTable('articles').set({ section_id: section.id }).where('id', '=', story.id).execute();
      expect((await t.app.inject({ method: 'GET', url: story.path })).body).toContain('Imported desk');
    });
  });
}
