import type { AddressInfo } from 'node:net';
import { beforeAll, expect, it } from 'vitest';
import { statsTotals } from '../../../src/analytics/stats.service.js';
import { createSession } from '../../../src/people/sessions.service.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';
const DAY_MS = 86_400_000;

async function totals(t: TestApp, articleId: number) {
  await t.app.analytics.flush();
  const now = Date.now();
  return statsTotals(t.database.db, { from: new Date(now - DAY_MS), to: new Date(now + DAY_MS), articleId });
}

// A listening server takes beacons before Fastify does (analytics.site.ts), inject() through the
// route: the two ways must answer alike and share one count and one limit.
describeEachEngineApp('beacons sent to a listening server', (t) => {
  let origin: string;
  let story: { id: number };
  beforeAll(async () => {
    const { authorization } = await t().auth('editor');
    const answer = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: { authorization },
      payload: { language: 'en', title: 'Counted on the wire', body: '<p>Text.</p>', status: 'published' },
    });
    story = answer.json();
    await t().app.listen({ host: '127.0.0.1', port: 0 });
    origin = `http://127.0.0.1:${(t().app.server.address() as AddressInfo).port}`;
  });
  const send = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${origin}/analytics/view`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': CHROME, ...headers }, body });
  const view = () => JSON.stringify({ article: story.id, language: 'en', kind: 'story', referrer: 'news.example.org' });

  it('counts a beacon with a 204 that no cache keeps, and counts nothing from a robot or a signed-in person', async () => {
    const answer = await send(view());
    expect(answer.status).toBe(204);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect((await send(view(), { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' })).status).toBe(204);
    const { userId } = await t().auth('author');
    // A session is valid only for a person who signs in with a password.
    await t().database.db.updateTable('users').set({ password_hash: 'argon2-hash-stand-in' }).where('id', '=', userId).execute();
    const session = await createSession(t().database.db, userId);
    expect((await send(view(), { cookie: `herald_session=${session.token}` })).status).toBe(204);
    expect(await totals(t(), story.id)).toEqual({ views: 1, visitors: 1, reads: 0 });
  });

  it('refuses what is no beacon with a 400 naming the field, and stores nothing', async () => {
    const refusals: Array<[string, Record<string, string>, string]> = [
      ['{"article":', {}, 'body'],
      [JSON.stringify({ article: 999_999, language: 'en', kind: 'story' }), {}, 'article'],
      [JSON.stringify({ article: story.id, language: 'fr', kind: 'story' }), {}, 'language'],
      [view(), { 'content-type': 'application/x-www-form-urlencoded' }, 'body'],
      [JSON.stringify({ article: story.id, language: 'en', kind: 'story', campaign: 'x'.repeat(40_000) }), {}, 'body'],
      ['', {}, 'body'],
      // A control character the label's trimming would drop, as JSON and as text: refused as every route refuses it.
      [JSON.stringify({ article: story.id, language: 'en', kind: 'story', campaign: '\u000b' }), { 'content-type': 'application/json' }, 'campaign'],
      [JSON.stringify({ article: story.id, language: 'en', kind: 'story', campaign: '\u000b' }), {}, 'campaign'],
    ];
    for (const [body, headers, field] of refusals) {
      const answer = await send(body, headers);
      expect(answer.status, body.slice(0, 40)).toBe(400);
      expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
      const { error } = await answer.json();
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields.map((fault: { field: string }) => fault.field)).toContain(field);
    }
    expect(await totals(t(), story.id)).toEqual({ views: 1, visitors: 1, reads: 0 });
  });

  it('limits a network across both ways in, with Retry-After, and keeps counting other networks', async () => {
    // The limit is 12 a minute; the tests above sent 11 from 127.0.0.1.
    let accepted = 0;
    let limited = await send(view());
    for (; limited.status === 204; limited = await send(view())) accepted++;
    expect(accepted).toBe(1);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await limited.json()).error.code).toBe('RATE_LIMITED');
    const injected = (remoteAddress: string) =>
      t().app.inject({ method: 'POST', url: '/analytics/view', remoteAddress, headers: { 'content-type': 'text/plain', 'user-agent': CHROME }, payload: view() });
    expect((await injected('127.0.0.1')).statusCode).toBe(429);
    expect((await injected('203.0.113.9')).statusCode).toBe(204);
    expect(await totals(t(), story.id)).toEqual({ views: 3, visitors: 2, reads: 0 });
  });

  it('answers 404 while analytics are switched off', async () => {
    const { authorization } = await t().auth('administrator');
    await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: { authorization }, payload: { analytics: false } });
    const answer = await send(view(), { 'x-forwarded-for': '198.51.100.1' });
    expect(answer.status).toBe(404);
    expect((await answer.json()).error.code).toBe('NOT_FOUND');
  });
}, { HERALD_ANALYTICS_RATE_LIMIT: '12' });
