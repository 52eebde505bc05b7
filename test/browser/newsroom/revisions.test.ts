import { describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../../src/content/articles.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';
import { sectionNamed } from '../../support/sections.js';

const desk: Actor = { role: 'editor', userId: null, principal: 'token:desk', name: 'Desk' };

describe('the revisions view, in Chromium', () => {
  const newsroom = newsroomSuite();

  it('compares two versions field by field — standfirst, picture, tags, section, byline — and a version with the unsaved text', async () => {
    const store = newsroom.server.database;
    const editor = await newsroom.person('editor', 'Edna Editor');
    const reporter = await newsroom.person('author', 'Rita Reporter');
    const story = await createArticle(store, { language: 'en', title: 'Dam opens', standfirst: 'It fills this winter.', body: '<p>It holds water.</p>', tags: ['Water'], status: 'published' }, desk, newsroom.url);
    await updateArticle(store, story.id, {
      version: story.version, standfirst: 'It fills this autumn.', tags: ['Water', 'Energy'], section: await sectionNamed(store, 'Region'), authors: [reporter.id],
      featuredImage: { url: `${newsroom.url}/favicon.svg`, caption: 'The dam', credit: 'Ben', alt: 'A dam' },
    }, desk, newsroom.url);

    const page = await newsroom.openPage({ viewport: { width: 1400, height: 1000 } });
    await signInAs(page, newsroom.url, editor.email);
    await page.goto(`${newsroom.url}/admin/stories/${story.id}`);
    const revisions = page.getByRole('region', { name: 'Revisions' });
    const first = revisions.getByRole('listitem').filter({ hasText: 'Version 1 ·' });
    await first.getByRole('button', { name: 'compare' }).click();
    await first.getByLabel('Compare with').selectOption({ label: 'version 2' });
    const diff = first.getByRole('group', { name: 'Changes from version 1 to version 2' });
    await diff.waitFor();
    expect(await diff.locator('dt').allTextContents()).toEqual(['Standfirst', 'Picture', 'Section', 'Tags', 'Byline']);
    const field = (name: string) => diff.locator(`.field-${name} dd.diff`);
    expect([await field('standfirst').locator('del').textContent(), await field('standfirst').locator('ins').textContent()]).toEqual(['winter.', 'autumn.']);
    expect(await field('tags').locator('ins').textContent()).toBe(' #Energy');
    expect(await field('section').locator('ins').textContent()).toBe('Region');
    expect(await field('authors').textContent()).toContain('Rita Reporter');
    expect(await diff.locator('.field-picture img.after').count()).toBe(1);

    // With the text being edited: an unsaved headline shows, beside what version 2 changed.
    await page.getByPlaceholder('Headline').fill('Dam opens early');
    await first.getByLabel('Compare with').selectOption({ label: 'the current text' });
    const withCurrent = first.getByRole('group', { name: 'Changes from version 1 to the current text' });
    await withCurrent.waitFor();
    expect(await withCurrent.locator('dt').allTextContents()).toEqual(['Headline', 'Standfirst', 'Picture', 'Section', 'Tags', 'Byline']);
    expect(await withCurrent.locator('.field-title ins').textContent()).toBe(' early');
  });
});
