import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { loadDemo } from '../../../src/demo/demo.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

describe('removing the demo content and people, in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  beforeEach(async () => {
    page = await newsroom.openPage();
  });

  const db = () => newsroom.server.database.db;
  const dialog = () => page.getByRole('dialog');

  it('an administrator removes the demo content from the dashboard in one click and a confirmation, and the site stops showing it', async () => {
    const { port } = new URL(newsroom.url);
    await loadDemo(newsroom.server.database, { dataDir: newsroom.store.dataDir, baseUrl: newsroom.url, host: '127.0.0.1', port: Number(port) });
    const home = async () => (await page.request.get(`${newsroom.url}/en/`)).text();
    // Served once before, so the page cache holds it: the removal must drop it.
    expect(await home()).toContain('Volunteers pull two tonnes of waste');
    const admin = await newsroom.person('administrator', 'Ada Admin');
    await signInAs(page, newsroom.url, admin.email);

    await page.getByRole('button', { name: 'Remove demo content' }).click();
    await expect.poll(() => dialog().textContent()).toContain('5 stories (9 language versions)');
    expect(await dialog().textContent()).toContain('4 demo staff members');
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    await dialog().waitFor({ state: 'hidden' });
    expect(await db().selectFrom('articles').select('id').where('created_by', '=', 'system:demo').execute()).toHaveLength(9);

    await page.getByRole('button', { name: 'Remove demo content' }).click();
    await dialog().getByRole('button', { name: 'Remove demo content' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('The demo content is removed: 5 stories, 4 people');
    expect(await db().selectFrom('articles').select('id').where('created_by', '=', 'system:demo').execute()).toEqual([]);
    expect(await db().selectFrom('users').select('name').where('email', 'like', '%@example.org').execute()).toEqual([]);
    expect(await home()).not.toContain('Volunteers pull two tonnes of waste');
    // Nothing is left to remove: the dashboard no longer offers it.
    await page.reload();
    await page.getByRole('heading', { name: 'Welcome, Ada Admin' }).waitFor();
    expect(await page.getByRole('button', { name: 'Remove demo content' }).count()).toBe(0);
  });

  it('an administrator removes a writer from People, choosing who gets their stories', async () => {
    const admin = await newsroom.person('administrator', 'Ida Admin');
    const leaving = await newsroom.person('author', 'Leo Leaving');
    const heir = await newsroom.person('editor', 'Hana Heir');
    const story = await createArticle(
      newsroom.server.database,
      { language: 'en', title: 'Port strike enters its second week', authors: [leaving.id], status: 'published' },
      { role: 'author', userId: leaving.id, principal: `user:${leaving.id}`, name: 'Leo Leaving' },
      newsroom.url,
    );
    await signInAs(page, newsroom.url, admin.email);
    await page.getByRole('link', { name: 'People' }).click();
    await page.getByRole('button', { name: 'Remove Leo Leaving' }).waitFor();
    expect(await page.getByRole('button', { name: 'Remove Ida Admin' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Remove Leo Leaving' }).click();
    await dialog().getByLabel('Their stories, in every language, go to').selectOption({ label: 'Hana Heir (Editor)' });
    await dialog().getByRole('button', { name: 'Remove Leo Leaving' }).click();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Leo Leaving was removed. Hana Heir now holds their stories (1 language version).');
    await expect.poll(() => page.getByRole('button', { name: 'Remove Leo Leaving' }).count()).toBe(0);
    const byline = await db().selectFrom('article_authors').select('user_id').where('article_id', '=', story.id).execute();
    expect(byline).toEqual([{ user_id: heir.id }]);
    expect(await db().selectFrom('users').select('id').where('id', '=', leaving.id).execute()).toEqual([]);
  });
});
