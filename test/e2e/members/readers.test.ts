import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeFormToken } from '../../../src/members/subscribe-form.js';
import { expireSignUps } from '../../../src/members/subscriptions.service.js';
import { unsubscribeUrl } from '../../../src/members/unsubscribe-link.js';
import { siteSecret } from '../../../src/core/signing.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { closeSmtp, listenSmtp, smtpServer } from '../../support/smtp-server.js';
import { cookieOf, freshIp, postComment, publishStory } from '../comments/helpers.js';

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const DAY_MS = 86_400_000;

for (const engine of ENGINES) {
  describe(`readers and newsletters [${engine}]`, () => {
    // Held until the first sign-up has been answered: the answer must not wait for the mail.
    const smtp = smtpServer({ hold: true });
    let t: TestApp;
    let seen = 0;
    const newsletters: Record<string, number> = {};

    beforeAll(async () => {
      t = await createTestApp(engine, { HERALD_SMTP_URL: await listenSmtp(smtp), HERALD_MAIL_FROM: 'Herald <news@herald.test>' });
      const at = new Date().toISOString();
      for (const [key, name, language, visibility] of [
        ['daily', 'Le Quotidien', 'fr', 'public'],
        ['alerts', 'Alertes', 'fr', 'public'],
        ['secret', 'Interne', 'fr', 'hidden'],
        ['english', 'The Daily', 'en', 'public'],
      ] as const) {
        const row = await t.database.db
          .insertInto('newsletters')
          .values({ name, language, visibility, description: `${name} description`, created_at: at, updated_at: at })
          .returning('id')
          .executeTakeFirstOrThrow();
        newsletters[key] = row.id;
      }
    });
    afterAll(async () => {
      await t?.close();
      await closeSmtp(smtp);
    });

    /** The next mail the SMTP server receives, parsed. */
    async function nextMail(): Promise<ParsedMail> {
      for (let i = 0; i < 200 && smtp.messages.length <= seen; i++) await new Promise((resolve) => setTimeout(resolve, 25));
      expect(smtp.messages.length, 'a mail arrives').toBeGreaterThan(seen);
      return simpleParser(smtp.messages[seen++]);
    }

    async function noMail(): Promise<void> {
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(smtp.messages.length).toBe(seen);
    }

    async function subscribe(fields: Record<string, string | string[]>, { servedAgo = 10_000, token }: { servedAgo?: number; token?: string } = {}) {
      const form = new URLSearchParams({ lang: 'fr', token: token ?? (await subscribeFormToken(t.database.db, t.app.herald.now() - servedAgo)) });
      for (const [key, value] of Object.entries(fields)) for (const v of [value].flat()) form.append(key, v);
      return t.app.inject({ method: 'POST', url: '/subscribe', remoteAddress: freshIp(), headers: FORM, payload: form.toString() });
    }

    const linkIn = (mail: ParsedMail, path: string) => {
      const found = mail.text?.match(new RegExp(`https?://\\S+${path}\\S+`))?.[0];
      expect(found, `a ${path} link in the mail`).toBeTruthy();
      const url = new URL(found!);
      return url.pathname + url.search;
    };

    const subscription = (email: string, newsletter: number) =>
      t.database.db
        .selectFrom('member_subscriptions')
        .innerJoin('members', 'members.id', 'member_subscriptions.member_id')
        .select(['member_subscriptions.status', 'members.id'])
        .where('members.email', '=', email)
        .where('member_subscriptions.newsletter_id', '=', newsletter)
        .executeTakeFirst();

    it('offers the public newsletters of the page’s language on story pages, home pages and /:lang/subscribe', async () => {
      const french = await publishStory(t, { language: 'fr', title: 'Le conseil municipal' });
      const page = (await t.app.inject({ url: french.path })).body;
      expect(page).toContain('action="/subscribe"');
      expect(page).toContain('Le Quotidien');
      expect(page).toContain('Alertes');
      expect(page).not.toContain('Interne');
      expect(page).not.toContain('The Daily');
      // Below the story, before its comments.
      expect(page.indexOf('id="subscribe"')).toBeLessThan(page.indexOf('id="comments"'));
      expect((await t.app.inject({ url: '/fr/' })).body).toContain('S’abonner');
      expect((await t.app.inject({ url: '/' })).body).toContain('The Daily');
      const subscribePage = await t.app.inject({ url: '/fr/subscribe' });
      expect(subscribePage.statusCode).toBe(200);
      expect(subscribePage.body).toContain('Le Quotidien');
      // A language without a public newsletter has no form.
      const chinese = await publishStory(t, { language: 'zh-Hant', title: '市議會' });
      expect((await t.app.inject({ url: chinese.path })).body).not.toContain('action="/subscribe"');
      expect((await t.app.inject({ url: '/zh-Hant/subscribe' })).body).toContain('此語言目前還沒有電子報');
      expect((await t.app.inject({ url: '/xx/subscribe' })).statusCode).toBe(404);
    });

    it('signs up with double opt-in: a confirmation mail in the page’s language, nothing confirmed before its link is opened', async () => {
      const answer = await subscribe({ email: 'Lea@Example.org', newsletters: [String(newsletters.daily), String(newsletters.alerts)] });
      expect(answer.statusCode).toBe(200);
      expect(answer.body).toContain('Consultez votre boîte mail');
      // Answered while the mail still waits for the SMTP server's greeting: how long sending takes
      // (only for an address that gets a mail) never shows in the answer.
      await expect.poll(() => smtp.waiting(), { timeout: 15_000 }).toBe(1);
      smtp.release();
      const mail = await nextMail();
      expect(mail.to).toMatchObject({ text: 'lea@example.org' });
      expect(mail.subject).toContain('Confirmez votre abonnement');
      expect(mail.html).toMatch(/<html[^>]*lang="fr"/);
      expect(mail.text).toContain('Le Quotidien');
      expect((await subscription('lea@example.org', newsletters.daily))?.status).toBe('pending');

      const link = linkIn(mail, '/subscribe/confirm/');
      const confirmed = await t.app.inject({ url: link });
      expect(confirmed.statusCode).toBe(200);
      expect(confirmed.body).toContain('Abonnement confirmé');
      expect(confirmed.body).toContain('Le Quotidien, Alertes');
      expect((await subscription('lea@example.org', newsletters.daily))?.status).toBe('confirmed');
      expect((await subscription('lea@example.org', newsletters.alerts))?.status).toBe('confirmed');
      // Opening it again changes nothing and still says so; a made-up link is refused.
      expect((await t.app.inject({ url: link })).statusCode).toBe(200);
      const madeUp = await t.app.inject({ url: '/subscribe/confirm/nothing-like-a-link?lang=fr' });
      expect(madeUp.statusCode).toBe(404);
      expect(madeUp.body).toContain('Ce lien n’est pas valide ou a expiré.');
    });

    it('answers a known address exactly as a new one, and sends a confirmed reader nothing', async () => {
      const known = await subscribe({ email: 'lea@example.org', newsletters: String(newsletters.daily) });
      const fresh = await subscribe({ email: 'someone-new@example.org', newsletters: String(newsletters.daily) });
      expect(known.statusCode).toBe(fresh.statusCode);
      expect(known.body).toBe(fresh.body);
      expect((await nextMail()).to).toMatchObject({ text: 'someone-new@example.org' });
      await noMail();
    });

    it('refuses what a person would correct, and does nothing for a bot while saying the same', async () => {
      const noChoice = await subscribe({ email: 'a@example.org' });
      expect(noChoice.statusCode).toBe(400);
      expect(noChoice.body).toContain('Choisissez au moins une lettre.');
      expect(noChoice.body).toContain('value="a@example.org"');
      expect((await subscribe({ email: 'not an address', newsletters: String(newsletters.daily) })).body).toContain('Indiquez une adresse e-mail valide.');
      // A hidden newsletter, or one of another language, is not the form's to offer.
      expect((await subscribe({ email: 'a@example.org', newsletters: String(newsletters.secret) })).statusCode).toBe(400);
      expect((await subscribe({ email: 'a@example.org', newsletters: String(newsletters.english) })).statusCode).toBe(400);
      // Sent faster than a person types, or with a token that is not ours: the form again, with a fresh token.
      const tooFast = await subscribe({ email: 'fast@example.org', newsletters: String(newsletters.daily) }, { servedAgo: 100 });
      expect(tooFast.statusCode).toBe(400);
      expect(tooFast.body).toContain('Ce formulaire avait expiré');
      expect((await subscribe({ email: 'fast@example.org', newsletters: String(newsletters.daily) }, { token: 'forged.token' })).statusCode).toBe(400);
      const bot = await subscribe({ email: 'bot@example.org', newsletters: String(newsletters.daily), phone: '555-0100' });
      expect(bot.statusCode).toBe(200);
      expect(bot.body).toContain('Consultez votre boîte mail');
      await noMail();
      const members = await t.database.db.selectFrom('members').select('email').where('email', 'in', ['bot@example.org', 'fast@example.org', 'a@example.org']).execute();
      expect(members).toEqual([]);
    });

    it('mails one address a few times an hour at most, whoever asks, and answers the same beyond', async () => {
      const answers = [];
      for (let i = 0; i < 5; i++) answers.push(await subscribe({ email: 'popular@example.org', newsletters: String(newsletters.daily) }));
      expect(new Set(answers.map((a) => a.body)).size).toBe(1);
      // The first sign-up mails the link; the next ones within minutes add to what it confirms.
      expect((await nextMail()).to).toMatchObject({ text: 'popular@example.org' });
      await noMail();
    });

    it('forgets sign-ups nobody confirmed within a week, and keeps confirmed readers', async () => {
      await subscribe({ email: 'forgetful@example.org', newsletters: String(newsletters.alerts) });
      await nextMail();
      expect(await subscription('forgetful@example.org', newsletters.alerts)).toBeTruthy();
      expect(await expireSignUps(t.database.db, Date.now() + 6 * DAY_MS)).toBe(0);
      expect(await expireSignUps(t.database.db, Date.now() + 8 * DAY_MS)).toBeGreaterThanOrEqual(1);
      expect(await subscription('forgetful@example.org', newsletters.alerts)).toBeUndefined();
      expect((await t.database.db.selectFrom('members').select('id').where('email', '=', 'forgetful@example.org').execute()).length).toBe(0);
      expect((await subscription('lea@example.org', newsletters.daily))?.status).toBe('confirmed');
    });

    it('unsubscribes at once with a one-click POST (RFC 8058): no cookie, no form token; a GET only asks', async () => {
      const lea = (await subscription('lea@example.org', newsletters.alerts))!;
      const url = new URL(unsubscribeUrl('http://herald.test', await siteSecret(t.database.db), { member: lea.id, newsletter: newsletters.alerts }));
      const asked = await t.app.inject({ url: url.pathname });
      expect(asked.statusCode).toBe(200);
      expect(asked.body).toContain('Ne plus recevoir « <bdi>Alertes</bdi> » ?');
      expect((await subscription('lea@example.org', newsletters.alerts))?.status).toBe('confirmed');

      const oneClick = await t.app.inject({ method: 'POST', url: url.pathname, headers: FORM, payload: 'List-Unsubscribe=One-Click' });
      expect(oneClick.statusCode).toBe(200);
      expect(oneClick.body).toContain('Vous êtes désabonné de « <bdi>Alertes</bdi> »');
      expect((await subscription('lea@example.org', newsletters.alerts))?.status).toBe('unsubscribed');
      expect((await subscription('lea@example.org', newsletters.daily))?.status).toBe('confirmed');

      // As some mail clients send it: multipart; and again, which changes nothing.
      const boundary = 'xyz';
      const multipart = await t.app.inject({
        method: 'POST',
        url: url.pathname,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        payload: `--${boundary}\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n--${boundary}--\r\n`,
      });
      expect(multipart.statusCode).toBe(200);
      expect((await t.app.inject({ method: 'POST', url: `${url.pathname}x`, headers: FORM, payload: 'List-Unsubscribe=One-Click' })).statusCode).toBe(404);
    });

    it('signs a member in by a mailed link to an account page: newsletters, language, address, data, deletion', async () => {
      // Unknown address: the same answer, no mail.
      const signIn = (email: string) => t.app.inject({ method: 'POST', url: '/account/sign-in', remoteAddress: freshIp(), headers: FORM, payload: `lang=fr&email=${encodeURIComponent(email)}` });
      const unknown = await signIn('stranger@example.org');
      const known = await signIn('lea@example.org');
      expect(unknown.body).toBe(known.body);
      const mail = await nextMail();
      expect(mail.to).toMatchObject({ text: 'lea@example.org' });
      await noMail();
      const link = linkIn(mail, '/account/link/');
      // Opening the link only asks (a mail scanner must not use it up); the button signs in.
      expect((await t.app.inject({ url: link })).body).toContain('<form method="post"');
      // Another site's page submitting the button (login CSRF) signs no one in and leaves the link usable.
      for (const site of ['cross-site', 'same-site']) {
        const forged = await t.app.inject({ method: 'POST', url: link, headers: { 'sec-fetch-site': site } });
        expect(forged.statusCode).toBe(403);
        expect(forged.headers['set-cookie']).toBeUndefined();
        expect(forged.body).toContain('role="alert"');
      }
      const used = await t.app.inject({ method: 'POST', url: link });
      expect(used.statusCode).toBe(303);
      expect(used.headers.location).toBe('/account');
      expect(String(used.headers['set-cookie'])).toMatch(/Path=\/account; .*HttpOnly/);
      expect((await t.app.inject({ method: 'POST', url: link })).statusCode).toBe(404);
      const cookie = cookieOf(used);

      const page = await t.app.inject({ url: '/account', headers: { cookie } });
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('private, no-store');
      expect(page.body).toContain('lea@example.org');
      const csrf = page.body.match(/name="csrf" value="([^"]+)"/)![1];
      expect((await t.app.inject({ url: '/account' })).headers.location).toBe('/account/sign-in?lang=en');

      // Without the page's CSRF token a write is refused.
      const forged = await t.app.inject({ method: 'POST', url: '/account/newsletters', headers: { ...FORM, cookie }, payload: `newsletters=${newsletters.english}` });
      expect(forged.statusCode).toBe(403);
      const saved = await t.app.inject({ method: 'POST', url: '/account/newsletters', headers: { ...FORM, cookie }, payload: `csrf=${csrf}&newsletters=${newsletters.english}&newsletters=${newsletters.alerts}` });
      expect(saved.headers.location).toBe('/account?done=saved');
      expect((await subscription('lea@example.org', newsletters.english))?.status).toBe('confirmed');
      expect((await subscription('lea@example.org', newsletters.alerts))?.status).toBe('confirmed');
      expect((await subscription('lea@example.org', newsletters.daily))?.status).toBe('unsubscribed');

      await t.app.inject({ method: 'POST', url: '/account/language', headers: { ...FORM, cookie }, payload: `csrf=${csrf}&language=ar` });
      const arabic = await t.app.inject({ url: '/account?done=saved', headers: { cookie } });
      expect(arabic.body).toMatch(/<html lang="ar" dir="rtl"/);
      expect(arabic.body).toContain('حُفظ.');

      const data = await t.app.inject({ url: '/account/data.json', headers: { cookie } });
      expect(data.headers['content-disposition']).toContain('attachment');
      const json = data.json();
      expect(json.member).toMatchObject({ email: 'lea@example.org', language: 'ar' });
      expect(json.subscriptions.map((s: { newsletter: string; status: string }) => `${s.newsletter}:${s.status}`).sort()).toEqual(['Alertes:confirmed', 'Le Quotidien:unsubscribed', 'The Daily:confirmed']);

      // A new address changes once the link mailed to it is opened.
      await t.app.inject({ method: 'POST', url: '/account/email', headers: { ...FORM, cookie }, payload: `csrf=${csrf}&email=lea.new%40example.org` });
      const change = await nextMail();
      expect(change.to).toMatchObject({ text: 'lea.new@example.org' });
      expect((await t.app.inject({ url: '/account', headers: { cookie } })).body).toContain('lea@example.org');
      const changed = await t.app.inject({ url: linkIn(change, '/account/email') });
      expect(changed.statusCode).toBe(200);
      expect((await t.app.inject({ url: '/account', headers: { cookie } })).body).toContain('lea.new@example.org');

      // Deleting: the member and subscriptions go, comments stay and their deletion is offered.
      const story = await publishStory(t);
      await postComment(t, story.id, { email: 'lea.new@example.org', body: 'A remark from a departing reader.' });
      const deleted = await t.app.inject({ method: 'POST', url: '/account/delete', headers: { ...FORM, cookie }, payload: `csrf=${csrf}` });
      expect(deleted.statusCode).toBe(200);
      expect(deleted.body).toContain('lea.new@example.org');
      expect(deleted.body).toContain('/comments/forget/confirm?token=');
      expect(await t.database.db.selectFrom('members').select('id').where('email', '=', 'lea.new@example.org').executeTakeFirst()).toBeUndefined();
      expect((await t.database.db.selectFrom('comments').select('id').where('author_email', '=', 'lea.new@example.org').execute()).length).toBe(1);
      expect((await t.app.inject({ url: '/account', headers: { cookie } })).statusCode).toBe(303);
    });

    it('answers a removed member’s unsubscribe link, GET or one-click POST, with a 200 saying nothing more is sent', async () => {
      const { authorization } = await t.auth('editor');
      const added = await t.app.inject({
        method: 'POST', url: '/api/admin/v1/members', headers: { authorization },
        payload: { email: 'removed@example.org', newsletters: [newsletters.daily], consent: true },
      });
      expect(added.statusCode, added.body).toBe(201);
      const removed = (await subscription('removed@example.org', newsletters.daily))!;
      const url = new URL(unsubscribeUrl('http://herald.test', await siteSecret(t.database.db), { member: removed.id, newsletter: newsletters.daily }));
      expect((await t.app.inject({ method: 'DELETE', url: `/api/admin/v1/members/${removed.id}`, headers: { authorization } })).statusCode).toBe(204);
      // A mail client that gets an error for its one-click may try again or tell the reader it failed.
      for (const answer of [
        await t.app.inject({ url: url.pathname }),
        await t.app.inject({ method: 'POST', url: url.pathname, headers: FORM, payload: 'List-Unsubscribe=One-Click' }),
      ]) {
        expect(answer.statusCode).toBe(200);
        expect(answer.body).toContain('This address is no longer on that newsletter’s list');
      }
      expect(await t.database.db.selectFrom('members').select('id').where('id', '=', removed.id).executeTakeFirst()).toBeUndefined();
      // A link the site did not sign is still refused.
      expect((await t.app.inject({ url: `${url.pathname}x` })).statusCode).toBe(404);
    });
  });
}
