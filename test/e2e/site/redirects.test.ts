import { beforeAll, expect, it } from 'vitest';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { addLegacyRedirects } from '../../../src/portability/legacy-redirects.js';
import { describeEachEngineApp, TEST_BASE_URL, type TestApp } from '../../support/app.js';

// Inputs that try to turn a redirect built from the request into one to another host.
const HOSTILE = [
  '%2F%2Fevil.test',
  '%2F%2F%2Fevil.test',
  '%5Cevil.test',
  '%5C%5Cevil.test',
  '%2F%5Cevil.test',
  '%5C%2Fevil.test',
  'https:%2F%2Fevil.test',
  'https%3A%2F%2Fevil.test',
  '%252F%252Fevil.test',
  '%09%2F%2Fevil.test',
  '%0D%0ALocation:%20https:%2F%2Fevil.test',
];

/** The request's answer, with its Location checked to stay on the site. */
async function expectOnSite(t: TestApp, url: string, headers: Record<string, string> = {}) {
  const response = await t.app.inject({ method: 'GET', url, headers });
  expect(response.statusCode, url).toBeLessThan(500);
  const location = response.headers.location;
  if (response.statusCode >= 300 && response.statusCode < 400) {
    expect(typeof location, url).toBe('string');
    const target = String(location);
    // One leading slash, then not a second slash or a backslash: a path of this site.
    expect(target, url).toMatch(/^\/(?![/\\])/);
    expect(target, url).not.toMatch(/[\\\u0000-\u001f]/);
    expect(new URL(target, TEST_BASE_URL).origin, url).toBe(TEST_BASE_URL);
  } else {
    expect(location, url).toBeUndefined();
  }
  return response;
}

describeEachEngineApp('every redirect the site makes stays on the site', (t) => {
  let storyId: number;
  beforeAll(async () => {
    const { authorization } = await t().auth('editor');
    const created = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization },
      payload: { language: 'en', title: 'Council budget', body: 'The council met.', status: 'published' },
    });
    const story = created.json();
    storyId = story.id;
    // Renaming a published story leaves its old slug redirecting.
    const renamed = await t().app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/articles/${story.id}`,
      headers: { authorization },
      payload: { slug: 'council-budget-2027', version: story.version },
    });
    expect(renamed.statusCode).toBe(200);
    await addLegacyRedirects(t().database.db, ['/?p=12', '/2010/10/16/council-budget/'], { type: 'article', id: story.id });
  });

  it('still redirects the ordinary cases to where they should', async () => {
    expect((await expectOnSite(t(), '/en/page/1')).headers.location).toBe('/en/');
    expect((await expectOnSite(t(), '/fr')).headers.location).toBe('/fr/');
    // `/` is the default language's home itself, for every reader: no redirect to wait for.
    const root = await expectOnSite(t(), '/', { 'accept-language': 'ar' });
    expect([root.statusCode, root.headers.location]).toEqual([200, undefined]);
    expect((await expectOnSite(t(), '/en/council-budget')).headers.location).toBe('/en/council-budget-2027');
    expect((await expectOnSite(t(), '/?p=12')).headers.location).toBe('/en/council-budget-2027');
    expect((await expectOnSite(t(), '/2010/10/16/council-budget/')).headers.location).toBe('/en/council-budget-2027');
    expect(storyId).toBeGreaterThan(0);
  });

  it('answers 404, never a redirect elsewhere, for //, \\, encoded and absolute-URL inputs', async () => {
    for (const input of HOSTILE) {
      for (const url of [`/${input}/page/1`, `/${input}`, `/${input}/`, `/en/${input}`, `/${input}/council-budget`, `/?p=${input}`, `/2010/${input}/`]) {
        await expectOnSite(t(), url);
      }
      await expectOnSite(t(), '/', { 'accept-language': decodeURIComponent(input.replace(/%(?![0-9A-F]{2})/gi, '')) });
    }
    expect((await t().app.inject({ method: 'GET', url: '/%2F%2Fevil.test/page/1' })).statusCode).toBe(404);
    expect((await t().app.inject({ method: 'GET', url: '/%5Cevil.test/page/1' })).statusCode).toBe(404);
  });

  it('keeps the Content API’s old-slug redirect under its own prefix', async () => {
    const { key } = await createContentKey(t().database.db, { name: 'redirects' });
    const moved = await expectOnSite(t(), '/api/content/v1/articles/slug/en/council-budget', { authorization: `Key ${key}` });
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/api/content/v1/articles/slug/en/council-budget-2027');
  });
});
