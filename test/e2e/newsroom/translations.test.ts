import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { fakeService, libreTranslateService } from './fake-translators.js';

describeEachEngineApp('translating a story', (t) => {
  let service: Awaited<ReturnType<typeof libreTranslateService>>;
  beforeAll(async () => {
    service = await libreTranslateService();
  });
  afterAll(() => service?.close());

  const api = async (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object, role: 'editor' | 'administrator' = 'editor') => {
    const { authorization } = await t().auth(role);
    return t().app.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization }, ...(payload ? { payload } : {}) });
  };
  const states = async (id: number) =>
    Object.fromEntries((await api('GET', `/articles/${id}/translations`)).json().languages.map((l: { language: string; state: string }) => [l.language, l.state]));

  it('shows which languages exist, makes the linked draft, and marks it outdated when the original changes', async () => {
    const original = (await api('POST', '/articles', { language: 'en', title: 'Harbour reopens', standfirst: 'Boats are back', body: '<p>The harbour reopened on <a href="https://example.org">Monday</a>.</p>' })).json();
    expect(await states(original.id)).toEqual({ en: 'original', fr: 'missing', 'zh-Hant': 'missing', ar: 'missing' });
    const listing = (await api('GET', `/articles/${original.id}/translations`)).json();
    expect(listing.machineTranslation).toEqual({ available: false, provider: null });

    const created = await api('POST', `/articles/${original.id}/translations`, { language: 'fr' });
    expect(created.statusCode).toBe(201);
    const french = created.json();
    expect(french).toMatchObject({ language: 'fr', storyId: original.storyId, translatedFrom: { id: original.id, language: 'en' }, status: 'draft', machineTranslated: false });
    expect(french.body).toBe(original.body);
    // A copy nobody has translated yet is in progress, never up to date: the story answer says so too.
    expect(await states(original.id)).toMatchObject({ en: 'original', fr: 'in-progress' });
    expect(french.translationStatus.find((l: { language: string }) => l.language === 'fr')).toMatchObject({ state: 'in-progress', articleId: french.id });
    await api('PATCH', `/articles/${french.id}`, { version: french.version, title: 'Le port rouvre' });
    expect(await states(original.id)).toMatchObject({ en: 'original', fr: 'current' });

    // Publishing changes no words: the translation stays current.
    await api('POST', `/articles/${original.id}/publish`);
    expect((await states(original.id)).fr).toBe('current');
    const waiting = (await api('GET', '/translation-gaps?limit=5')).json();
    expect(waiting.items[0]).toMatchObject({ id: original.id });
    expect(waiting.counts).toEqual({ missing: 2, 'in-progress': 0, outdated: 0 });
    const refused = await api('GET', '/translation-gaps?limit=0');
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'querystring.limit' });

    const edited = await api('PATCH', `/articles/${original.id}`, { version: (await api('GET', `/articles/${original.id}`)).json().version, body: '<p>The harbour reopened on Monday after repairs.</p>' });
    expect(edited.statusCode).toBe(200);
    expect((await states(french.id)).fr).toBe('outdated');

    const listed = (await api('GET', '/articles?language=fr')).json().items.find((a: { id: number }) => a.id === french.id);
    expect(listed.translationStatus.find((l: { language: string }) => l.language === 'fr').state).toBe('outdated');
    expect((await api('GET', '/translation-gaps')).json().counts.outdated).toBe(1);

    await api('PATCH', `/articles/${french.id}`, { version: french.version + 1, body: '<p>Le port a rouvert lundi après des travaux.</p>' });
    expect((await states(original.id)).fr).toBe('current');

    const again = await api('POST', `/articles/${original.id}/translations`, { language: 'fr' });
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields[0]).toMatchObject({ field: 'language' });
  });

  it('links the published translation and the original with hreflang on the public pages', async () => {
    const original = (await api('POST', '/articles', { language: 'en', title: 'Bridge opens', body: '<p>A new bridge.</p>', status: 'published' })).json();
    const french = (await api('POST', `/articles/${original.id}/translations`, { language: 'fr' })).json();
    await api('PATCH', `/articles/${french.id}`, { version: french.version, title: 'Le pont ouvre', slug: 'le-pont-ouvre', status: 'published' });
    const page = await t().app.inject({ url: '/fr/le-pont-ouvre' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(new RegExp(`<link rel="alternate" hreflang="en" href="[^"]*${original.path}"`));
  });

  it('machine-translates through the configured provider into a draft marked machine-translated', async () => {
    const original = (await api('POST', '/articles', { language: 'en', title: 'Storm warning', standfirst: 'Wind tonight', body: '<p>Stay <strong>inside</strong>.</p>' })).json();
    const refused = await api('POST', `/articles/${original.id}/translations`, { language: 'ar', machine: true });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toEqual({ field: 'machine', message: 'no machine translation provider is configured' });

    const forbidden = await api('PUT', '/machine-translation', { provider: 'libretranslate', baseUrl: service.url });
    expect(forbidden.statusCode).toBe(403);
    const configured = await api('PUT', '/machine-translation', { provider: 'libretranslate', baseUrl: service.url, apiKey: 'key-1234' }, 'administrator');
    expect(configured.json()).toEqual({ provider: 'libretranslate', baseUrl: service.url, model: '', apiKeyHint: '…1234' });
    expect((await api('GET', `/articles/${original.id}/translations`)).json().machineTranslation).toEqual({ available: true, provider: 'libretranslate' });

    const translated = await api('POST', `/articles/${original.id}/translations`, { language: 'ar', machine: true });
    expect(translated.statusCode, translated.body).toBe(201);
    expect(translated.json()).toMatchObject({
      language: 'ar',
      title: '[ar] Storm warning',
      standfirst: '[ar] Wind tonight',
      body: '<p>[ar] Stay <strong>[ar] inside</strong>[ar] .</p>',
      machineTranslated: true,
      status: 'draft',
    });
    expect((await states(original.id)).ar).toBe('in-progress');
    await api('PUT', '/machine-translation', { provider: null }, 'administrator');
  });

  it('never shows the provider\'s answer to a contributor when it fails; an administrator sees it', async () => {
    const failing = await fakeService(() => ({ status: 500, body: '<h1>Internal admin console</h1><p>db password: hunter2</p>' }));
    try {
      const configured = await api('PUT', '/machine-translation', { provider: 'libretranslate', baseUrl: failing.url }, 'administrator');
      expect(configured.statusCode).toBe(200);
      const original = (await api('POST', '/articles', { language: 'en', title: 'Tide tables' })).json();
      for (const role of ['contributor', 'author', 'editor'] as const) {
        const { authorization } = await t().auth(role);
        const mine = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'en', title: `Tide tables (${role})` } })).json();
        const refused = await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${mine.id}/translations`, headers: { authorization }, payload: { language: 'fr', machine: true } });
        expect(refused.statusCode, role).toBe(400);
        expect(refused.json().error.message).toBe('Machine translation failed. Try again later, or ask an administrator to check the machine translation settings.');
        expect(refused.body).not.toMatch(/hunter2|admin console|HTTP 500|127\.0\.0\.1/);
      }
      const admin = await api('POST', `/articles/${original.id}/translations`, { language: 'fr', machine: true }, 'administrator');
      expect(admin.statusCode).toBe(400);
      expect(admin.json().error.message).toMatch(/^Machine translation failed: LibreTranslate answered HTTP 500: .*Internal admin console/);
      expect(failing.received.length).toBe(4);
    } finally {
      await api('PUT', '/machine-translation', { provider: null }, 'administrator');
      await failing.close();
    }
  });
}, { HERALD_OUTBOUND_ALLOW: '127.0.0.1' });

describeEachEngineApp('machine translation reaches public addresses only', (t) => {
  it('refuses a loopback provider address when it is set, naming baseUrl, and tells a contributor nothing of it when it is used', async () => {
    const service = await libreTranslateService();
    try {
      const admin = await t().auth('administrator');
      for (const base of [service.url, service.url.replace('127.0.0.1', '2130706433'), service.url.replace('127.0.0.1', '[::1]')]) {
        const refused = await t().app.inject({ method: 'PUT', url: '/api/admin/v1/machine-translation', headers: admin, payload: { provider: 'libretranslate', baseUrl: base } });
        expect(refused.statusCode, base).toBe(400);
        expect(refused.json().error.fields).toEqual([{ field: 'baseUrl', message: expect.stringMatching(/^must point at a public address: .* is a loopback address/) }]);
      }
      // Stored as if set before addresses were checked as they are entered.
      const value = JSON.stringify({ provider: 'libretranslate', baseUrl: service.url, apiKey: '', model: '' });
      await t().database.db.insertInto('settings').values({ key: 'machineTranslation', value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
      const { authorization } = await t().auth('contributor');
      const story = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'en', title: 'Probe' } })).json();
      const translated = await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story.id}/translations`, headers: { authorization }, payload: { language: 'fr', machine: true } });
      expect(translated.statusCode).toBe(400);
      expect(translated.body).not.toMatch(/127\.0\.0\.1|loopback|refused/);
      expect(service.received).toEqual([]);
    } finally {
      await service.close();
    }
  });
});
