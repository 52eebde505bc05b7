import fc from 'fast-check';
import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';

// "No input may produce a 500": random JSON thrown at every writing route.
describeEachEngineApp('Admin API under random input', (t) => {
  it('never answers 5xx to arbitrary JSON bodies', async () => {
    const headers = await t().auth('administrator');
    const created = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', title: 'Target' } })).json();
    const routes = [
      ['POST', '/api/admin/v1/articles'],
      ['PATCH', `/api/admin/v1/articles/${created.id}`],
      ['POST', '/api/admin/v1/tags'],
      ['POST', '/api/admin/v1/sections'],
      ['PATCH', '/api/admin/v1/settings'],
    ] as const;
    const field = fc.constantFrom('language', 'title', 'body', 'bodyFormat', 'section', 'tags', 'featuredImage', 'source', 'status', 'publishAt', 'version', 'translationOf', 'slug', 'names', 'languages', 'timezone', 'name');
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), fc.dictionary(field, fc.jsonValue({ maxDepth: 2 })), async ([method, url], payload) => {
        const response = await t().app.inject({ method, url, headers, payload });
        expect(response.statusCode, `${method} ${url} ${JSON.stringify(payload)} → ${response.body}`).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});
