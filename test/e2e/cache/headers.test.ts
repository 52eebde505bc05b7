import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/engines.js';
import { createCacheApp, type CacheApp } from './harness.js';

/** A stand-in for a CDN's purge endpoint: records every body it receives. */
async function purgeReceiver(): Promise<{ server: Server; url: string; bodies: unknown[] }> {
  const bodies: unknown[] = [];
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => (text += chunk));
    req.on('end', () => {
      bodies.push(JSON.parse(text));
      res.end('ok');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/purge`, bodies };
}

for (const engine of ENGINES) {
  describe(`page cache headers and bypass [${engine}]`, () => {
    let t: CacheApp;
    let off: CacheApp;
    let purge: Awaited<ReturnType<typeof purgeReceiver>>;
    let story: { id: number; path: string; version: number; tagId: number };

    beforeAll(async () => {
      purge = await purgeReceiver();
      t = await createCacheApp(engine, { HERALD_PURGE_URL: purge.url, HERALD_CACHE_S_MAXAGE: '600' });
      const created = await t.app.inject({
        method: 'POST',
        url: '/api/admin/v1/articles',
        headers: { authorization: t.authorization },
        payload: { language: 'en', title: 'Headline', body: 'Text.', tags: ['Cache'], status: 'published' },
      });
      const article = created.json();
      story = { id: article.id, path: article.path, version: article.version, tagId: article.tags[0].id };
      off = await createCacheApp(engine, { HERALD_CACHE: 'off' }, t.store);
    });
    afterAll(async () => {
      await off?.close();
      await t?.close();
      purge?.server.close();
    });

    it('names what a page shows for CDNs and lets them keep it', async () => {
      const page = await t.app.inject({ method: 'GET', url: `/probe/tag/${story.tagId}` });
      expect(page.headers['surrogate-key']).toContain(`tag:${story.tagId}`);
      expect(String(page.headers['surrogate-key']).split(' ')).toContain(`article:${story.id}`);
      expect(String(page.headers['cache-tag']).split(',')).toContain(`tag:${story.tagId}`);
      expect(page.headers['cache-control']).toMatch(/public.*s-maxage=600.*stale-while-revalidate=\d+/);
      expect(page.headers.etag).toMatch(/^"[^"]+"$/);
    });

    it('answers HEAD and If-None-Match from the cached page', async () => {
      const page = await t.app.inject({ method: 'GET', url: '/en/' });
      const head = await t.app.inject({ method: 'HEAD', url: '/en/' });
      expect(head.statusCode).toBe(200);
      expect(head.headers['x-cache']).toBe('HIT');
      expect(head.body).toBe('');
      const revalidated = await t.app.inject({ method: 'GET', url: '/en/', headers: { 'if-none-match': String(page.headers.etag) } });
      expect(revalidated.statusCode).toBe(304);
      expect(revalidated.body).toBe('');
    });

    it('never answers a signed-in reader from the shared cache, nor stores a page that sets a cookie', async () => {
      const url = `/probe/tag/${story.tagId}`;
      await t.app.inject({ method: 'GET', url });
      const rendersBefore = t.renders(`tag:${story.tagId}`);
      const signedIn = await t.app.inject({ method: 'GET', url, headers: { cookie: 'theme=dark; herald_session=s3cret' } });
      expect(signedIn.headers['x-cache']).toBeUndefined();
      expect(signedIn.headers['cache-control']).toMatch(/private/);
      expect(t.renders(`tag:${story.tagId}`)).toBe(rendersBefore + 1);
      const anonymous = await t.app.inject({ method: 'GET', url, headers: { cookie: 'theme=dark' } });
      expect(anonymous.headers['x-cache']).toBe('HIT');

      await t.app.inject({ method: 'GET', url: '/probe/session' });
      const again = await t.app.inject({ method: 'GET', url: '/probe/session' });
      expect(again.headers['x-cache']).not.toBe('HIT');
      expect(t.renders('session')).toBe(2);
    });

    it('calls the purge hook with the keys of a write before the write answers', async () => {
      purge.bodies.length = 0;
      const response = await t.app.inject({
        method: 'PATCH',
        url: `/api/admin/v1/articles/${story.id}`,
        headers: { authorization: t.authorization },
        payload: { title: 'Headline, purged', version: story.version },
      });
      expect(response.statusCode).toBe(200);
      const keys = purge.bodies.flatMap((body) => (body as { keys?: string[] }).keys ?? []);
      expect(keys).toEqual(expect.arrayContaining([`article:${story.id}`, 'list:en', `tag:${story.tagId}`]));
    });

    it('a listening server answers hits before routing, and a write drops them', async () => {
      const base = await t.app.listen({ port: 0, host: '127.0.0.1' });
      const url = `${base}/probe/tag/${story.tagId}`;
      await fetch(url).then((r) => r.text());
      const rendersBefore = t.renders(`tag:${story.tagId}`);
      const hit = await fetch(url);
      expect(hit.headers.get('x-cache')).toBe('HIT');
      expect(hit.headers.get('content-length')).toBe(String(Buffer.byteLength(await hit.text())));
      expect(t.renders(`tag:${story.tagId}`)).toBe(rendersBefore);
      const head = await fetch(url, { method: 'HEAD' });
      expect([head.status, head.headers.get('x-cache')]).toEqual([200, 'HIT']);
      const version = (await t.app.inject({ method: 'GET', url: `/api/admin/v1/articles/${story.id}`, headers: { authorization: t.authorization } })).json().version;
      await t.app.inject({
        method: 'PATCH',
        url: `/api/admin/v1/articles/${story.id}`,
        headers: { authorization: t.authorization },
        payload: { title: 'Headline over the wire', version },
      });
      const fresh = await fetch(url);
      expect(fresh.headers.get('x-cache')).toBe('MISS');
      expect(await fresh.text()).toContain('Headline over the wire');
    });

    it('with HERALD_CACHE=off renders every request and still sends the CDN headers', async () => {
      const url = `/probe/tag/${story.tagId}`;
      const first = await off.app.inject({ method: 'GET', url });
      const second = await off.app.inject({ method: 'GET', url });
      expect(off.renders(`tag:${story.tagId}`)).toBe(2);
      expect(second.headers['x-cache']).toBeUndefined();
      expect(second.headers['surrogate-key']).toContain(`tag:${story.tagId}`);
      expect(second.body).toBe(first.body);
      expect(off.app.pageCache.stats.hits).toBe(0);
    });
  });
}
