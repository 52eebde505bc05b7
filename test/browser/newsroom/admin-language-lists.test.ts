import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { nowIso } from '../../../src/db/time.js';
import type { Actor } from '../../../src/people/permissions.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const DRAFTS = ['Harbour strike ends', 'Ferry timetable changes', 'Market day moves'];

/** Words of the dashboard, stories and comments screens in English that no translated screen may show. */
const ENGLISH = ['Recent drafts', 'Write a story', 'Waiting for review', 'Translations', 'Comments awaiting', 'Headline', 'Move to trash', 'Keys:', 'Block lists', 'Pending', 'Approve', 'Every status', 'selected'];

const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
const screenText = (page: Page) => page.locator('#main').innerText();

describe('the dashboard, the stories list and the comments queue in the admin’s language', () => {
  const newsroom = newsroomSuite();
  let admin: { id: number; email: string };
  beforeAll(async () => {
    admin = await newsroom.person('administrator', 'Ada Admin');
    const actor: Actor = { role: 'administrator', userId: admin.id, principal: `user:${admin.id}`, name: 'Ada Admin' };
    const store = newsroom.server.database;
    for (const title of DRAFTS) await createArticle(store, { language: 'en', title, body: '<p>Text.</p>' }, actor, newsroom.url);
    const published = await createArticle(store, { language: 'en', title: 'Bridge closes for repairs', body: '<p>Closed until May.</p>', status: 'published' }, actor, newsroom.url);
    const now = nowIso();
    await store.db
      .insertInto('comments')
      .values({ article_id: published.id, status: 'pending', author_name: 'Rita Reader', author_email: 'rita@example.org', body: 'Will the ferry run more often?', content_hash: 'x', created_at: now, updated_at: now })
      .execute();
  });

  async function signedIn(language: string, options: BrowserContextOptions): Promise<Page> {
    await newsroom.server.database.db.updateTable('users').set({ interface_language: language }).where('id', '=', admin.id).execute();
    const page = await newsroom.openPage(options);
    page.setDefaultTimeout(8000);
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAs(page, newsroom.url, admin.email);
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    return page;
  }

  async function expectNoEnglish(page: Page) {
    const text = await screenText(page);
    for (const english of ENGLISH) expect(text, english).not.toContain(english);
  }

  it('shows each screen in French: headings, buttons, statuses and counts', async () => {
    const page = await signedIn('fr', DESKTOP);
    await page.getByRole('heading', { level: 1, name: 'Bienvenue, Ada Admin' }).waitFor();
    await page.getByRole('link', { name: 'Écrire un article' }).waitFor();
    await page.getByRole('heading', { name: 'Brouillons récents' }).waitFor();
    await page.getByRole('region', { name: 'Brouillons récents' }).getByRole('link', { name: DRAFTS[0] }).waitFor();
    await page.getByRole('heading', { name: 'Commentaires en attente de modération' }).waitFor();
    await page.getByRole('region', { name: 'État des traductions' }).getByText('1 manquante').waitFor();
    await page.getByRole('link', { name: 'Ouvrir la file de modération' }).waitFor();
    await expectNoEnglish(page);

    await page.goto(`${newsroom.url}/admin/stories`);
    await page.getByRole('heading', { level: 1, name: 'Articles' }).waitFor();
    await page.getByRole('columnheader', { name: 'Titre' }).waitFor();
    await page.getByRole('button', { name: 'Nouvel article' }).waitFor();
    expect(await page.locator('table.stories .badge.status-draft').first().textContent()).toBe('brouillon');
    expect(await page.getByRole('combobox', { name: 'Statut' }).locator('option').allTextContents()).toEqual(['Tous les statuts', 'Brouillons', 'En relecture', 'Renvoyés', 'Programmés', 'Publiés', 'Expirés']);
    await page.getByRole('checkbox', { name: `Sélectionner : ${DRAFTS[0]}` }).check();
    await page.getByRole('region', { name: 'Articles sélectionnés' }).getByText('1 sélectionné', { exact: true }).waitFor();
    await expectNoEnglish(page);

    await page.goto(`${newsroom.url}/admin/comments`);
    await page.getByRole('heading', { level: 1, name: 'Commentaires' }).waitFor();
    await page.getByRole('navigation', { name: 'Files' }).getByRole('button', { name: 'En attente' }).waitFor();
    await page.getByRole('button', { name: 'Approuver', exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Listes de blocage' }).waitFor();
    await page.getByText('Raccourcis : j/k se déplacer').waitFor();
    await expectNoEnglish(page);
    await page.context().close();
  });

  it('shows each screen in Arabic right to left on a phone, with Arabic’s plural forms', async () => {
    const page = await signedIn('ar', PHONE);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('heading', { level: 1, name: 'مرحبًا، Ada Admin' }).waitFor();
    await page.getByRole('heading', { name: 'أحدث المسودات' }).waitFor();
    await page.getByRole('link', { name: 'كتابة قصة' }).waitFor();
    await page.getByRole('region', { name: 'حالة الترجمات' }).getByText('ناقصة: 1').waitFor();
    await page.waitForLoadState('networkidle');
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoEnglish(page);

    await page.goto(`${newsroom.url}/admin/stories`);
    await page.getByRole('heading', { level: 1, name: 'القصص' }).waitFor();
    await page.getByRole('button', { name: 'قصة جديدة' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoEnglish(page);
    for (const title of DRAFTS) await page.getByRole('checkbox', { name: `تحديد: ${title}` }).check();
    const bar = page.getByRole('region', { name: 'القصص المحددة' });
    await bar.getByText('المحدد: 3').waitFor();
    await bar.getByRole('button', { name: 'نشر', exact: true }).click();
    // Three takes the "few" form: the noun in the plural (قصص), not the singular that 11 takes.
    await page.getByRole('status').getByText('نُشرت 3 قصص.').waitFor();
    expect(await page.locator('table.stories .badge.status-published').first().textContent()).toBe('منشورة');

    await page.goto(`${newsroom.url}/admin/comments`);
    await page.getByRole('heading', { level: 1, name: 'التعليقات' }).waitFor();
    await page.getByRole('button', { name: 'معلّقة' }).waitFor();
    await page.getByRole('heading', { name: 'قوائم الحظر' }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await sidewaysOverflow(page)).toBe(0);
    await expectNoEnglish(page);
    await page.getByRole('button', { name: 'موافقة', exact: true }).click();
    // One comment is said with its own form, not "1 تعليق".
    await page.getByRole('status').getByText('تمت الموافقة على تعليق واحد.').waitFor();
    await page.context().close();
  });
});
