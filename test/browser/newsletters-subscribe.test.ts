import { simpleParser, type ParsedMail } from 'mailparser';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIN_SECONDS_TO_SUBMIT } from '../../src/members/subscribe-form.js';
import { closeSmtp, listenSmtp, smtpServer } from '../support/smtp-server.js';
import { seriousViolations } from './newsroom/axe.js';
import { demoStoryPath, launchChromium, startSiteServer, type SiteServer } from './site-server.js';

describe('Subscribing to a newsletter in Chromium', () => {
  const smtp = smtpServer();
  let server: SiteServer;
  let browser: Browser;
  let seen = 0;

  beforeAll(async () => {
    const smtpUrl = await listenSmtp(smtp);
    [server, browser] = await Promise.all([startSiteServer({ HERALD_SMTP_URL: smtpUrl }), launchChromium()]);
    const at = new Date().toISOString();
    await server.database.db
      .insertInto('newsletters')
      .values([
        { name: 'La Lettre du matin', language: 'fr', description: 'L’essentiel chaque matin.', created_at: at, updated_at: at },
        { name: 'النشرة الصباحية', language: 'ar', description: 'أهم الأخبار كل صباح.', created_at: at, updated_at: at },
      ])
      .execute();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await closeSmtp(smtp);
  });

  async function nextMail(): Promise<ParsedMail> {
    for (let i = 0; i < 400 && smtp.messages.length <= seen; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(smtp.messages.length, 'the confirmation mail arrives').toBeGreaterThan(seen);
    return simpleParser(smtp.messages[seen++]);
  }

  /** Subscribes with the story page's form, as a person does: reads a moment, types, presses the button. */
  async function subscribeOn(page: Page, path: string, email: string, labels: { email: string; button: string }) {
    await page.goto(`${server.url}${path}`);
    const form = page.locator('#subscribe');
    await form.scrollIntoViewIfNeeded();
    await page.waitForTimeout(MIN_SECONDS_TO_SUBMIT * 1000 + 200);
    await form.getByLabel(labels.email).fill(email);
    await form.getByRole('button', { name: labels.button }).click();
  }

  const subscriptionStatus = async (email: string) =>
    (
      await server.database.db
        .selectFrom('member_subscriptions')
        .innerJoin('members', 'members.id', 'member_subscriptions.member_id')
        .select('member_subscriptions.status')
        .where('members.email', '=', email)
        .executeTakeFirst()
    )?.status;

  it('a reader subscribes on a French story page; the mail comes in French; its link confirms', async () => {
    const page = await browser.newPage();
    const story = await demoStoryPath(server.database, 'fr', '');
    await page.goto(`${server.url}${story}`);
    // Below the story, before its comments.
    const order = await page.evaluate(() => {
      const all = [...document.querySelectorAll('#subscribe, #comments')].map((e) => e.id);
      return all;
    });
    expect(order).toEqual(['subscribe', 'comments']);
    expect(await seriousViolations(page)).toEqual([]);

    await subscribeOn(page, story, 'claire@example.org', { email: 'Adresse e-mail', button: 'S’abonner' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Consultez votre boîte mail');
    expect(await subscriptionStatus('claire@example.org')).toBe('pending');

    const mail = await nextMail();
    expect(mail.subject).toContain('Confirmez votre abonnement');
    expect(mail.html).toMatch(/<html[^>]*lang="fr"/);
    expect(mail.text).toContain('La Lettre du matin');
    const link = mail.text!.match(/https?:\/\/\S+\/subscribe\/confirm\/\S+/)![0];
    await page.goto(link);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Abonnement confirmé');
    expect(await page.getByRole('status').textContent()).toContain('La Lettre du matin');
    expect(await subscriptionStatus('claire@example.org')).toBe('confirmed');
    await page.close();
  });

  it('the same on an Arabic story page, right to left, on a phone', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const story = await demoStoryPath(server.database, 'ar', '');
    await page.goto(`${server.url}${story}`);
    expect(await page.locator('#subscribe').evaluate((e) => getComputedStyle(e).direction)).toBe('rtl');
    // The form fits the phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    await subscribeOn(page, story, 'samir@example.org', { email: 'البريد الإلكتروني', button: 'اشترك' });
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('تفقّد بريدك');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');

    const mail = await nextMail();
    expect(mail.html).toMatch(/<html[^>]*dir="rtl"/);
    expect(mail.text).toContain('النشرة الصباحية');
    await page.goto(mail.text!.match(/https?:\/\/\S+\/subscribe\/confirm\/\S+/)![0]);
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('تأكّد اشتراكك');
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    expect(await subscriptionStatus('samir@example.org')).toBe('confirmed');
    await page.close();
  });

  it('the reader signs in by a mailed link, changes their newsletters on an accessible account page, and leaves one', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/account/sign-in?lang=fr`);
    await page.getByLabel('Adresse e-mail').fill('claire@example.org');
    await page.getByRole('button', { name: 'M’envoyer le lien' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('un lien de connexion vous a été envoyé');
    const mail = await nextMail();
    await page.goto(mail.text!.match(/https?:\/\/\S+\/account\/link\/\S+/)![0]);
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Votre compte');
    expect(await seriousViolations(page)).toEqual([]);

    const morning = page.getByRole('checkbox', { name: /La Lettre du matin/ });
    expect(await morning.isChecked()).toBe(true);
    await morning.uncheck();
    await page.getByRole('button', { name: 'Enregistrer' }).first().click();
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Enregistré.');
    expect(await page.getByRole('checkbox', { name: /La Lettre du matin/ }).isChecked()).toBe(false);
    expect(await subscriptionStatus('claire@example.org')).toBe('unsubscribed');
    await page.close();
  });
});
