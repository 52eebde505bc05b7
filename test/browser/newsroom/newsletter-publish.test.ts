import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { seriousViolations } from './axe.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';
import { members, newsletter } from '../../e2e/newsletters/seed.js';

describe('publishing a story with its language’s newsletters ticked in the publish dialog', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let email: string;
  let actor: { role: 'editor'; userId: number; principal: string; name: string };
  beforeAll(async () => {
    const person = await newsroom.person('editor', 'Nadia Newsdesk');
    email = person.email;
    actor = { role: 'editor', userId: person.id, principal: `user:${person.id}`, name: 'Nadia Newsdesk' };
  });

  it('offers the French newsletters unticked, previews and tests the mail, and sends the story once it is published', async () => {
    const { db } = newsroom.server.database;
    const french = await newsletter(db, { name: 'La matinale', language: 'fr' });
    await newsletter(db, { name: 'Le résumé', language: 'fr', cadence: 'daily' });
    await newsletter(db, { name: 'Morning', language: 'en' });
    await members(db, french, ['lectrice@example.org']);
    const draft = await createArticle(newsroom.server.database, { language: 'fr', title: 'Le port rouvre', body: '<p>Les dockers reprennent.</p>' }, actor, newsroom.url);

    page = await newsroom.openPage({ viewport: { width: 1280, height: 800 } });
    page.setDefaultTimeout(10_000);
    await signInAs(page, newsroom.url, email);
    await page.goto(`${newsroom.url}/admin/stories/${draft.id}`);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const choose = page.getByRole('dialog', { name: 'Publish this story' });
    const box = choose.getByRole('checkbox', { name: 'La matinale' });
    await box.waitFor();
    expect(await box.isChecked()).toBe(false);
    // Digests gather stories by themselves; another language's newsletter is not offered.
    expect(await choose.getByRole('checkbox').count()).toBe(1);
    expect(await seriousViolations(page)).toEqual([]);

    const preview = await choose.getByRole('link', { name: 'Preview the e-mail' }).getAttribute('href');
    const mail = await page.request.get(`${newsroom.url}${preview}`);
    expect(mail.status()).toBe(200);
    expect(await mail.text()).toMatch(/<html lang="fr" dir="ltr"[\s\S]*Le port rouvre/);

    await choose.getByRole('button', { name: 'Send me a test' }).click();
    await choose.getByText('E-mail is not configured: the test was written to the server’s log.').waitFor();

    await box.check();
    await choose.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ready to go out?' });
    expect(await confirm.locator('p').textContent()).toBe('Publish “\u2068Le port rouvre\u2069” now on the French site, and send it to \u2068La matinale\u2069.');
    await confirm.getByRole('button', { name: 'Publish now' }).click();
    await expect
      .poll(async () => db.selectFrom('newsletter_sends').select(['newsletter_id', 'recipients']).where('article_id', '=', draft.id).execute())
      .toEqual([{ newsletter_id: french, recipients: 1 }]);
  });

  it('reads right to left in an Arabic admin on a phone', async () => {
    const { db } = newsroom.server.database;
    await db.updateTable('users').set({ interface_language: 'ar' }).where('id', '=', actor.userId).execute();
    const draft = await createArticle(newsroom.server.database, { language: 'fr', title: 'Une autre histoire', body: '<p>Texte.</p>' }, actor, newsroom.url);
    page = await newsroom.openPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    page.setDefaultTimeout(10_000);
    await signInAs(page, newsroom.url, email);
    await page.goto(`${newsroom.url}/admin/stories/${draft.id}`);
    await page.locator('.publish-bar button[aria-haspopup="dialog"]').click();
    const dialog = page.getByRole('dialog');
    await dialog.getByText('أرسله أيضًا بالبريد الإلكتروني').waitFor();
    expect(await page.locator('html').getAttribute('dir')).toBe('rtl');
    expect(await dialog.getByRole('button', { name: 'أرسل لي نسخة تجريبية' }).count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    await db.updateTable('users').set({ interface_language: null }).where('id', '=', actor.userId).execute();
  });
});
