import { expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { expectReciprocalCluster, headOf, publish } from './structured-data.js';
import { sectionNamed } from '../../support/sections.js';

// One address scheme for every listing, `?page=N`: the home page's archive answered at
// /{lang}/page/N while sections, tags and authors used ?page=N.
describeEachEngineApp('paginated listings', (t) => {
  const get = (url: string) => t().app.inject({ url });

  it('sets up fourteen English stories in a section named in English and French', async () => {
    for (let i = 1; i <= 14; i++) {
      await publish(t(), { language: 'en', title: `Budget story ${i}`, section: await sectionNamed(t().database, 'Politics'), tags: ['Budget'], publishedAt: new Date(Date.now() - (20 - i) * 60_000).toISOString() });
    }
    const sections = (await t().app.inject({ url: '/api/admin/v1/sections', headers: await t().auth('editor') })).json();
    const politics = (sections.items ?? sections).find((s: { names: Record<string, { name: string }> }) => s.names.en?.name === 'Politics');
    const named = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/sections/${politics.id}`, headers: await t().auth('editor'), payload: { names: { fr: { name: 'Politique' } } } });
    expect(named.statusCode).toBe(200);
    await publish(t(), { language: 'fr', title: 'Budget en français', section: politics.id });
  });

  it('pages the home archive with ?page=N, like every other listing, and links to it so', async () => {
    const second = await get('/en/?page=2');
    expect(second.statusCode).toBe(200);
    const head = await headOf(t(), '/en/?page=2');
    expect(head.canonical).toEqual([`${TEST_BASE_URL}/en/?page=2`]);
    expect(head.html.meta('og:url')).toBe(`${TEST_BASE_URL}/en/?page=2`);
    expect(head.html.attr(head.html.one('a', { rel: 'prev' }), 'href')).toBe('/en/');
    const first = await headOf(t(), '/en/');
    expect(first.html.attr(first.html.one('a', { rel: 'next' }), 'href')).toBe('/en/?page=2');
    const section = await headOf(t(), '/en/section/politics');
    expect(section.html.attr(section.html.one('a', { rel: 'next' }), 'href')).toBe('/en/section/politics?page=2');
    expect((await headOf(t(), '/en/section/politics?page=2')).canonical).toEqual([`${TEST_BASE_URL}/en/section/politics?page=2`]);
  });

  it('answers the other scheme and page 1 with a 301 to the one address', async () => {
    const moves: Array<[string, string]> = [
      ['/en/page/2', '/en/?page=2'],
      ['/en/page/1', '/en/'],
      ['/en/?page=1', '/en/'],
      ['/en/section/politics?page=1', '/en/section/politics'],
      ['/en/tag/budget?page=1', '/en/tag/budget'],
      ['/en/author/test-editor?page=1', '/en/author/test-editor'],
    ];
    for (const [from, to] of moves) {
      const response = await get(from);
      expect(response.statusCode, from).toBe(301);
      expect(response.headers.location, from).toBe(to);
    }
    expect((await get('/en/page/9')).headers.location).toBe('/en/?page=9');
    expect((await get('/en/?page=9')).statusCode).toBe(404);
    expect((await get('/xx/page/2')).statusCode).toBe(404);
    expect((await get('/en/page/zero')).statusCode).toBe(404);
  });

  it('gives a later page its canonical only: no hreflang (the same page number in another language lists other stories)', async () => {
    for (const path of ['/en/?page=2', '/en/section/politics?page=2', '/en/tag/budget?page=2', '/en/author/test-editor?page=2']) {
      const head = await headOf(t(), path);
      expect(head.status, path).toBe(200);
      expect(head.canonical, path).toEqual([`${TEST_BASE_URL}${path}`]);
      expect([...head.hreflang.keys()], path).toEqual([]);
      expect(head.robots, path).toEqual([]);
    }
  });

  it('gives first pages reciprocal clusters with x-default', async () => {
    const home = await expectReciprocalCluster(t(), '/en/');
    expect([...home.keys()]).toEqual(['en', 'fr', 'zh-Hant', 'ar', 'x-default']);
    const section = await expectReciprocalCluster(t(), '/en/section/politics');
    expect(Object.fromEntries(section)).toEqual({
      en: `${TEST_BASE_URL}/en/section/politics`,
      fr: `${TEST_BASE_URL}/fr/section/politique`,
      'x-default': `${TEST_BASE_URL}/en/section/politics`,
    });
    await expectReciprocalCluster(t(), '/fr/section/politique');
    await expectReciprocalCluster(t(), '/ar/privacy');
  });
});
