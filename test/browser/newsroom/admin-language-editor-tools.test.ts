import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../../src/content/articles.service.js';
import { submitForReview, sendBack } from '../../../src/content/review.service.js';
import { createMailer } from '../../../src/core/mail.js';
import type { InterfaceLanguage } from '../../../src/core/interface-text.js';
import type { Actor } from '../../../src/people/permissions.js';
import type { Role } from '../../../src/people/roles.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

/** Where screenshots go when asked for (HERALD_SCREENSHOTS=folder), to be looked at. */
const SHOTS = process.env.HERALD_SCREENSHOTS;

/** English the editor's side tools used to show, none of which may be left on a translated screen. */
const ENGLISH = [
  'Languages',
  'Translate into',
  'up to date',
  'missing',
  'Follows',
  'Revisions',
  'Version',
  'compare',
  'restore',
  'refresh',
  'Preview',
  'Copy preview link',
  'Submit for review',
  'Waiting for review',
  'submitted by',
  'Send back',
  'Sent back by',
  'Authors',
];

const englishIn = async (tools: Locator[]) => {
  const texts = await Promise.all(tools.map((tool) => tool.evaluate((element) => `${element.textContent} ${[...element.querySelectorAll('[aria-label],[placeholder],[title]')].map((e) => `${e.getAttribute('aria-label')} ${e.getAttribute('placeholder')} ${e.getAttribute('title')}`).join(' ')}`)));
  // Whole words: French "comparer" is not English "compare".
  return ENGLISH.filter((english) => texts.some((text) => new RegExp(`\\b${english}\\b`).test(text)));
};

/** How far the document reaches past the viewport sideways (0 when nothing scrolls sideways). */
const sidewaysOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

describe('the story editor’s side tools in the admin’s language: French, then Arabic right to left', () => {
  const newsroom = newsroomSuite();
  let storyId: number;
  const people = {} as Record<'editor' | 'contributor', { id: number; email: string }>;
  const actorOf = (role: Role, id: number, name: string): Actor => ({ role, userId: id, principal: `user:${id}`, name });

  beforeAll(async () => {
    const store = newsroom.server.database;
    await updateSettings(store.db, { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en' });
    people.editor = await newsroom.person('editor', 'Edna Editor');
    people.contributor = await newsroom.person('contributor', 'Cora Contributor');
    const writer = actorOf('contributor', people.contributor.id, 'Cora Contributor');
    // Saved twice, so it has revisions; a French version; waiting for review.
    const draft = await createArticle(store, { language: 'en', title: 'Harbour ferries', body: '<p>Boats leave at dawn.</p>' }, writer, newsroom.url);
    await updateArticle(store, draft.id, { version: draft.version, body: '<p>Boats leave at dawn and dusk.</p>' }, writer, newsroom.url);
    await createArticle(store, { language: 'fr', title: 'Les ferries du port', body: '<p>Départ à l’aube.</p>', translationOf: draft.id }, actorOf('editor', people.editor.id, 'Edna Editor'), newsroom.url);
    const mail = { mailer: createMailer({ info: () => {} }, { smtpUrl: undefined, from: 'herald@newsroom.test' }), mailFailed: () => {} };
    await submitForReview(store, draft.id, writer, newsroom.url, mail);
    storyId = draft.id;
  });

  const openStory = async (who: 'editor' | 'contributor', language: InterfaceLanguage, width: number) => {
    await newsroom.server.database.db.updateTable('users').set({ interface_language: language }).where('id', '=', people[who].id).execute();
    const context = await newsroom.browser.newContext({ viewport: { width, height: 844 } });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: newsroom.url });
    const page = await context.newPage();
    await signInAs(page, newsroom.url, people[who].email);
    await page.goto(`${newsroom.url}/admin/stories/${storyId}`);
    // On a phone the languages and revisions are in the settings drawer: open it.
    const settings = page.locator('[aria-controls="story-settings"]');
    await settings.waitFor();
    if ((await settings.getAttribute('aria-expanded')) === 'false') await settings.click();
    await page.locator('section.revisions li').first().waitFor();
    await page.locator('section.languages li').first().waitFor();
    await page.waitForLoadState('networkidle');
    return page;
  };
  const shoot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };

  it('shows an editor the languages, revisions, preview, byline and review in French', async () => {
    const page = await openStory('editor', 'fr', 1280);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['fr', 'ltr']);

    const languages = page.getByRole('region', { name: 'Langues' });
    await languages.getByRole('heading', { name: 'Langues' }).waitFor();
    expect(await languages.locator('li[data-language="en"] .badge').textContent()).toBe('original');
    expect(await languages.locator('li[data-language="ar"] .badge').textContent()).toBe('à traduire');
    expect(await languages.locator('li[data-language="fr"] .badge').getAttribute('title')).toBe('Suit la version en telle qu’elle est rédigée aujourd’hui (révision 2).');
    expect(await languages.locator('li strong').allTextContents()).toEqual(['anglais', 'français', 'arabe']);
    expect(await languages.getByLabel('Traduire en').locator('option').allTextContents()).toEqual(['arabe']);
    await languages.getByRole('button', { name: 'Traduire', exact: true }).waitFor();

    const revisions = page.getByRole('region', { name: 'Révisions' });
    const first = revisions.getByRole('listitem').filter({ hasText: 'Révision 1 · Cora Contributor' });
    await first.getByRole('button', { name: 'comparer' }).click();
    expect(await first.locator('.revision-diff').getAttribute('aria-label')).toBe('Modifications de la révision 1 au texte actuel');

    await page.getByRole('button', { name: 'Aperçu', exact: true }).waitFor();
    await page.getByRole('button', { name: 'Copier le lien d’aperçu' }).click();
    await page.getByRole('button', { name: 'Lien d’aperçu copié' }).waitFor();
    await page.getByRole('textbox', { name: /^Lien d’aperçu, valable jusqu’au / }).waitFor();

    await page.getByRole('combobox', { name: 'Auteurs' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Auteurs' }).getAttribute('placeholder')).toBe('Ajouter un auteur…');
    await page.getByRole('button', { name: 'Retirer Cora Contributor' }).waitFor();

    const review = page.getByRole('region', { name: 'Relecture' });
    await review.getByText('En attente de relecture depuis le').waitFor();
    await review.getByText('soumis par Cora Contributor').waitFor();
    await review.getByRole('button', { name: 'Renvoyer…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Renvoyer « \u2068Harbour ferries\u2069 »' });
    await dialog.getByLabel('Que faut-il changer\u00a0?').waitFor();
    await dialog.getByRole('button', { name: 'Renvoyer à Cora Contributor' }).waitFor();
    await dialog.getByText('L’article reste un brouillon. Cora Contributor reçoit votre note').waitFor();
    await shoot(page, 'editor-tools-fr-desktop');
    await page.keyboard.press('Escape');

    expect(await englishIn([languages, revisions, review, page.locator('.preview-links'), ...(await page.locator('.author-picker').all())])).toEqual([]);
    await page.context().close();
  });

  it('shows them right to left in Arabic on a phone, with nothing running off its side', async () => {
    const page = await openStory('editor', 'ar', 390);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    const languages = page.getByRole('region', { name: 'اللغات' });
    expect(await languages.locator('li[data-language="ar"] .badge').textContent()).toBe('غير مترجمة');
    expect(await languages.getByLabel('الترجمة إلى').locator('option').allTextContents()).toEqual(['العربية']);
    const revisions = page.getByRole('region', { name: 'الإصدارات' });
    await revisions.getByText('الإصدار 1 · Cora Contributor').waitFor();
    await page.getByRole('button', { name: 'نسخ رابط المعاينة' }).waitFor();
    const review = page.getByRole('region', { name: 'المراجعة' });
    await review.getByText('أرسلها Cora Contributor').waitFor();
    await review.getByRole('button', { name: 'إرجاع…' }).waitFor();
    await page.getByRole('combobox', { name: 'الكتّاب' }).waitFor();

    expect(await sidewaysOverflow(page)).toBe(0);
    for (const tool of [languages, revisions, review]) expect(await tool.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    expect(await englishIn([languages, revisions, review, page.locator('.preview-links'), ...(await page.locator('.author-picker').all())])).toEqual([]);
    await shoot(page, 'editor-tools-ar-phone');
    await page.context().close();
  });

  it('shows the contributor the note their story came back with, in French and then in Arabic', async () => {
    const store = newsroom.server.database;
    const mail = { mailer: createMailer({ info: () => {} }, { smtpUrl: undefined, from: 'herald@newsroom.test' }), mailFailed: () => {} };
    await sendBack(store, storyId, actorOf('editor', people.editor.id, 'Edna Editor'), 'Name the harbour master.', newsroom.url, mail);

    const french = await openStory('contributor', 'fr', 1280);
    const note = french.getByRole('note', { name: 'Renvoyé avec une note' });
    await note.getByText('Renvoyé par Edna Editor').waitFor();
    await note.getByRole('button', { name: 'Soumettre à nouveau pour relecture' }).waitFor();
    expect(await englishIn([french.getByRole('region', { name: 'Relecture' })])).toEqual([]);
    await shoot(french, 'review-returned-fr-desktop');
    await french.context().close();

    const arabic = await openStory('contributor', 'ar', 390);
    const arabicNote = arabic.getByRole('note', { name: 'أُرجعت مع ملاحظة' });
    await arabicNote.getByText('أرجعها Edna Editor').waitFor();
    await arabicNote.getByRole('button', { name: 'إرسال للمراجعة مجددًا' }).waitFor();
    expect(await sidewaysOverflow(arabic)).toBe(0);
    expect(await englishIn([arabic.getByRole('region', { name: 'المراجعة' })])).toEqual([]);
    await shoot(arabic, 'review-returned-ar-phone');
    await arabic.context().close();
  });
});
