import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCacheApp, type CacheApp } from './harness.js';

const REDIS_URL = process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Waits for a state another connection brings about (a reconnect), checking every 10 ms. */
async function until<T>(check: () => T | undefined): Promise<T> {
  for (;;) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Two app processes on one PostgreSQL database, each with its own connection pool and page
 * cache, told about each other's writes only through Redis (a channel prefix of their own).
 */
describe('page cache across processes [postgres + redis]', () => {
  let one: CacheApp;
  let two: CacheApp;
  let story: { id: number; path: string; tagId: number };
  const prefix = `herald-test-${randomBytes(6).toString('hex')}`;

  beforeAll(async () => {
    const env = { REDIS_URL, HERALD_REDIS_PREFIX: prefix };
    const first = await createCacheApp('postgres', env);
    one = first;
    two = await createCacheApp('postgres', env, first.store);
    const created = await one.app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization: one.authorization },
      payload: { language: 'en', title: 'Shared headline', body: 'Text.', tags: ['Shared'], status: 'published' },
    });
    story = { id: created.json().id, path: created.json().path, tagId: created.json().tags[0].id };
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  const get = async (app: CacheApp, url: string) => {
    const response = await app.app.inject({ method: 'GET', url });
    return { cache: response.headers['x-cache'], body: response.body, status: response.statusCode };
  };

  it('an edit through one process is visible through the other on the next request', async () => {
    for (const app of [one, two]) {
      await get(app, story.path);
      await get(app, '/en/');
      expect((await get(app, story.path)).cache).toBe('HIT');
    }
    await get(two, '/fr/');
    const version = (await one.app.inject({ method: 'GET', url: `/api/admin/v1/articles/${story.id}`, headers: { authorization: one.authorization } })).json().version;
    const edited = await one.app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/articles/${story.id}`,
      headers: { authorization: one.authorization },
      payload: { title: 'Shared headline, edited elsewhere', version },
    });
    expect(edited.statusCode).toBe(200);
    for (const app of [two, one]) {
      const page = await get(app, story.path);
      expect(page.cache).toBe('MISS');
      expect(page.body).toContain('Shared headline, edited elsewhere');
      expect((await get(app, '/en/')).body).toContain('Shared headline, edited elsewhere');
    }
    expect((await get(two, '/fr/')).cache).toBe('HIT');
  });

  it('a story trashed through the other process disappears at once', async () => {
    await get(one, story.path);
    expect((await get(one, story.path)).cache).toBe('HIT');
    const trashed = await two.app.inject({ method: 'DELETE', url: `/api/admin/v1/articles/${story.id}`, headers: { authorization: two.authorization } });
    expect(trashed.statusCode).toBe(200);
    expect((await get(one, story.path)).status).toBe(410);
  });

  it('a process that lost Redis for a while comes back with an empty cache, missing no write', async () => {
    const url = `/probe/tag/${story.tagId}`;
    await get(two, url);
    expect((await get(two, url)).cache).toBe('HIT');
    const redis = new Redis(REDIS_URL);
    const clients = (await redis.client('LIST')) as string;
    const line = clients.split('\n').find((l) => l.includes(`name=${prefix}:cache-subscriber`) && l.includes('flags=P'));
    // Both processes subscribe under the same name; kill whichever comes first.
    const id = /id=(\d+)/.exec(line ?? '')?.[1];
    expect(id).toBeDefined();
    await redis.client('KILL', 'ID', id!);
    await redis.quit();
    const unusable = [one, two].find((app) => !app.app.pageCache.store.usable) ?? (await until(() => [one, two].find((app) => !app.app.pageCache.store.usable)));
    const other = unusable === one ? two : one;
    // While it is cut off, it answers from the database, and a write goes through the other.
    expect((await get(unusable, url)).cache).not.toBe('HIT');
    await other.app.inject({ method: 'PATCH', url: `/api/admin/v1/tags/${story.tagId}`, headers: { authorization: other.authorization }, payload: { description: 'renamed while cut off' } });
    await until(() => unusable.app.pageCache.store.usable || undefined);
    await get(unusable, url);
    expect((await get(unusable, url)).cache).toBe('HIT');
  });
});
