import type { Page } from 'playwright-core';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../../src/content/articles.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const desk: Actor = { role: 'editor', userId: null, principal: 'token:desk', name: 'Desk' };

describe('translation states in the newsroom, in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  beforeAll(async () => {
    await updateSettings(newsroom.server.database.db, { languages: ['en', 'fr', 'ar'], defaultLanguage: 'en' });
  });
  beforeEach(async () => {
    page = await newsroom.openPage();
  });

  const store = () => newsroom.server.database;
  const baseUrl = () => newsroom.url;
  /** The dashboard's row of a story: its language badges as "fr in progress", in site order. */
  const dashboardRow = async (title: string) => {
    await page.goto(`${newsroom.url}/admin/`);
    const row = page.getByRole('region', { name: 'Translation status' }).getByRole('listitem').filter({ hasText: title });
    await row.waitFor();
    return row.locator('.badge').allTextContents();
  };
  const signIn = async (email: string) => {
    await signInAs(page, newsroom.url, email);
    await page.getByRole('heading', { name: /^Welcome/ }).waitFor();
  };
  const editorState = (language: string) => page.getByRole('region', { name: 'Languages' }).locator(`li[data-language="${language}"]`).getAttribute('data-state');

  it('shows a copied draft in progress, a translated one up to date and outdated after the original changes, on the dashboard and in the editor alike', async () => {
    const editor = await newsroom.person('editor', 'Edna Editor');
    const original = await createArticle(store(), { language: 'en', title: 'Harbour reopens', body: '<p>Boats are back.</p>', status: 'published' }, desk, baseUrl());
    await signIn(editor.email);
    expect(await dashboardRow('Harbour reopens')).toEqual(['en original', 'fr missing', 'ar missing']);

    await page.goto(`${newsroom.url}/admin/stories/${original.id}`);
    await page.locator('select[name="translateInto"]').selectOption('fr');
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    await page.getByRole('region', { name: 'Original (en)' }).waitFor();
    const frenchUrl = page.url();
    await expect.poll(() => editorState('fr')).toBe('in-progress');
    expect(await page.getByRole('note').textContent()).toMatch(/^Translation in progress\./);
    expect(await page.getByRole('region', { name: 'Languages' }).locator('li[data-language="fr"] .reason').textContent()).toMatch(/not yet edited or published/);
    expect(await dashboardRow('Harbour reopens')).toEqual(['en original', 'fr in progress', 'ar missing']);

    // The translator writes the headline; the draft saves itself.
    await page.goto(frenchUrl);
    await page.getByPlaceholder('Headline').fill('Le port rouvre');
    await expect.poll(() => editorState('fr'), { timeout: 10_000 }).toBe('current');
    expect(await page.getByRole('note').count()).toBe(0);
    await expect.poll(() => page.locator('.publish-bar').getByRole('status').textContent()).toBe('Saved');
    expect(await dashboardRow('Harbour reopens')).toEqual(['en original', 'fr up to date', 'ar missing']);

    const stored = await newsroom.server.database.db.selectFrom('articles').select('version').where('id', '=', original.id).executeTakeFirstOrThrow();
    await updateArticle(store(), original.id, { version: stored.version, body: '<p>Boats are back after repairs.</p>' }, desk, baseUrl());
    expect(await dashboardRow('Harbour reopens')).toEqual(['en original', 'fr outdated', 'ar missing']);
    await page.goto(frenchUrl);
    await expect.poll(() => editorState('fr')).toBe('outdated');
    expect(await page.getByRole('note').textContent()).toMatch(/^Translation outdated\./);
    expect(await page.getByRole('region', { name: 'Languages' }).locator('li[data-language="fr"] .reason').textContent()).toMatch(/whose words changed in version 2/);
  });

  it('keeps listing a story first written in Arabic after the default language changes', async () => {
    const editor = await newsroom.person('editor', 'Edna Editor');
    const arabic = await createArticle(store(), { language: 'ar', title: 'افتتاح سوق السمك', body: '<p>عاد الصيادون.</p>', status: 'published' }, desk, baseUrl());
    await createArticle(store(), { language: 'en', title: 'Fish market opens', body: '<p>The fishermen are back.</p>', translationOf: arabic.id, status: 'published' }, desk, baseUrl());
    await signIn(editor.email);
    for (const defaultLanguage of ['en', 'fr', 'ar']) {
      await updateSettings(newsroom.server.database.db, { defaultLanguage });
      expect(await dashboardRow('افتتاح سوق السمك'), defaultLanguage).toEqual(['en up to date', 'fr missing', 'ar original']);
    }
    const title = page.getByRole('region', { name: 'Translation status' }).getByRole('link', { name: 'افتتاح سوق السمك' });
    expect(await title.getAttribute('lang')).toBe('ar');
  });
});
