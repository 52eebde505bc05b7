import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { localInputValue } from '../../../src/core/time-zone.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const desk: Actor = { role: 'editor', userId: null, principal: 'token:desk', name: 'Desk' };

describe('corrections in the editor, in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  beforeAll(async () => {
    await updateSettings(newsroom.server.database.db, { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en', timezone: 'Europe/Paris' });
  });
  beforeEach(async () => {
    // Wide enough for the settings panel to stand open beside the text.
    // A browser on another clock than the site's (Paris), to prove the times are the site's.
    page = await newsroom.openPage({ viewport: { width: 1400, height: 1000 }, timezoneId: 'America/New_York' });
  });

  const store = () => newsroom.server.database;
  const panel = () => page.getByRole('region', { name: 'Corrections and updates' });
  const editorState = (language: string) => page.getByRole('region', { name: 'Languages' }).locator(`li[data-language="${language}"]`).getAttribute('data-state');

  // Two languages' editors and two readers' pages: longer than a test's default on a busy machine.
  it('an editor adds a correction to a published story and readers see it; the French translation shows it to carry over, and carrying it over brings it up to date', async () => {
    const editor = await newsroom.person('editor', 'Edna Editor');
    const publishedAt = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const original = await createArticle(store(), { language: 'en', title: 'Bridge reopens to traffic', body: '<p>The bridge cost 4 million euros.</p>', status: 'published', publishedAt }, desk, newsroom.url);
    const french = await createArticle(store(), { language: 'fr', title: 'Le pont rouvre à la circulation', body: '<p>Le pont a coûté 4 millions d’euros.</p>', status: 'published', translationOf: original.id }, desk, newsroom.url);
    await signInAs(page, newsroom.url, editor.email);

    await page.goto(`${newsroom.url}/admin/stories/${original.id}`);
    await panel().waitFor();
    expect(await panel().getByText('No notes yet.').count()).toBe(1);
    await panel().getByRole('button', { name: 'Add a note' }).click();
    // A correction, at the time now, unless changed.
    expect(await panel().getByLabel('Correction').isChecked()).toBe(true);
    // Its time field names the site's zone and starts at now on the site's clock, not the browser's.
    const time = panel().getByLabel('Time (Europe/Paris time)');
    const shown = await time.inputValue();
    expect(shown).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d$/);
    expect(Math.abs(Date.parse(shown) - Date.parse(localInputValue(new Date().toISOString(), 'Europe/Paris')))).toBeLessThan(5 * 60_000);
    // A time typed there is read on the site's clock too.
    const anHourAgo = new Date(Math.floor((Date.now() - 3_600_000) / 60_000) * 60_000);
    await time.fill(localInputValue(anHourAgo.toISOString(), 'Europe/Paris'));
    const text = 'An earlier version of this story gave the cost as 4 million euros. It was 40 million euros.';
    await panel().getByLabel('Text').fill(text);
    await panel().getByRole('button', { name: 'Add note' }).click();
    const note = panel().locator('li.note.correction');
    await note.waitFor();
    const stored = await store().db.selectFrom('article_corrections').select('published_at').where('article_id', '=', original.id).executeTakeFirstOrThrow();
    expect(Date.parse(stored.published_at)).toBe(anHourAgo.getTime());
    expect(await note.locator('.note-text').textContent()).toBe(text);
    await expect.poll(() => editorState('fr')).toBe('outdated');

    const reader = await page.context().newPage();
    await reader.goto(original.url);
    const notes = reader.locator('aside#corrections');
    expect(await notes.textContent()).toContain(text);
    expect(await notes.locator('strong').textContent()).toBe('Correction');
    expect(await reader.locator('.meta.dates a[href="#corrections"]').textContent()).toBe('Corrected');

    // The French translation's editor says what to carry over and offers it, with the English words to translate.
    await page.goto(`${newsroom.url}/admin/stories/${french.id}`);
    await panel().waitFor();
    expect(await page.locator('.editor-notices').getByRole('note').filter({ hasText: 'The English version has a correction' }).count()).toBe(1);
    const toCarry = panel().getByRole('group', { name: 'To carry over from the English version' });
    expect(await toCarry.textContent()).toContain(text);
    await toCarry.getByRole('button', { name: 'Carry over' }).click();
    expect(await panel().getByLabel('Text').inputValue()).toBe(text);
    const translated = 'Une version précédente de cet article indiquait un coût de 4 millions d’euros. Il était de 40 millions d’euros.';
    await panel().getByLabel('Text').fill(translated);
    await panel().getByRole('button', { name: 'Add note' }).click();
    await panel().locator('li.note.correction').waitFor();
    expect(await panel().locator('li.note.correction .note-text').textContent()).toBe(translated);
    expect(await panel().getByText('carried over from the English version').count()).toBe(1);
    expect(await toCarry.count()).toBe(0);
    await expect.poll(() => editorState('fr')).toBe('current');

    await reader.goto(`${newsroom.url}/fr/corrections`);
    expect(await reader.locator('h1').textContent()).toBe('Corrections et mises à jour');
    expect(await reader.locator('.notes-list li').first().textContent()).toContain(translated);
    await reader.locator('.notes-list a').first().click();
    await reader.waitForURL(/\/fr\/.*#corrections$/);
    expect(await reader.locator('aside#corrections').textContent()).toContain(translated);
  }, 90_000);

  it('an editor changes and removes a note; an author sees another’s notes without the means to change them', async () => {
    const editor = await newsroom.person('editor', 'Edna Editor');
    const author = await newsroom.person('author', 'Arthur Author');
    const story = await createArticle(store(), { language: 'en', title: 'Ferry timetable changes', body: '<p>Ferries leave hourly.</p>', status: 'published' }, desk, newsroom.url);
    await signInAs(page, newsroom.url, editor.email);
    await page.goto(`${newsroom.url}/admin/stories/${story.id}`);
    await panel().getByRole('button', { name: 'Add a note' }).click();
    await panel().getByLabel('Update').check();
    await panel().getByLabel('Text').fill('The evening ferry was added on Monday.');
    await panel().getByRole('button', { name: 'Add note' }).click();
    await panel().locator('li.note.update').waitFor();

    await panel().getByRole('button', { name: 'edit' }).click();
    await panel().getByLabel('Text').fill('The evening ferry was added on Tuesday.');
    await panel().getByRole('button', { name: 'Save note' }).click();
    await expect.poll(() => panel().locator('li.note.update .note-text').textContent()).toBe('The evening ferry was added on Tuesday.');
    const reader = await page.context().newPage();
    await reader.goto(story.url);
    expect(await reader.locator('aside.story-notes.updates').textContent()).toContain('The evening ferry was added on Tuesday.');

    const other = await newsroom.browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const authorPage = await other.newPage();
    await signInAs(authorPage, newsroom.url, author.email);
    await authorPage.goto(`${newsroom.url}/admin/stories/${story.id}`);
    const authorPanel = authorPage.getByRole('region', { name: 'Corrections and updates' });
    await authorPanel.locator('li.note.update').waitFor();
    expect(await authorPanel.getByRole('button').count()).toBe(0);
    await other.close();

    page.once('dialog', (dialog) => void dialog.accept());
    await panel().getByRole('button', { name: 'remove' }).click();
    await expect.poll(() => panel().locator('li.note').count()).toBe(0);
    await reader.goto(story.url);
    expect(await reader.locator('aside.story-notes').count()).toBe(0);
  });
});
