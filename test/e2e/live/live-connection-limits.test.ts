import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { openEventStream } from '../../support/sse.js';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describeEachEngineApp(
  'Live connections capped per process and per network',
  (t) => {
    it('answers 429 beyond the network\'s cap and 503 beyond the process\'s, with Retry-After, and takes readers again once others leave', async () => {
      const editor = await t().auth('editor');
      const story = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: editor, payload: { language: 'en', title: 'Crowded', body: '<p>Many readers.</p>', status: 'published' } })).json();
      await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story.id}/live`, headers: editor });
      const address = await t().app.listen({ port: 0, host: '127.0.0.1' });
      const url = `${address}/live/${story.id}/events`;
      // The proxy (this test, on loopback) names each reader's address.
      const from = (ip: string) => openEventStream(url, { 'x-forwarded-for': ip });
      const open: Array<ReturnType<typeof openEventStream>> = [];
      const refused = async (ip: string) => {
        const response = await fetch(url, { headers: { accept: 'text/event-stream', 'x-forwarded-for': ip } });
        return { status: response.status, retryAfter: response.headers.get('retry-after'), body: await response.json() };
      };
      try {
        for (const ip of ['203.0.113.7', '203.0.113.8']) {
          const stream = from(ip);
          open.push(stream);
          expect(await stream.status()).toBe(200);
        }
        // A third from the same /24 is one too many for it, not for others.
        const network = await refused('203.0.113.9');
        expect(network).toMatchObject({ status: 429, retryAfter: expect.stringMatching(/^\d+$/), body: { error: { code: 'RATE_LIMITED' } } });
        const other = from('198.51.100.1');
        open.push(other);
        expect(await other.status()).toBe(200);
        // Three open: the process takes no more, from any network.
        const full = await refused('192.0.2.1');
        expect(full).toMatchObject({ status: 503, retryAfter: expect.stringMatching(/^\d+$/), body: { error: { code: 'UNAVAILABLE' } } });
        // A request for no live blog takes no place for long.
        expect((await fetch(`${address}/live/99999/events`, { headers: { 'x-forwarded-for': '192.0.2.2' } })).status).toBe(503);
        // When a reader leaves, the place is free again: for another network, then for theirs.
        open.shift()!.close();
        let again = await fetch(url, { headers: { 'x-forwarded-for': '192.0.2.1' } });
        for (let tries = 0; again.status !== 200 && tries < 50; tries++) {
          await again.body?.cancel();
          await pause(100);
          again = await fetch(url, { headers: { 'x-forwarded-for': '192.0.2.1' } });
        }
        expect(again.status).toBe(200);
        await again.body?.cancel();
      } finally {
        for (const stream of open) stream.close();
      }
    });

    it('a request for no live blog holds no place: a network asking five times still opens its two streams', async () => {
      const editor = await t().auth('editor');
      const story = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: editor, payload: { language: 'en', title: 'Quiet', body: '<p>Few readers.</p>', status: 'published' } })).json();
      await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story.id}/live`, headers: editor });
      const { port } = t().app.server.address() as { port: number };
      const missing = () => fetch(`http://127.0.0.1:${port}/live/99999/events`, { headers: { 'x-forwarded-for': '203.0.113.50' } });
      // The readers of the test before may take a moment to be seen leaving.
      let first = await missing();
      for (let tries = 0; first.status === 503 && tries < 50; tries++) {
        await pause(100);
        first = await missing();
      }
      expect(first.status).toBe(404);
      for (let i = 0; i < 4; i++) expect((await missing()).status).toBe(404);
      const streams = ['203.0.113.51', '203.0.113.52'].map((ip) => openEventStream(`http://127.0.0.1:${port}/live/${story.id}/events`, { 'x-forwarded-for': ip }));
      try {
        for (const stream of streams) expect(await stream.status()).toBe(200);
      } finally {
        for (const stream of streams) stream.close();
      }
    });
  },
  { HERALD_LIVE_MAX_CONNECTIONS: '3', HERALD_LIVE_MAX_CONNECTIONS_PER_NETWORK: '2', HERALD_TRUST_PROXY: '127.0.0.1' },
);
