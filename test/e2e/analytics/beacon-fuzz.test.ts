import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { PAGE_KINDS } from '../../../src/analytics/beacon.js';
import { statsTotals } from '../../../src/analytics/stats.service.js';
import { describeEachEngineApp } from '../../support/app.js';

type ErrorBody = { error: { fields: { field: string }[] } };

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36';

describeEachEngineApp('hostile beacons', (t) => {
  it('are answered 204 or 400 (never a 500) alike by the listening server and the route, and exactly the accepted ones are counted', { timeout: 120_000 }, async () => {
    const { authorization } = await t().auth('editor');
    const story = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Cible', status: 'published' } })).json();
    const anything = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 3 }), fc.object({ maxDepth: 1 }));
    const beacon = fc.record(
      {
        event: fc.oneof(fc.constantFrom('view', 'read'), anything),
        article: fc.oneof(fc.constant(story.id), fc.constant(0), fc.constant(String(story.id)), fc.integer(), fc.constant(2 ** 53), anything),
        language: fc.oneof(fc.constantFrom('fr', 'en', 'ar', 'zh-Hant', 'xx'), anything),
        kind: fc.oneof(fc.constantFrom(...PAGE_KINDS), anything),
        referrer: fc.oneof(fc.domain(), fc.webUrl(), fc.string({ maxLength: 300 }), anything),
        source: fc.oneof(fc.string({ maxLength: 120 }), fc.string({ unit: 'grapheme', maxLength: 60 }), anything),
        medium: fc.oneof(fc.string({ maxLength: 20 }), anything),
        campaign: fc.oneof(fc.string({ unit: 'binary', maxLength: 120 }), anything),
        __proto__: anything,
        constructor: anything,
        extra: anything,
      },
      { requiredKeys: [] },
    );
    // The story's own beacons, with hostile campaign text: most are accepted, some refused.
    const nearlyRight = fc.record({
      event: fc.constantFrom('view', 'read'),
      article: fc.constant(story.id),
      language: fc.constant('fr'),
      kind: fc.constant('story'),
      referrer: fc.oneof(fc.domain(), fc.constant('')),
      source: fc.string({ maxLength: 110 }),
      medium: fc.string({ unit: 'grapheme', maxLength: 30 }),
      campaign: fc.string({ unit: 'binary', maxLength: 40 }),
    }, { requiredKeys: ['article', 'language', 'kind'] });
    const body = fc.oneof(
      { weight: 3, arbitrary: nearlyRight.map((value) => JSON.stringify(value)) },
      { weight: 6, arbitrary: beacon.map((value) => JSON.stringify(value)) },
      { weight: 1, arbitrary: fc.json() },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }) },
      { weight: 1, arbitrary: fc.string({ minLength: 1025, maxLength: 20_000 }) },
    );
    const contentType = fc.constantFrom('text/plain;charset=UTF-8', 'application/json', 'text/plain');
    // Each beacon goes both ways in: to the listening server, which takes it before Fastify
    // (analytics.site.ts), and through Fastify's route with inject().
    await t().app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(t().app.server.address() as AddressInfo).port}`;
    let views = 0;
    let reads = 0;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, contentType, async (payload, type) => {
        const headers = { 'content-type': type, 'user-agent': CHROME };
        const routed = await t().app.inject({ method: 'POST', url: '/analytics/view', headers, payload });
        const direct = await fetch(`${origin}/analytics/view`, { method: 'POST', headers, body: payload });
        expect([204, 400]).toContain(routed.statusCode);
        expect(direct.status, 'the same answer both ways').toBe(routed.statusCode);
        if (routed.statusCode === 400) {
          for (const fields of [(routed.json() as ErrorBody).error.fields, ((await direct.json()) as ErrorBody).error.fields]) expect(fields.length).toBeGreaterThan(0);
          return;
        }
        accepted += 2;
        if (JSON.parse(payload).event === 'read') reads += 2;
        else views += 2;
      }),
      { numRuns: 400 },
    );
    await t().app.analytics.flush();
    const day = 86_400_000;
    const totals = await statsTotals(t().database.db, { from: new Date(Date.now() - day), to: new Date(Date.now() + day) });
    expect({ views: totals.views, reads: totals.reads }).toEqual({ views, reads });
    // Well-formed beacons are in the mix, not only refusals.
    expect(accepted).toBeGreaterThan(20);
  });
}, { HERALD_ANALYTICS_RATE_LIMIT: '100000' });
