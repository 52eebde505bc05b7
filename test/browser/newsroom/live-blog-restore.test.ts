import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { addEntry, deleteEntry, startLiveBlog } from '../../../src/live/live.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { newsroomSuite, shoot, signInAs } from './newsroom-server.js';

const desk: Actor = { role: 'editor', userId: null, principal: 'token:desk', name: 'Desk' };

describe('a deleted live entry in Chromium: the editor restores it, the reader gets it back', () => {
  const newsroom = newsroomSuite();
  beforeAll(async () => {
    await updateSettings(newsroom.server.database.db, { languages: ['en', 'ar'], defaultLanguage: 'en' });
  });
  const store = () => newsroom.server.database;
  const liveStory = async (language: string, title: string, entries: string[]) => {
    const story = await createArticle(store(), { language, title, body: `<p>${title}.</p>`, status: 'published' }, desk, newsroom.url);
    await startLiveBlog(store(), story.id, desk);
    const written = [];
    for (const body of entries) {
      written.push(await addEntry(store(), story.id, { body: `<p>${body}</p>` }, desk));
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    return { story, entries: written };
  };

  it('lists the deleted entry under the live ones with Restore; restoring puts it back for the editor and the reader', { timeout: 120_000 }, async () => {
    const { story, entries } = await liveStory('en', 'Bridge closed', ['Bridge closed to traffic.', 'Diversion via the ring road.']);
    await deleteEntry(store(), story.id, entries[1].id, desk);
    const reader = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    await reader.goto(story.url);
    await reader.locator('[data-live-connected="true"]').waitFor({ state: 'attached' });
    expect(await reader.locator('.live-entries > li .live-body').allTextContents()).toEqual(['Bridge closed to traffic.']);

    const person = await newsroom.person('editor', 'Edna Editor');
    const editor = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(editor, newsroom.url, person.email);
    await editor.goto(`${newsroom.url}/admin/stories/${story.id}`);
    const trash = editor.getByRole('region', { name: 'Deleted entries' });
    await trash.waitFor();
    expect(await trash.locator('.prose').allTextContents()).toEqual(['Diversion via the ring road.']);
    await shoot(editor, 'live-editor-deleted-en');
    await trash.getByRole('button', { name: 'Restore' }).click();
    await editor.locator(`#live-entry-${entries[1].id}`).waitFor();
    expect(await trash.count()).toBe(0);

    const button = reader.locator('button.live-new');
    await button.waitFor({ state: 'visible', timeout: 10_000 });
    expect(await button.textContent()).toBe('1 new update');
    await button.click();
    expect(await reader.locator('.live-entries > li .live-body').allTextContents()).toEqual(['Diversion via the ring road.', 'Bridge closed to traffic.']);
  });

  it('says it in Arabic, right to left', { timeout: 90_000 }, async () => {
    const { story, entries } = await liveStory('ar', 'إغلاق الجسر', ['أُغلق الجسر أمام السيارات.', 'تحويلة عبر الطريق الدائري.']);
    await deleteEntry(store(), story.id, entries[0].id, desk);
    const person = await newsroom.person('editor', 'محرر');
    await store().db.updateTable('users').set({ interface_language: 'ar' }).where('id', '=', person.id).execute();
    const editor = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    await signInAs(editor, newsroom.url, person.email);
    await editor.goto(`${newsroom.url}/admin/stories/${story.id}`);
    const trash = editor.getByRole('region', { name: 'التحديثات المحذوفة' });
    await trash.waitFor();
    expect(await trash.getByRole('button', { name: 'استعادة' }).count()).toBe(1);
    expect(await editor.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await shoot(editor, 'live-editor-deleted-ar');
  });
});
