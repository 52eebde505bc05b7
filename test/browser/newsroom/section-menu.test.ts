import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createSection } from '../../../src/content/sections.service.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const EDITOR_ACTOR = { role: 'editor', userId: null, principal: 'test', name: 'Test' } as const;

describe('the site menu chosen in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  beforeAll(async () => {
    page = await newsroom.browser.newPage();
    const store = newsroom.server.database;
    const world = await createSection(store, EDITOR_ACTOR, { names: { en: { name: 'World' } } });
    await createSection(store, EDITOR_ACTOR, { names: { en: { name: 'Europe' } }, parentId: world.id });
    await createSection(store, EDITOR_ACTOR, { names: { en: { name: 'Sport' } } });
    await createSection(store, EDITOR_ACTOR, { names: { en: { name: 'Weather' } } });
  });
  const menu = async () => {
    const reader = await newsroom.browser.newPage();
    await reader.goto(`${newsroom.url}/en/`);
    const names = await reader.getByRole('navigation', { name: 'Sections' }).getByRole('link').allTextContents().catch(() => []);
    await reader.close();
    return names;
  };

  it('an editor takes a section out of the menu and moves another first; the site follows', async () => {
    expect(await menu()).toEqual(['World', 'Sport', 'Weather']);
    const editor = await newsroom.person('editor', 'Mena Menu');
    await signInAs(page, newsroom.url, editor.email);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Sections & tags' }).click();
    await page.getByText(/at most 8/).waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'sub-section' }).count()).toBe(1);
    await page.getByLabel('Weather in the menu').uncheck();
    await expect.poll(() => page.getByLabel('Weather in the menu').isChecked()).toBe(false);
    await page.getByRole('button', { name: 'Move Sport up' }).click();
    await expect.poll(menu).toEqual(['Sport', 'World']);
  });
});
