import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { instantAt } from '../../../src/core/time-zone.js';
import type { Actor } from '../../../src/people/permissions.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

/** Where screenshots go when asked for (HERALD_SCREENSHOTS=folder), to be looked at. */
const SHOTS = process.env.HERALD_SCREENSHOTS;
const desk: Actor = { role: 'editor', userId: null, principal: 'token:desk', name: 'Desk' };
const ZONE = 'Europe/Paris';

/** A `datetime-local` value `days` from now at `hour` o'clock (on whichever clock: only the text is compared). */
function localDay(days: number, hour: number): string {
  const day = new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
  return `${day}T${String(hour).padStart(2, '0')}:00`;
}

describe('embargo and expiry in the editor, in Chromium', () => {
  const newsroom = newsroomSuite();
  beforeAll(async () => {
    await updateSettings(newsroom.server.database.db, { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en', timezone: ZONE });
  });

  const openEditor = async (email: string, storyId: number, width: number): Promise<Page> => {
    const context = await newsroom.browser.newContext({ viewport: { width, height: 1000 } });
    const page = await context.newPage();
    await signInAs(page, newsroom.url, email);
    await page.goto(`${newsroom.url}/admin/stories/${storyId}`);
    const settings = page.locator('[aria-controls="story-settings"]');
    await settings.waitFor();
    if ((await settings.getAttribute('aria-expanded')) === 'false') await settings.click();
    await page.locator('section.moments').waitFor();
    return page;
  };
  const shoot = async (page: Page, name: string) => {
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });
  };
  const stored = (id: number) =>
    newsroom.server.database.db.selectFrom('articles').select(['status', 'embargo_until', 'expires_at', 'expiry', 'publish_at']).where('id', '=', id).executeTakeFirstOrThrow();

  it('an editor sets an embargo and an expiry on the site’s clock, sees them in the story list, and a time out of order is refused', { timeout: 120_000 }, async () => {
    const editor = await newsroom.person('editor', 'Edna Editor');
    const story = await createArticle(newsroom.server.database, { language: 'en', title: 'Central bank cuts rates', body: '<p>The rate falls to 2%.</p>' }, desk, newsroom.url);
    const page = await openEditor(editor.email, story.id, 1400);
    const panel = page.getByRole('region', { name: 'Embargo and expiry' });
    expect(await panel.textContent()).toContain(`Times on the site’s clock (${ZONE})`);

    // Out of order: the expiry before the embargo says so, in words, and nothing is stored.
    await panel.getByRole('textbox', { name: 'Embargo until' }).fill(localDay(2, 9));
    await panel.getByRole('textbox', { name: 'Expires' }).fill(localDay(1, 9));
    await panel.getByRole('button', { name: 'Save dates' }).click();
    expect(await panel.getByRole('alert').textContent()).toBe('The expiry must come after the embargo.');
    expect((await stored(story.id)).embargo_until).toBeNull();

    const embargo = localDay(1, 9);
    const expires = localDay(8, 18);
    await panel.getByRole('textbox', { name: 'Embargo until' }).fill(embargo);
    await panel.getByRole('textbox', { name: 'Expires' }).fill(expires);
    await panel.getByLabel('Unlisted').check();
    await panel.getByRole('button', { name: 'Save dates' }).click();
    await panel.getByRole('status').filter({ hasText: 'Dates saved.' }).waitFor();
    // Typed on the site's clock (Paris), stored as the instant it names.
    expect(await stored(story.id)).toMatchObject({
      status: 'draft',
      embargo_until: instantAt(embargo, ZONE).toISOString(),
      expires_at: instantAt(expires, ZONE).toISOString(),
      expiry: 'unlisted',
    });
    expect(await panel.locator('.badge.embargo').textContent()).toMatch(/^Embargoed until /);
    expect(await panel.locator('.badge.expires').textContent()).toMatch(/^Expires /);
    // No preview link while the embargo holds.
    expect(await page.getByText('No preview link while the embargo holds.').count()).toBe(1);
    await panel.scrollIntoViewIfNeeded();
    await shoot(page, 'embargo-editor-en-desktop');

    // Publishing now under an embargo schedules the story for the embargo.
    await page.getByRole('button', { name: 'Publish…' }).click();
    const dialog = page.getByRole('dialog');
    expect(await dialog.textContent()).toContain('Under embargo: it goes out when the embargo lifts, ');
    await dialog.getByRole('button', { name: 'Continue' }).click();
    // The confirmation says when, not "now".
    expect(await dialog.locator('.what-happens').textContent()).toMatch(/^Schedule /);
    await dialog.getByRole('button', { name: 'Schedule' }).click();
    await expect.poll(async () => (await stored(story.id)).status).toBe('scheduled');
    expect((await stored(story.id)).publish_at).toBe(instantAt(embargo, ZONE).toISOString());

    await page.goto(`${newsroom.url}/admin/stories`);
    const row = page.locator('tr', { hasText: 'Central bank cuts rates' });
    await row.waitFor();
    expect(await row.locator('.badge.embargo').textContent()).toMatch(/^Embargoed until /);
    expect(await row.locator('.badge.expires').textContent()).toMatch(/^Expires /);
    await shoot(page, 'embargo-list-en-desktop');
    await page.context().close();
  });

  it('the panel reads right to left in Arabic on a phone', { timeout: 60_000 }, async () => {
    const editor = await newsroom.person('editor', 'محرر');
    await newsroom.server.database.db.updateTable('users').set({ interface_language: 'ar' }).where('id', '=', editor.id).execute();
    const story = await createArticle(
      newsroom.server.database,
      { language: 'ar', title: 'المصرف المركزي يخفض الفائدة', body: '<p>تنخفض الفائدة إلى 2٪.</p>', status: 'published', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), expiry: 'gone' },
      desk,
      newsroom.url,
    );
    const page = await openEditor(editor.email, story.id, 390);
    expect(await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir])).toEqual(['ar', 'rtl']);
    const panel = page.getByRole('region', { name: 'الحظر والانتهاء' });
    expect(await panel.getByLabel('مسحوب').isChecked()).toBe(true);
    expect(await panel.locator('.badge.expires').textContent()).toMatch(/^ينتهي في /);
    // Nothing spills past a phone's width.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await panel.scrollIntoViewIfNeeded();
    await shoot(page, 'embargo-editor-ar-phone');
    await page.context().close();
  });
});
