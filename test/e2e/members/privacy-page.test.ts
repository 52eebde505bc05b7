import { expect, it } from 'vitest';
import { memberData } from '../../../src/members/account.service.js';
import { describeEachEngineApp } from '../../support/app.js';

describeEachEngineApp('the privacy page on newsletter members', (t) => {
  it('says in every language what is kept about a subscriber and links to the account page where it is downloaded or deleted', async () => {
    const expected: Record<string, [string, RegExp]> = {
      en: ['Newsletters', /e-mail address.*seven days/s],
      fr: ['Lettres d’information', /adresse électronique.*sept jours/s],
      'zh-Hant': ['電子報', /電子郵件地址.*七天/s],
      ar: ['النشرات البريدية', /بريدك الإلكتروني.*سبعة أيام/s],
    };
    for (const [language, [heading, kept]] of Object.entries(expected)) {
      const page = await t().app.inject({ url: `/${language}/privacy` });
      expect(page.statusCode).toBe(200);
      const section = page.body.slice(page.body.indexOf('<h2 id="newsletters">'), page.body.indexOf('<h2', page.body.indexOf('<h2 id="newsletters">') + 1));
      expect(section).toContain(`<h2 id="newsletters">${heading}</h2>`);
      expect(section).toMatch(kept);
      const link = section.match(/<a href="([^"]+)">/)?.[1].replace(/&amp;/g, '&');
      expect(link).toBe(`/account/sign-in?lang=${encodeURIComponent(language)}`);
      const signIn = await t().app.inject({ url: link! });
      expect(signIn.statusCode).toBe(200);
      expect(signIn.body).toContain(`lang="${language}"`);
    }
  });

  it('names each kind of thing the "download my data" file holds: member, subscriptions, mails, sign-ins', async () => {
    // The page's list and the export come from different code: this keeps them saying the same.
    const member = await t().database.db
      .insertInto('members')
      .values({ email: 'reader@example.org', name: '', language: 'en', source: 'form', created_at: new Date().toISOString(), updated_at: new Date().toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const data = await memberData(t().database.db, member.id);
    expect(Object.keys(data!).sort()).toEqual(['mails', 'member', 'sessions', 'subscriptions']);
    const page = (await t().app.inject({ url: '/en/privacy' })).body;
    for (const said of ['e-mail address', 'the language you read in', 'the newsletters you chose', 'whether it was delivered', 'a sign-in to your account']) expect(page).toContain(said);
  });
});
