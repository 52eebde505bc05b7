import { simpleParser, type ParsedMail } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueDueDigests } from '../../../src/newsletters/digests.js';
import { createSendWorker } from '../../../src/newsletters/send.worker.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { closeSmtp, listenSmtp, smtpServer, type TestSmtpServer } from '../../support/smtp-server.js';
import { members, newsletter, publishedStory } from './seed.js';

const BASE_URL = 'https://news.herald.test';

for (const engine of ENGINES) {
  describe(`newsletter delivery over SMTP [${engine}]`, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let smtpUrl: string;
    const laterTries = new Map<string, number>();
    beforeAll(async () => {
      smtp = smtpServer({
        refuse(address) {
          if (address.startsWith('bounce')) return '550 5.1.1 No such mailbox';
          if (!address.startsWith('later')) return null;
          const tries = (laterTries.get(address) ?? 0) + 1;
          laterTries.set(address, tries);
          return tries === 1 ? '451 4.3.0 Try again later' : null;
        },
      });
      smtpUrl = await listenSmtp(smtp);
      t = await createTestApp(engine, { HERALD_SMTP_URL: smtpUrl, HERALD_MAIL_FROM: 'Herald <news@herald.test>' });
      await updateSettings(t.database.db, { baseUrl: BASE_URL, name: 'Le Quotidien' });
    });
    afterAll(async () => {
      await t?.close();
      smtp?.server.close();
    });

    const worker = (url = smtpUrl) =>
      createSendWorker(t.database, { ...t.config.newsletters, rate: 2000, connections: 2, retryBaseMs: 20, leaseMs: 10_000, smtpUrl: url, from: t.config.mail.from, settings: () => t.app.herald.settings(), onError: (error) => { throw error; }, journal: { dir: t.config.dataDir } });

    /** Rounds until nothing is left to send now or after a short retry. */
    async function drain(url = smtpUrl) {
      const sender = worker(url);
      try {
        for (let i = 0; i < 200; i++) {
          const round = await sender.round();
          if (round.paused) return;
          const waiting = await t.database.db.selectFrom('newsletter_deliveries').select('id').where('status', 'in', ['pending', 'sending', 'handed']).executeTakeFirst();
          if (!waiting) return;
          if (round.claimed === 0) await new Promise((resolve) => setTimeout(resolve, 25));
        }
        throw new Error(`the queue did not drain: ${JSON.stringify(await t.database.db.selectFrom('newsletter_deliveries').select(['send_id', 'status', 'next_attempt_at', 'last_error']).where('status', 'in', ['pending', 'sending', 'handed']).execute())}`);
      } finally {
        sender.close();
      }
    }

    const send = async (articleId: number, newsletterIds: number[]) => {
      const { authorization } = await t.auth('editor');
      const response = await t.app.inject({ method: 'POST', url: `/api/admin/v1/articles/${articleId}/newsletter-sends`, headers: { authorization }, payload: { newsletterIds } });
      expect(response.statusCode).toBe(202);
      return response.json().sends[0].sendId as number;
    };

    const received = (to: string): Promise<ParsedMail[]> =>
      Promise.all(smtp.messages.filter((_, index) => smtp.recipients[index].includes(to)).map((message) => simpleParser(message)));

    it('sends a French story with both unsubscribe headers, its language, a plain-text part; 550 fails, 451 arrives after a retry', async () => {
      const { db } = t.database;
      const french = await newsletter(db, { name: 'La matinale', language: 'fr', senderName: 'La rédaction', replyTo: 'redaction@herald.test' });
      await members(db, french, ['ana@example.org', 'bounce@example.org', 'later@example.org']);
      const english = await newsletter(db, { name: 'Morning', language: 'en' });
      await members(db, english, ['ben@example.org'], 'confirmed', 'en');
      const story = await publishedStory(t, 'editor', { language: 'fr', title: 'Le port rouvre', standfirst: 'Les dockers reprennent le travail.', body: '<p>Après trois semaines de grève.</p>' });
      const sendId = await send(story, [french]);
      await drain();

      const [mail, ...more] = await received('ana@example.org');
      expect(more).toEqual([]);
      expect(mail.subject).toBe('Le port rouvre');
      expect(mail.from?.value).toEqual([{ name: 'La rédaction', address: 'news@herald.test' }]);
      expect(mail.replyTo?.value[0].address).toBe('redaction@herald.test');
      const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '');
      const unsubscribe = String(header('list-unsubscribe')).replace(/^<|>$/g, '');
      expect(unsubscribe).toMatch(new RegExp(`^${BASE_URL}/unsubscribe/[\\w-]+\\.[\\w-]+$`));
      expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
      expect(mail.html).toMatch(/<html lang="fr" dir="ltr"/);
      expect(mail.html).toContain(`href="${unsubscribe}"`);
      expect(mail.text).toContain('Après trois semaines de grève.');
      expect(mail.text).toContain(`Se désabonner: ${unsubscribe}`);
      expect(await received('ben@example.org')).toEqual([]);

      expect(await received('bounce@example.org')).toEqual([]);
      expect(await received('later@example.org')).toHaveLength(1);
      expect(laterTries.get('later@example.org')).toBe(2);
      const sent = await db.selectFrom('newsletter_sends').selectAll().where('id', '=', sendId).executeTakeFirstOrThrow();
      expect(sent).toMatchObject({ status: 'sent', recipients: 3, delivered: 2, failed: 1 });
      const bounced = await db.selectFrom('members').select(['failure_streak', 'suppressed_at']).where('email', '=', 'bounce@example.org').executeTakeFirstOrThrow();
      expect(bounced).toEqual({ failure_streak: 1, suppressed_at: null });

      // One click in the mail client: a POST to the List-Unsubscribe address, no cookie, no token.
      const click = await t.app.inject({ method: 'POST', url: new URL(unsubscribe).pathname, headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload: 'List-Unsubscribe=One-Click' });
      expect(click.statusCode).toBeLessThan(300);
      const next = await publishedStory(t, 'editor', { language: 'fr', title: 'La suite' });
      await send(next, [french]);
      await drain();
      expect((await received('ana@example.org')).map((m) => m.subject)).toEqual(['Le port rouvre']);
      expect((await received('later@example.org')).map((m) => m.subject)).toEqual(['Le port rouvre', 'La suite']);
      const { authorization } = await t.auth('editor');
      const listed = (await t.app.inject({ method: 'GET', url: `/api/admin/v1/newsletter-sends?newsletter=${french}`, headers: { authorization } })).json();
      expect(listed.items.find((item: { id: number }) => item.id === sendId)).toMatchObject({ delivered: 2, failed: 1, unsubscribedSince: 1, pending: 0 });
    });

    it('writes an Arabic story right to left', async () => {
      const { db } = t.database;
      const arabic = await newsletter(db, { name: 'النشرة', language: 'ar' });
      await members(db, arabic, ['salma@example.org'], 'confirmed', 'ar');
      const story = await publishedStory(t, 'editor', { language: 'ar', title: 'افتتاح الميناء', body: '<p>نص الخبر.</p>' });
      await send(story, [arabic]);
      await drain();
      const [mail] = await received('salma@example.org');
      expect(mail.html).toMatch(/<html lang="ar" dir="rtl"/);
      expect(mail.text).toContain('إلغاء الاشتراك');
    });

    it('suppresses an address after three permanent failures in a row', async () => {
      const { db } = t.database;
      const list = await newsletter(db, { name: 'Brèves', language: 'fr' });
      await members(db, list, ['bounce-three@example.org']);
      for (const title of ['Un', 'Deux', 'Trois']) {
        await send(await publishedStory(t, 'editor', { language: 'fr', title }), [list]);
        await drain();
      }
      const member = await db.selectFrom('members').select(['failure_streak', 'suppressed_at']).where('email', '=', 'bounce-three@example.org').executeTakeFirstOrThrow();
      expect(member.failure_streak).toBe(3);
      expect(member.suppressed_at).not.toBeNull();
      const fourth = await send(await publishedStory(t, 'editor', { language: 'fr', title: 'Quatre' }), [list]);
      expect(await db.selectFrom('newsletter_sends').select('recipients').where('id', '=', fourth).executeTakeFirstOrThrow()).toEqual({ recipients: 0 });
    });

    it('sends a daily digest of the day’s stories in its language, lead story first, once; none when nothing was published', async () => {
      const { db } = t.database;
      const created = new Date(Date.now() - 2 * 86_400_000).toISOString();
      const editionAt = new Date(Date.now() + 60_000);
      const sendTime = editionAt.toISOString().slice(11, 16);
      const daily = await newsletter(db, { name: 'Le résumé', language: 'fr', cadence: 'daily', sendTime, createdAt: created });
      const quiet = await newsletter(db, { name: 'Tägliche', language: 'de', cadence: 'daily', sendTime, createdAt: created });
      await members(db, daily, ['digest@example.org']);
      await members(db, quiet, ['ruhig@example.org'], 'confirmed', 'de');
      await publishedStory(t, 'editor', { language: 'fr', title: 'Premier du jour', standfirst: 'Le chapeau du premier.' });
      await publishedStory(t, 'editor', { language: 'fr', title: 'Second du jour' });
      const settings = { ...(await t.app.herald.settings()), timezone: 'UTC' };
      const afterEdition = new Date(editionAt.getTime() + 60_000);
      expect(await queueDueDigests(db, settings, afterEdition)).toBe(1);
      expect(await queueDueDigests(db, settings, afterEdition)).toBe(0);
      // Queued on the moved clock: due now for the worker, which runs on the real one.
      await db.updateTable('newsletter_deliveries').set({ next_attempt_at: new Date().toISOString() }).where('status', '=', 'pending').execute();
      await drain();
      const [mail, ...more] = await received('digest@example.org');
      expect(more).toEqual([]);
      expect(mail.subject).toBe('Le résumé : Second du jour');
      expect(mail.text!.indexOf('Second du jour')).toBeLessThan(mail.text!.indexOf('Premier du jour'));
      expect(mail.text).toContain('Le chapeau du premier.');
      expect(await received('ruhig@example.org')).toEqual([]);
    });

    it('pauses a send while the SMTP server is down, says so, and goes on when it is back', async () => {
      const { db } = t.database;
      const list = await newsletter(db, { name: 'Urgent', language: 'fr' });
      await members(db, list, ['paula@example.org']);
      const sendId = await send(await publishedStory(t, 'editor', { language: 'fr', title: 'Panne' }), [list]);
      const closed = smtpServer();
      const deadUrl = await listenSmtp(closed);
      await closeSmtp(closed);
      await drain(deadUrl);
      const { authorization } = await t.auth('editor');
      const paused = (await t.app.inject({ method: 'GET', url: `/api/admin/v1/newsletter-sends?newsletter=${list}`, headers: { authorization } })).json();
      expect(paused).toMatchObject({ email: { configured: true, paused: true }, items: [{ id: sendId, status: 'paused', pending: 1 }] });
      await db.updateTable('newsletter_deliveries').set({ next_attempt_at: new Date().toISOString() }).where('send_id', '=', sendId).execute();
      await drain();
      expect(await received('paula@example.org')).toHaveLength(1);
      expect(await db.selectFrom('newsletter_sends').select(['status', 'delivered']).where('id', '=', sendId).executeTakeFirstOrThrow()).toEqual({ status: 'sent', delivered: 1 });
    });
  });
}
