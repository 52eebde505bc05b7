import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../../src/content/articles.service.js';
import { createSection } from '../../../src/content/sections.service.js';
import { createTranslation } from '../../../src/content/translations.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import type { Role } from '../../../src/people/roles.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

describe('the stories list: search, filters in the address, bulk actions and keys', () => {
  const newsroom = newsroomSuite();
  let page: Page;

  const open = async (role: Role, name: string, width = 1280) => {
    const person = await newsroom.person(role, name);
    page = await newsroom.openPage({ viewport: { width, height: 900 } });
    page.setDefaultTimeout(8000);
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAs(page, newsroom.url, person.email);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    return { role, userId: person.id, principal: `user:${person.id}`, name } satisfies Actor;
  };
  const story = (actor: Actor, title: string, fields: { language?: string; status?: 'draft' | 'published' } = {}) =>
    createArticle(newsroom.server.database, { language: 'en', body: '<p>Text.</p>', title, ...fields }, actor, newsroom.url);
  const headlines = () => page.locator('table.stories tbody td.story-title a').allTextContents();

  it('searches headlines and keeps the filters in the address, through a reload', async () => {
    const editor = await open('editor', 'Esme Editor');
    await story(editor, 'Harbour strike ends');
    await story(editor, 'Harbour fees rise 5%');
    await story(editor, 'Le port rouvre', { language: 'fr' });
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('searchbox', { name: 'Search headlines' }).fill('5%');
    await page.waitForURL(/q=5%25/);
    await expect.poll(headlines).toEqual(['Harbour fees rise 5%']);

    await page.getByRole('searchbox', { name: 'Search headlines' }).fill('');
    await page.getByRole('combobox', { name: 'Language', exact: true }).selectOption('fr');
    await page.waitForURL(/language=fr/);
    await expect.poll(headlines).toEqual(['Le port rouvre']);
    await page.getByRole('combobox', { name: 'Author' }).selectOption({ label: 'Esme Editor' });
    await page.waitForURL(new RegExp(`author=${editor.userId}`));
    await page.reload();
    await expect.poll(headlines).toEqual(['Le port rouvre']);
    expect(await page.getByRole('combobox', { name: 'Language', exact: true }).inputValue()).toBe('fr');
    expect(await page.locator('table.stories td.authors').first().textContent()).toBe('Esme Editor');

    await page.getByRole('searchbox', { name: 'Search headlines' }).fill('nothing like this');
    await page.getByText('No stories match these filters').waitFor();
    await page.getByRole('button', { name: 'Clear the search and filters' }).click();
    await page.waitForURL((url) => url.search === '');
    await expect.poll(async () => (await headlines()).length).toBe(3);
  });

  it('filters by status, section and translation state, each chosen from its list', async () => {
    const editor = await open('editor', 'Fern Filters');
    const db = newsroom.server.database;
    const world = await createSection(db, editor, { names: { en: { name: 'World' } } });
    await createArticle(db, { language: 'en', title: 'Filter draft in World', body: '<p>Text.</p>', section: world.id }, editor, newsroom.url);
    await story(editor, 'Filter published', { status: 'published' });
    const copied = await story(editor, 'Filter copied', { status: 'published' });
    await createTranslation(db, copied.id, { language: 'fr' }, editor, newsroom.url, null);
    const original = await story(editor, 'Filter outdated', { status: 'published' });
    await createArticle(db, { language: 'fr', title: 'Filter outdated, in French', body: '<p>Texte.</p>', translationOf: original.id, status: 'published' }, editor, newsroom.url);
    await updateArticle(db, original.id, { version: original.version, body: '<p>Text, rewritten.</p>' }, editor, newsroom.url);

    await page.goto(`${newsroom.url}/admin/stories?q=Filter`);
    await expect.poll(async () => (await headlines()).length).toBe(6);
    const sorted = async () => (await headlines()).sort();
    const choose = async (filter: string, option: string, inAddress: RegExp) => {
      await page.getByRole('combobox', { name: filter, exact: true }).selectOption({ label: option });
      await page.waitForURL(inAddress);
    };

    await choose('Status', 'Drafts', /status=draft/);
    // The copy "Translate" made is a draft of its own.
    await expect.poll(sorted).toEqual(['Filter copied', 'Filter draft in World']);
    await choose('Status', 'Published', /status=published/);
    await expect.poll(sorted).toEqual(['Filter copied', 'Filter outdated', 'Filter outdated, in French', 'Filter published']);
    await choose('Status', 'Every status', /^(?!.*status=)/);

    await choose('Section', 'World', new RegExp(`section=${world.id}`));
    await expect.poll(sorted).toEqual(['Filter draft in World']);
    await choose('Section', 'Every section', /^(?!.*section=)/);

    await choose('Translation', 'Missing a language', /translation=missing/);
    await expect.poll(sorted).toEqual(['Filter draft in World', 'Filter published']);
    await choose('Translation', 'Translation in progress', /translation=in-progress/);
    await expect.poll(sorted).toEqual(['Filter copied', 'Filter copied']);
    await choose('Translation', 'Translation outdated', /translation=outdated/);
    await expect.poll(sorted).toEqual(['Filter outdated', 'Filter outdated, in French']);
    // The filters add up: the outdated stories that are drafts are none.
    await choose('Status', 'Drafts', /status=draft/);
    await page.getByText('No stories match these filters').waitFor();
  });

  it("publishes the ticked stories at once, and offers a contributor only what it may do to them all", async () => {
    const editor = await open('editor', 'Eben Editor');
    const titles = ['Bulk one', 'Bulk two', 'Bulk three'];
    for (const title of titles) await story(editor, title);
    await page.goto(`${newsroom.url}/admin/stories?q=Bulk`);
    await expect.poll(async () => (await headlines()).length).toBe(3);
    await page.getByRole('checkbox', { name: 'Select every story on this page' }).check();
    const bar = page.getByRole('region', { name: 'Selected stories' });
    await bar.getByText('3 selected').waitFor();
    await bar.getByRole('button', { name: 'Publish', exact: true }).click();
    await page.getByRole('status').getByText('Published: 3 stories.').waitFor();
    await expect.poll(() => page.locator('table.stories .badge.status-published').count()).toBe(3);
    // Published already: Publish would change nothing, so only Unpublish is offered now.
    await page.getByRole('checkbox', { name: 'Select every story on this page' }).check();
    await bar.getByRole('button', { name: 'Unpublish' }).waitFor();
    expect(await bar.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
    await page.context().close();

    // A contributor may trash its own drafts but not publish them: the bar offers only the first.
    const contributor = await open('contributor', 'Cora Contributor');
    await story(contributor, 'Contrib draft one');
    await story(contributor, 'Contrib draft two');
    await page.goto(`${newsroom.url}/admin/stories?q=Contrib`);
    await page.getByRole('checkbox', { name: 'Select every story on this page' }).check();
    const contributorBar = page.getByRole('region', { name: 'Selected stories' });
    await contributorBar.getByRole('button', { name: 'Move to trash' }).waitFor();
    expect(await contributorBar.getByRole('button', { name: 'Publish', exact: true }).count()).toBe(0);
  });

  it('shows what a bulk action refused, story by story, beside what it did', async () => {
    const author = await open('author', 'Ana Author');
    const editor = await newsroom.person('editor', 'Otto Editor');
    const editorActor: Actor = { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Otto Editor' };
    const mine = await createArticle(newsroom.server.database, { language: 'en', title: 'Mixed one', status: 'published', authors: [author.userId!] }, editorActor, newsroom.url);
    await createArticle(newsroom.server.database, { language: 'en', title: 'Mixed two', status: 'published', authors: [author.userId!] }, editorActor, newsroom.url);
    await page.goto(`${newsroom.url}/admin/stories?q=Mixed`);
    await expect.poll(async () => (await headlines()).length).toBe(2);
    await page.getByRole('checkbox', { name: 'Select every story on this page' }).check();
    const bar = page.getByRole('region', { name: 'Selected stories' });
    await bar.getByRole('button', { name: 'Unpublish' }).waitFor();
    // Meanwhile the editor takes the author off one of them: the server refuses that one only.
    await updateArticle(newsroom.server.database, mine.id, { version: mine.version, authors: [editor.id] }, editorActor, newsroom.url);
    await bar.getByRole('button', { name: 'Unpublish' }).click();
    const outcome = page.getByRole('status');
    await outcome.getByText('Unpublished: 1 story.').waitFor();
    await outcome.getByText('Refused: 1 (still selected)').waitFor();
    expect(await outcome.locator('.refused li').textContent()).toBe('Mixed one: Your role (Author) may only publish, schedule or unpublish your own stories.');
    expect(await page.getByRole('checkbox', { name: 'Select: Mixed one' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Select: Mixed two' }).isChecked()).toBe(false);
  });

  it('moves with j/k, pages with n/p and opens the current story with Enter', async () => {
    const editor = await open('editor', 'Kai Keys');
    for (let i = 1; i <= 32; i++) await story(editor, `Keyed story ${String(i).padStart(2, '0')}`);
    await page.goto(`${newsroom.url}/admin/stories?q=Keyed`);
    await page.getByText('Page 1 of 2').waitFor();
    const current = () => page.locator('table.stories tr[aria-current="true"] td.story-title a').textContent();
    expect(await current()).toBe('Keyed story 32');
    await page.keyboard.press('j');
    await page.keyboard.press('ArrowDown');
    expect(await current()).toBe('Keyed story 30');
    await page.keyboard.press('k');
    expect(await current()).toBe('Keyed story 31');
    await page.keyboard.press('n');
    await page.getByText('Page 2 of 2').waitFor();
    await page.waitForURL(/page=2/);
    await expect.poll(current).toBe('Keyed story 02');
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/admin\/stories\/\d+$/);
    expect(await page.getByPlaceholder('Headline').inputValue()).toBe('Keyed story 01');
    await page.goBack();
    await page.getByText('Page 2 of 2').waitFor();
    await page.keyboard.press('PageUp');
    await page.getByText('Page 1 of 2').waitFor();
  });
});
