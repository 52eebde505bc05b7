import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { nowIso } from '../../../src/db/time.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const EDITOR_ACTOR = { role: 'editor', userId: null, principal: 'test', name: 'Test' } as const;

describe('replying to a comment in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  beforeAll(async () => {
    page = await newsroom.browser.newPage();
    const store = newsroom.server.database;
    const story = await createArticle(store, { language: 'en', title: 'Bridge closes for repairs', body: '<p>Closed until May.</p>', status: 'published' }, EDITOR_ACTOR, newsroom.url);
    const now = nowIso();
    await store.db
      .insertInto('comments')
      .values({ article_id: story.id, status: 'pending', author_name: 'Rita Reader', author_email: 'rita@example.org', body: 'Will the ferry run more often while the bridge is closed?', content_hash: 'x', created_at: now, updated_at: now })
      .execute();
  });

  it('shows the comment being answered above the reply box, and publishes the reply', async () => {
    const editor = await newsroom.person('editor', 'Ed Reply');
    await signInAs(page, newsroom.url, editor.email);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Comments' }).click();
    await page.getByRole('button', { name: 'Reply', exact: true }).click();
    const quoted = page.getByRole('blockquote', { name: 'Comment by Rita Reader' });
    await quoted.getByText('Will the ferry run more often while the bridge is closed?').waitFor();
    const box = page.getByRole('textbox', { name: 'Your reply to Rita Reader' });
    await box.fill('Yes: every twenty minutes from Monday.');
    expect(await quoted.isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Publish reply' }).click();
    await page.getByText('Reply published').waitFor();
    const reply = await newsroom.server.database.db.selectFrom('comments').select(['body', 'parent_id']).where('body', '=', 'Yes: every twenty minutes from Monday.').executeTakeFirst();
    expect(reply?.parent_id).not.toBeNull();
  });
});
