import { simpleParser, type ParsedMail } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { MIN_SECONDS_TO_SUBMIT } from '../../../src/members/subscribe-form.js';
import { closeSmtp, listenSmtp, smtpServer, smtpUrl } from '../../support/smtp-server.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

/**
 * The whole way, in Chromium and through a real SMTP server: a reader subscribes on a French
 * story page and confirms from the French mail; an editor publishes a French story with the
 * French newsletter ticked; the reader receives it in French with both unsubscribe headers; one
 * click (the mail client's POST) unsubscribes; the next story's send skips them. An English
 * reader gets nothing from the French sends.
 */
describe('a newsletter from the sign-up to the one-click unsubscribe', () => {
  const smtp = smtpServer();
  beforeAll(() => listenSmtp(smtp));
  afterAll(() => closeSmtp(smtp));
  const newsroom = newsroomSuite(() => ({ HERALD_SMTP_URL: smtpUrl(smtp), HERALD_NEWSLETTER_POLL_MS: '100' }));
  let editor: { id: number; email: string };
  let french: number;

  beforeAll(async () => {
    editor = await newsroom.person('editor', 'Nadia Newsdesk');
    const at = new Date().toISOString();
    const rows = await newsroom.server.database.db
      .insertInto('newsletters')
      .values([
        { name: 'La matinale', language: 'fr', created_at: at, updated_at: at },
        { name: 'The Morning', language: 'en', created_at: at, updated_at: at },
      ])
      .returning('id')
      .execute();
    french = rows[0].id;
  });

  /** The mails the SMTP server has received for `to`, parsed. */
  const mailsTo = async (to: string): Promise<ParsedMail[]> =>
    Promise.all(smtp.messages.filter((_, i) => smtp.recipients[i]?.includes(to)).map((raw) => simpleParser(raw)));

  async function subscribe(page: Page, path: string, email: string, labels: { email: string; button: string }) {
    await page.goto(`${newsroom.url}${path}`);
    const form = page.locator('#subscribe');
    await form.scrollIntoViewIfNeeded();
    await page.waitForTimeout(MIN_SECONDS_TO_SUBMIT * 1000 + 200);
    await form.getByLabel(labels.email).fill(email);
    await form.getByRole('button', { name: labels.button }).click();
  }

  async function confirm(page: Page, email: string) {
    await expect.poll(async () => (await mailsTo(email)).length, { timeout: 10_000 }).toBe(1);
    const [mail] = await mailsTo(email);
    await page.goto(mail.text!.match(/https?:\/\/\S+\/subscribe\/confirm\/\S+/)![0]);
    await page.locator('h1').waitFor();
  }

  async function publishWithNewsletter(page: Page, title: string) {
    const actor = { role: 'editor' as const, userId: editor.id, principal: `user:${editor.id}`, name: 'Nadia Newsdesk' };
    const draft = await createArticle(newsroom.server.database, { language: 'fr', title, body: '<p>Les dockers reprennent le travail.</p>' }, actor, newsroom.url);
    await page.goto(`${newsroom.url}/admin/stories/${draft.id}`);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const choose = page.getByRole('dialog', { name: 'Publish this story' });
    await choose.getByRole('checkbox', { name: 'La matinale' }).check();
    await choose.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog', { name: 'Ready to go out?' }).getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(async () => (await newsroom.server.database.db.selectFrom('newsletter_sends').select('id').where('article_id', '=', draft.id).execute()).length).toBe(1);
    return draft;
  }

  // Two sign-ups wait out the form's minimum time, and the machine running the tests may be busy.
  it('subscribes, confirms, receives the French story with both unsubscribe headers, leaves in one click, and is skipped next time', { timeout: 60_000 }, async () => {
    const { db } = newsroom.server.database;
    const story = await createArticle(
      newsroom.server.database,
      { language: 'fr', title: 'Marée haute', body: '<p>La mer monte.</p>', status: 'published' },
      { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Nadia Newsdesk' },
      newsroom.url,
    );
    const reader = await newsroom.browser.newPage();
    await subscribe(reader, `/fr/${story.slug}`, 'claire@example.org', { email: 'Adresse e-mail', button: 'S’abonner' });
    await confirm(reader, 'claire@example.org');
    // An English reader of the English newsletter.
    const english = await createArticle(
      newsroom.server.database,
      { language: 'en', title: 'High tide', body: '<p>The sea rises.</p>', status: 'published' },
      { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Nadia Newsdesk' },
      newsroom.url,
    );
    await subscribe(reader, `/en/${english.slug}`, 'sam@example.org', { email: 'E-mail address', button: 'Subscribe' });
    await confirm(reader, 'sam@example.org');
    const statusOf = async (email: string) =>
      (await db.selectFrom('member_subscriptions').innerJoin('members', 'members.id', 'member_subscriptions.member_id').select('status').where('email', '=', email).executeTakeFirst())?.status;
    expect([await statusOf('claire@example.org'), await statusOf('sam@example.org')]).toEqual(['confirmed', 'confirmed']);

    const desk = await newsroom.browser.newPage();
    await signInAs(desk, newsroom.url, editor.email);
    await publishWithNewsletter(desk, 'Le port rouvre');
    await expect.poll(async () => (await mailsTo('claire@example.org')).length, { timeout: 15_000 }).toBe(2);
    const mail = (await mailsTo('claire@example.org'))[1];
    expect(mail.subject).toContain('Le port rouvre');
    expect(mail.html).toMatch(/<html[^>]*lang="fr"/);
    expect(mail.text).toContain('Les dockers reprennent le travail.');
    // The raw header lines: mailparser folds List-* headers into an object of its own.
    const header = (name: string) => mail.headerLines.find((line) => line.key === name)?.line.replace(/^[^:]+:\s*/, '');
    const unsubscribe = String(header('list-unsubscribe')).replace(/^<|>$/g, '');
    expect(unsubscribe).toMatch(new RegExp(`^${newsroom.url}/unsubscribe/`));
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    // The English reader gets nothing from the French send.
    expect(await mailsTo('sam@example.org')).toHaveLength(1);

    // The mail client's one click: a POST without cookie or token.
    const click = await fetch(unsubscribe, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(click.status).toBe(200);
    expect(await statusOf('claire@example.org')).toBe('unsubscribed');

    const next = await publishWithNewsletter(desk, 'La grève est finie');
    const send = await db.selectFrom('newsletter_sends').select(['id', 'recipients']).where('article_id', '=', next.id).executeTakeFirstOrThrow();
    expect(send.recipients).toBe(0);
    // Time enough for a worker round: still only the confirmation and the first story.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await mailsTo('claire@example.org')).toHaveLength(2);
    await reader.close();
    await desk.close();
  });
});
