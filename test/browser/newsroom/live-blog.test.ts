import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { addEntry } from '../../../src/live/live.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { DESK, liveStory as writeLiveStory } from './live-stories.js';
import { newsroomSuite, shoot, signInAs } from './newsroom-server.js';

describe('a live blog in Chromium: an editor writes, a reader watches', () => {
  const newsroom = newsroomSuite();
  beforeAll(async () => {
    await updateSettings(newsroom.server.database.db, { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en', timezone: 'Europe/Paris' });
  });

  const store = () => newsroom.server.database;
  const open = async (width = 1280) => {
    return newsroom.openPage({ viewport: { width, height: 900 } });
  };
  const liveStory = (language: string, title: string, entries: string[]) => writeLiveStory(store(), newsroom.url, language, title, entries);
  const entryTexts = (page: Page) => page.locator('.live-entries > li .live-body').allTextContents();

  it('a reader sees an entry published in the editor pushed to the page without reloading, behind a "new updates" button, the pinned entry staying first; an archived blog refuses edits', { timeout: 120_000 }, async () => {
    const { story, entries } = await liveStory('en', 'Storm Ciarán makes landfall', ['Red warning issued for the coast.', 'Ferries cancelled until noon.']);
    const editorPerson = await newsroom.person('editor', 'Edna Editor');

    const reader = await open();
    await reader.goto(story.url);
    await reader.locator('[data-live-connected="true"]').waitFor({ state: 'attached' });
    expect(await entryTexts(reader)).toEqual(['Ferries cancelled until noon.', 'Red warning issued for the coast.']);

    const editor = await open(1400);
    await signInAs(editor, newsroom.url, editorPerson.email);
    await editor.goto(`${newsroom.url}/admin/stories/${story.id}`);
    const panel = editor.getByRole('region', { name: 'Live coverage' });
    await panel.waitFor();
    // The older entry pinned: it goes first, on the editor's list and for the reader.
    const older = panel.locator(`#live-entry-${entries[0].id}`);
    await older.getByRole('button', { name: 'Pin to top' }).click();
    await older.getByText('Pinned').waitFor();
    await reader.reload();
    await reader.locator('[data-live-connected="true"]').waitFor({ state: 'attached' });
    expect(await entryTexts(reader)).toEqual(['Red warning issued for the coast.', 'Ferries cancelled until noon.']);
    // A stale tab of the editor, open from before the archiving below.
    const staleTab = await editor.context().newPage();
    await staleTab.goto(`${newsroom.url}/admin/stories/${story.id}`);
    await staleTab.getByRole('region', { name: 'Live coverage' }).waitFor();

    const compose = panel.locator('.live-compose .ProseMirror');
    await compose.click();
    await editor.keyboard.type('Winds of 150 km/h measured at the lighthouse.');
    const button = reader.locator('button.live-new');
    const published = Date.now();
    await panel.getByRole('button', { name: 'Publish entry' }).click();
    // Pushed, not polled: polling would take 15 s. The 2 s goal itself is measured by
    // `npm run bench:live` (1,000 readers); here Chromium shares two cores with the whole suite.
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    const seenAfter = Date.now() - published;
    expect(seenAfter).toBeLessThan(10_000);
    expect(await button.textContent()).toBe('1 new update');
    // Nothing moved under the reader's eyes until asked.
    expect(await entryTexts(reader)).toEqual(['Red warning issued for the coast.', 'Ferries cancelled until noon.']);
    await shoot(reader, 'live-reader-button-en');
    await button.click();
    expect(await button.isHidden()).toBe(true);
    expect(await entryTexts(reader)).toEqual(['Red warning issued for the coast.', 'Winds of 150 km/h measured at the lighthouse.', 'Ferries cancelled until noon.']);
    // The new one is the focused one, at its own address.
    expect(await reader.evaluate(() => document.activeElement?.id)).toMatch(/^entry-\d+$/);
    await shoot(reader, 'live-reader-en');
    await shoot(editor, 'live-editor-en');

    // Coverage ends, then the blog is archived: the reader is told; the editor no longer offers writing.
    await panel.getByRole('button', { name: 'End coverage' }).click();
    await reader.locator('.live-ended').waitFor({ state: 'visible', timeout: 10_000 });
    editor.once('dialog', (dialog) => void dialog.accept());
    await panel.getByRole('button', { name: 'Archive' }).click();
    await panel.getByText('This live blog is archived: it can no longer be changed.').waitFor();
    expect(await panel.locator('.live-compose').count()).toBe(0);
    expect(await panel.getByRole('button', { name: 'Pin to top' }).count()).toBe(0);
    await shoot(editor, 'live-editor-archived-en');

    // The stale tab still offers the box; the server refuses, and the tab says why.
    const stalePanel = staleTab.getByRole('region', { name: 'Live coverage' });
    await stalePanel.locator('.live-compose .ProseMirror').click();
    await staleTab.keyboard.type('One more thing.');
    await stalePanel.getByRole('button', { name: 'Publish entry' }).click();
    await stalePanel.getByRole('alert').filter({ hasText: 'archived' }).waitFor();
    await reader.reload();
    expect(await entryTexts(reader)).not.toContain('One more thing.');
  });

  it('looks right in Arabic, right to left, for the reader and the editor', { timeout: 90_000 }, async () => {
    const { story } = await liveStory('ar', 'العاصفة تضرب الساحل', ['أُعلن الإنذار الأحمر على الساحل.', 'أُلغيت رحلات العبّارات حتى الظهر.']);
    const reader = await open(390);
    await reader.goto(story.url);
    expect(await reader.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    expect(await reader.locator('#live-heading').textContent()).toContain('تحديثات مباشرة');
    await reader.locator('[data-live-connected="true"]').waitFor({ state: 'attached' });
    // An English version of the story: an entry written through it shows on the Arabic page as written, its language marked.
    const english = await createArticle(store(), { language: 'en', title: 'Storm hits the coast', translationOf: story.id, status: 'published' }, DESK, newsroom.url);
    await addEntry(store(), story.id, { body: '<p>رياح بسرعة 150 كم/ساعة عند المنارة.</p>' }, DESK);
    const untranslated = await addEntry(store(), english.id, { body: '<p>Emergency shelters open in the city.</p>' }, DESK);
    const button = reader.locator('button.live-new');
    await expect.poll(() => button.textContent(), { timeout: 10_000 }).toBe('تحديثان جديدان');
    await shoot(reader, 'live-reader-button-ar');
    await button.click();
    const foreign = reader.locator(`#entry-${untranslated.id}`);
    expect(await foreign.locator('.live-body').getAttribute('lang')).toBe('en');
    expect(await foreign.locator('.live-body').getAttribute('dir')).toBe('ltr');
    expect(await foreign.locator('.live-language-note').textContent()).toBe('لم يُترجم بعد: النص الأصلي باللغة الإنجليزية');
    await shoot(reader, 'live-reader-ar');

    const person = await newsroom.person('editor', 'محرر');
    await store().db.updateTable('users').set({ interface_language: 'ar' }).where('id', '=', person.id).execute();
    const editor = await open(1280);
    await signInAs(editor, newsroom.url, person.email);
    await editor.goto(`${newsroom.url}/admin/stories/${story.id}`);
    await editor.getByRole('region', { name: 'تغطية مباشرة' }).waitFor();
    expect(await editor.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await shoot(editor, 'live-editor-ar');
  });
});
