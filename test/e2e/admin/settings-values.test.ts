import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';

describeEachEngineApp('site settings take only values the site can use', (t) => {
  const patch = async (payload: Record<string, unknown>) => {
    const { authorization } = await t().auth('administrator');
    return t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: { authorization }, payload });
  };

  it('refuses a language that is no language ("english"), naming the field and the value, and changes nothing', async () => {
    const before = (await patch({})).json();
    const refused = await patch({ languages: ['en', 'english'], timezone: 'Europe/Paris' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ field: 'languages', message: expect.stringContaining('"english"') }]);
    expect((await patch({})).json()).toEqual(before);
    expect((await patch({ defaultLanguage: 'xx' })).statusCode).toBe(400);
  });

  it('refuses a time zone the runtime does not know, and stores a known one under its proper name', async () => {
    for (const zone of ['Mars/Olympus_Mons', 'CET+1', 'paris', '']) {
      const refused = await patch({ timezone: zone });
      expect(refused.statusCode, zone).toBe(400);
      expect(refused.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['timezone']);
    }
    const accepted = await patch({ timezone: 'europe/paris' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().timezone).toBe('Europe/Paris');
  });

  it('stores languages in their canonical form', async () => {
    const accepted = await patch({ languages: ['EN', 'fr', 'zh-hant', 'ar'], defaultLanguage: 'en' });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json().languages).toEqual(['en', 'fr', 'zh-Hant', 'ar']);
  });

  it('refuses a logo or a base URL that is no address of a picture or a site, naming the field', async () => {
    for (const logo of ['javascript:alert(1)', 'logo.png', '/media/../herald.db', 'ftp://old.example/logo.png']) {
      const refused = await patch({ publisherLogo: logo });
      expect(refused.statusCode, logo).toBe(400);
      expect(refused.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['publisherLogo']);
    }
    expect((await patch({ publisherLogo: '/media/uploads/2026/12/logo.png' })).json().publisherLogo).toBe('/media/uploads/2026/12/logo.png');
    const refused = await patch({ baseUrl: 'ftp://news.example' });
    expect(refused.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['baseUrl']);
    const accepted = await patch({ baseUrl: 'https://news.example/' });
    expect(accepted.json()).toMatchObject({ baseUrl: 'https://news.example', configured: [] });
  });
});

describeEachEngineApp('a base URL set by the configuration', (t) => {
  it('is shown as configured and refused as a change, naming the field', async () => {
    const { authorization } = await t().auth('administrator');
    const read = await t().app.inject({ url: '/api/admin/v1/settings', headers: { authorization } });
    expect(read.json()).toMatchObject({ baseUrl: 'https://configured.example', configured: ['baseUrl'] });
    const refused = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: { authorization }, payload: { baseUrl: 'https://other.example' } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields[0]).toMatchObject({ field: 'baseUrl', message: expect.stringContaining('HERALD_BASE_URL') });
  });
}, { HERALD_BASE_URL: 'https://configured.example' });
