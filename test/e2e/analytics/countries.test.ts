import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

async function publish(t: TestApp) {
  const answer = await t.app.inject({
    method: 'POST', url: '/api/admin/v1/articles', headers: await t.auth('editor'),
    payload: { language: 'en', title: 'Read around the world', body: '<p>Text.</p>', status: 'published' },
  });
  expect(answer.statusCode).toBe(201);
  return answer.json() as { id: number };
}

/** The countries stored for an article's views, with their counts; addresses are never among the columns. */
async function countries(t: TestApp, articleId: number) {
  await t.app.analytics.flush();
  const rows = await t.database.db.selectFrom('analytics_views').select(['country', 'views']).where('article_id', '=', articleId).orderBy('country').execute();
  return rows.map((row) => [row.country, row.views]);
}

// The server runs behind a proxy on loopback (HERALD_TRUST_PROXY=127.0.0.1), which says who the reader is.
describeEachEngineApp('the reader’s country, from the address a trusted proxy forwards', (t) => {
  it('counts a beacon under the country of the forwarded public address, and a private address as unknown', async () => {
    const story = await publish(t());
    await t().app.listen({ host: '127.0.0.1', port: 0 });
    const { port } = t().app.server.address() as AddressInfo;
    const send = (forwardedFor: string) =>
      fetch(`http://127.0.0.1:${port}/analytics/view`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME, 'x-forwarded-for': forwardedFor },
        body: JSON.stringify({ article: story.id, language: 'en', kind: 'story' }),
      });
    for (const reader of ['193.0.6.139', '2001:67c:2e8::1', '133.11.0.1', '10.20.30.40', '192.168.1.9', 'fd00::7']) {
      expect((await send(reader)).status, reader).toBe(204);
    }
    expect(await countries(t(), story.id)).toEqual([['', 3], ['JP', 1], ['NL', 2]]);
    const stored = JSON.stringify(await t().database.db.selectFrom('analytics_views').selectAll().execute());
    for (const address of ['193.0.6', '133.11', '10.20']) expect(stored).not.toContain(address);
  });
}, { HERALD_TRUST_PROXY: '127.0.0.1' });

describeEachEngineApp('the reader’s country without a trusted proxy', (t) => {
  it('takes the connection’s own address, never what an X-Forwarded-For header claims', async () => {
    const story = await publish(t());
    const send = (remoteAddress: string, headers: Record<string, string> = {}) =>
      t().app.inject({
        method: 'POST', url: '/analytics/view', remoteAddress,
        headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME, ...headers },
        payload: JSON.stringify({ article: story.id, language: 'en', kind: 'story' }),
      });
    expect((await send('130.149.7.1')).statusCode).toBe(204);
    expect((await send('127.0.0.1', { 'x-forwarded-for': '193.0.6.139' })).statusCode).toBe(204);
    expect(await countries(t(), story.id)).toEqual([['', 1], ['DE', 1]]);
  });
});
