import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createArticle, getArticle } from '../../../src/content/articles.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { moveCaret } from './caret.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

describe('the editor: Ctrl+S and ⌘S, redo, a headline that grows, an author picker that searches', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let editor: Actor;

  const open = async (title: string, status: 'draft' | 'published' = 'published') => {
    const person = await newsroom.person('editor', 'Edie Editor');
    editor = { role: 'editor', userId: person.id, principal: `user:${person.id}`, name: 'Edie Editor' };
    const story = await createArticle(newsroom.server.database, { language: 'en', title, body: '<p>First paragraph.</p>', status, authors: [person.id] }, editor, newsroom.url);
    page = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(8000);
    await signInAs(page, newsroom.url, person.email);
    await page.goto(`${newsroom.url}/admin/stories/${story.id}`);
    await page.getByPlaceholder('Headline').waitFor();
    return story;
  };
  const stored = (id: number) => getArticle(newsroom.server.database.db, id, newsroom.url);

  it('saves with Ctrl+S, a published story too, without the browser asking where to save the page', async () => {
    const story = await open('Saved by the keyboard');
    await page.getByPlaceholder('Headline').fill('Saved by Ctrl+S');
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => void (dialogs.push(dialog.message()), dialog.dismiss()));
    const pressed = await page.evaluate(() => {
      const event = new KeyboardEvent('keydown', { key: 's', ctrlKey: true, bubbles: true, cancelable: true });
      document.getElementById('title')!.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(pressed, "the browser's own save is prevented").toBe(true);
    await expect.poll(async () => (await stored(story.id)).title).toBe('Saved by Ctrl+S');
    await page.keyboard.press('Control+s');
    expect(dialogs).toEqual([]);
  });

  it('saves with ⌘S (Meta+S, as on a Mac), the words typed a moment before included', async () => {
    const story = await open('Saved on a Mac');
    await page.getByPlaceholder('Headline').fill('Saved by Command-S');
    const body = page.getByRole('textbox', { name: 'Story text' });
    await body.click();
    await moveCaret(page, 'End');
    // Typed and saved at once: the body reports its words only a moment after typing pauses.
    await page.keyboard.type(' Typed last.');
    await page.keyboard.press('Meta+s');
    await expect.poll(async () => (await stored(story.id)).title).toBe('Saved by Command-S');
    expect((await stored(story.id)).body).toContain('First paragraph. Typed last.');
    const prevented = await page.evaluate(() => {
      const event = new KeyboardEvent('keydown', { key: 's', metaKey: true, bubbles: true, cancelable: true });
      document.getElementById('title')!.dispatchEvent(event);
      return event.defaultPrevented;
    });
    expect(prevented, "the browser's own save is prevented").toBe(true);
  });

  it('redoes what undo took back, by button and by keys', async () => {
    await open('Undo and redo');
    const body = page.getByRole('textbox', { name: 'Story text' });
    await body.click();
    await moveCaret(page, 'End');
    await page.keyboard.type(' Added words.');
    await expect.poll(() => body.textContent()).toBe('First paragraph. Added words.');
    await page.getByRole('button', { name: 'Undo', exact: true }).click();
    await expect.poll(() => body.textContent()).toBe('First paragraph.');
    await page.getByRole('button', { name: 'Redo', exact: true }).click();
    await expect.poll(() => body.textContent()).toBe('First paragraph. Added words.');
    await page.keyboard.press('Control+z');
    await expect.poll(() => body.textContent()).toBe('First paragraph.');
    await page.keyboard.press('Control+Shift+z');
    await expect.poll(() => body.textContent()).toBe('First paragraph. Added words.');
    await page.keyboard.press('Control+z');
    await page.keyboard.press('Control+y');
    await expect.poll(() => body.textContent()).toBe('First paragraph. Added words.');
  });

  it('grows the headline with its text: no scrollbar, no handle to resize it', async () => {
    await open('Short');
    const headline = page.getByPlaceholder('Headline', { exact: true });
    const size = () => headline.evaluate((el: HTMLTextAreaElement) => ({ height: el.clientHeight, scroll: el.scrollHeight, resize: getComputedStyle(el).resize }));
    const short = await size();
    await headline.fill('A much longer headline that cannot fit on one line of the editor, however wide the window is, so it wraps onto a second and a third line');
    await expect.poll(async () => (await size()).height).toBeGreaterThan(short.height * 2);
    const long = await size();
    expect(long.scroll).toBeLessThanOrEqual(long.height);
    expect(long.resize).toBe('none');
    await headline.fill('Short again');
    await expect.poll(async () => (await size()).height).toBe(short.height);
  });

  it('adds an author found by typing part of a name, with the keyboard, and removes one by its chip', async () => {
    await newsroom.person('author', 'Zora Okafor');
    await newsroom.person('author', 'Zeno Park');
    const story = await open('Bylines');
    const picker = page.getByRole('combobox', { name: 'Authors' });
    await picker.fill('oka');
    const options = page.getByRole('listbox', { name: 'Staff and guest contributors' }).getByRole('option');
    await expect.poll(() => options.allTextContents()).toEqual(['Zora Okafor Author']);
    expect(await picker.getAttribute('aria-expanded')).toBe('true');
    await picker.press('Enter');
    const chips = page.getByRole('list', { name: 'Authors' }).locator('li .chip-name > bdi');
    await expect.poll(() => chips.allTextContents()).toEqual(['Edie Editor', 'Zora Okafor']);
    expect(await picker.inputValue()).toBe('');
    await page.getByRole('button', { name: 'Remove Edie Editor' }).click();
    await expect.poll(() => chips.allTextContents()).toEqual(['Zora Okafor']);
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await stored(story.id)).authors.map((a) => a.name)).toEqual(['Zora Okafor']);
  });
});
