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
});
