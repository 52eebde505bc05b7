import { simpleParser } from 'mailparser';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle, publishDueArticles, updateArticle } from '../../../src/content/articles.service.js';
import type { InterfaceLanguage } from '../../../src/core/interface-text.js';
import type { Actor } from '../../../src/people/permissions.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { closeSmtp, listenSmtp, smtpServer, smtpUrl } from '../../support/smtp-server.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

/** Where the pictures of each screen go, when asked for (HERALD_SCREENSHOTS=folder), to be looked at. */
const SHOTS = process.env.HERALD_SCREENSHOTS;

/**
 * A story scheduled in the editor's Publish dialog with a newsletter ticked: nothing is sent
 * while it waits; when the scheduler publishes it, its readers get it, once, whatever happens to
 * the story after.
 */
describe('a scheduled story sent to a newsletter when it goes out', () => {
  const smtp = smtpServer();
  beforeAll(() => listenSmtp(smtp));
  afterAll(() => closeSmtp(smtp));
  const newsroom = newsroomSuite(() => ({ HERALD_SMTP_URL: smtpUrl(smtp), HERALD_NEWSLETTER_POLL_MS: '100' }));
  let editor: { id: number; email: string };
  let actor: Actor;
  let quotidien: number;

  beforeAll(async () => {
    const { db } = newsroom.server.database;
    await updateSettings(db, { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en', timezone: 'Europe/Paris', name: 'Le Quotidien' });
    editor = await newsroom.person('editor', 'Nadia Newsdesk');
    actor = { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Nadia Newsdesk' };
    const at = new Date().toISOString();
    quotidien = (await db.insertInto('newsletters').values({ name: 'Le Quotidien', language: 'fr', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow()).id;
    const reader = await db.insertInto('members').values({ email: 'lea@example.org', language: 'fr', source: 'admin', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await db.insertInto('member_subscriptions').values({ member_id: reader.id, newsletter_id: quotidien, status: 'confirmed', created_at: at, confirmed_at: at }).execute();
  });

  const draft = (title: string) => createArticle(newsroom.server.database, { language: 'fr', title, body: '<p>La mer monte encore.</p>' }, actor, newsroom.url);
  const mailsTo = (to: string) => smtp.messages.filter((_, i) => smtp.recipients[i]?.includes(to));

  /** The editor, in an admin language, on a screen this wide, with the story open. */
  async function openStory(language: InterfaceLanguage, width: number, storyId: number): Promise<Page> {
    await newsroom.server.database.db.updateTable('users').set({ interface_language: language }).where('id', '=', editor.id).execute();
    const context = await newsroom.browser.newContext({ viewport: { width, height: 900 } });
    const page = await context.newPage();
    await signInAs(page, newsroom.url, editor.email);
    await page.goto(`${newsroom.url}/admin/stories/${storyId}`);
    await page.locator('.publish-bar').waitFor();
    return page;
  }

  /** Schedules through the dialog, whatever its language: later, the time, the newsletter ticked. */
  async function chooseLaterWithNewsletter(page: Page, shot?: string) {
    await page.locator('.publish-bar button[aria-haspopup="dialog"]').click();
    const dialog = page.locator('dialog.publish-dialog');
    await dialog.locator('input[name="when"][value="later"]').check();
    await dialog.locator('input[name="publishAt"]').fill('2027-12-04T09:00');
    await dialog.locator(`input[name="newsletters"][value="${quotidien}"]`).check();
    if (shot && SHOTS) await page.screenshot({ path: `${SHOTS}/${shot}-choose.png`, fullPage: true });
    await dialog.locator('button[type="submit"]').click();
    await dialog.locator('.what-happens').waitFor();
    if (shot && SHOTS) await page.screenshot({ path: `${SHOTS}/${shot}-confirm.png`, fullPage: true });
    return dialog;
  }

  it('offers the newsletters for later, says it will send, sends nothing until the story is out, then once', { timeout: 90_000 }, async () => {
    const { db } = newsroom.server.database;
    const story = await draft('La marée du siècle');
    const page = await openStory('en', 1280, story.id);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const choose = page.getByRole('dialog', { name: 'Publish this story' });
    // Ticked for now, the choice stays when the editor decides on later instead.
    await choose.getByRole('checkbox', { name: 'Le Quotidien' }).check();
    await choose.getByRole('radio', { name: /Schedule for later/ }).check();
    expect(await choose.getByRole('checkbox', { name: 'Le Quotidien' }).isChecked()).toBe(true);
    expect(await choose.locator('.newsletters small').textContent()).toBe('The ticked newsletters get the story when it goes out. Each newsletter gets a story once.');
    await choose.getByLabel('Publish at (Europe/Paris time)').fill('2027-12-04T09:00');
    await choose.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ready to go out?' });
    expect(await confirm.locator('p').textContent()).toBe(
      'Schedule “\u2068La marée du siècle\u2069” for 4 Dec 2027, 09:00 (Europe/Paris) on the French site, and send it to \u2068Le Quotidien\u2069 when it goes out.',
    );
    await confirm.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect.poll(async () => (await db.selectFrom('articles').select('status').where('id', '=', story.id).executeTakeFirstOrThrow()).status).toBe('scheduled');
    await expect.poll(async () => (await db.selectFrom('newsletter_plans').select('newsletter_id').where('article_id', '=', story.id).execute()).map((row) => row.newsletter_id)).toEqual([quotidien]);
    expect(await db.selectFrom('newsletter_sends').select('id').where('article_id', '=', story.id).execute()).toEqual([]);

    // Its time comes: the scheduler's own step, with the clock past the time set.
    expect(await publishDueArticles(newsroom.server.database, '2027-12-04T08:00:01.000Z')).toBe(1);
    await expect.poll(() => mailsTo('lea@example.org').length, { timeout: 15_000 }).toBe(1);
    const mail = await simpleParser(mailsTo('lea@example.org')[0]);
    expect(mail.subject).toContain('La marée du siècle');
    expect(mail.html).toMatch(/<html[^>]*lang="fr"/);

    // Published again after being taken back: the newsletter had it already.
    const version = (await db.selectFrom('articles').select('version').where('id', '=', story.id).executeTakeFirstOrThrow()).version;
    const back = await updateArticle(newsroom.server.database, story.id, { version, status: 'draft' }, actor, newsroom.url);
    await updateArticle(newsroom.server.database, story.id, { version: back.version, status: 'published' }, actor, newsroom.url);
    expect(await publishDueArticles(newsroom.server.database, '2027-12-05T08:00:00.000Z')).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(mailsTo('lea@example.org')).toHaveLength(1);
    expect(await db.selectFrom('newsletter_sends').select('id').where('article_id', '=', story.id).execute()).toHaveLength(1);
    await page.context().close();
  });

  it('looks right in English and Arabic, on a desktop and a phone', { timeout: 120_000 }, async () => {
    for (const language of ['en', 'ar'] as const) {
      for (const [device, width] of [['desktop', 1280], ['phone', 390]] as const) {
        const story = await draft(`Les quais ${language} ${device}`);
        const page = await openStory(language, width, story.id);
        const dialog = await chooseLaterWithNewsletter(page, `scheduled-newsletter-${language}-${device}`);
        // The sentence names the newsletter in the admin's language, the name kept as written.
        expect(await dialog.locator('.what-happens').textContent()).toContain('\u2068Le Quotidien\u2069');
        expect(await page.locator('html').getAttribute('dir')).toBe(language === 'ar' ? 'rtl' : 'ltr');
        // Nothing sideways on a phone.
        expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
        await page.context().close();
      }
    }
  });
});
