/** "Follow us on the fediverse" in the site's footer: the handle of the page's own language, only while federation is on. */
import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';

describeEachEngineApp('follow us on the fediverse', (t) => {
  it('says nothing while federation is off', async () => {
    const page = await t().app.inject({ url: '/fr/' });
    expect(page.statusCode).toBe(200);
    expect(page.body).not.toContain('class="fediverse"');
  });

  it('names the edition of the page’s language once federation is on', async () => {
    const { app, auth } = t();
    // Through the Admin API, as an administrator would: the pages cached before are dropped.
    const { authorization } = await auth('administrator');
    expect((await app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', headers: { authorization }, payload: { federation: true } })).statusCode).toBe(200);
    for (const [language, words] of [
      ['fr', 'Suivez-nous sur le fédivers :'],
      ['ar', 'تابعونا على الفديفيرس:'],
      ['zh-Hant', '在聯邦宇宙追蹤我們：'],
      ['en', 'Follow us on the fediverse:'],
    ]) {
      const page = await app.inject({ url: `/${language}/` });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(`${words} <bdi dir="ltr">@${language}@herald.test</bdi>`);
    }
  });
});
