import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { libreTranslateService } from './fake-translators.js';

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
    expect(await states(original.id)).toMatchObject({ en: 'original', fr: 'current' });

    // Publishing changes no words: the translation stays current.
    await api('POST', `/articles/${original.id}/publish`);
    expect((await states(original.id)).fr).toBe('current');

    const edited = await api('PATCH', `/articles/${original.id}`, { version: (await api('GET', `/articles/${original.id}`)).json().version, body: '<p>The harbour reopened on Monday after repairs.</p>' });
    expect(edited.statusCode).toBe(200);
    expect((await states(french.id)).fr).toBe('outdated');

    await api('PATCH', `/articles/${french.id}`, { version: french.version, title: 'Le port rouvre', body: '<p>Le port a rouvert lundi après des travaux.</p>' });
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
    await api('PUT', '/machine-translation', { provider: null }, 'administrator');
  });
});
