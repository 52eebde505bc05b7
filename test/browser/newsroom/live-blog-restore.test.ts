import { beforeAll, describe, expect, it } from 'vitest';
import { deleteEntry } from '../../../src/live/live.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { DESK, liveStory as writeLiveStory } from './live-stories.js';
import { newsroomSuite, shoot, signInAs } from './newsroom-server.js';

describe('a deleted live entry in Chromium: the editor restores it, the reader gets it back', () => {
  const newsroom = newsroomSuite();
  beforeAll(async () => {
    await updateSettings(newsroom.server.database.db, { languages: ['en', 'ar'], defaultLanguage: 'en' });
  });
  const store = () => newsroom.server.database;
  const liveStory = (language: string, title: string, entries: string[]) => writeLiveStory(store(), newsroom.url, language, title, entries);

  it('lists the deleted entry under the live ones with Restore; restoring puts it back for the editor and the reader', { timeout: 120_000 }, async () => {
    const { story, entries } = await liveStory('en', 'Bridge closed', ['Bridge closed to traffic.', 'Diversion via the ring road.']);
    await deleteEntry(store(), story.id, entries[1].id, DESK);
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
    await deleteEntry(store(), story.id, entries[0].id, DESK);
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
