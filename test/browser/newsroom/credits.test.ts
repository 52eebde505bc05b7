import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { createGuest } from '../../../src/people/guests.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const BYLINE = ['Ben Okafor', 'Chiara Rossi', 'Amal Haddad'];

describe('the byline’s order and a story’s credits in the editor', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let editor: { id: number; email: string };
  let storyId: number;
  let storyPath: string;

  beforeAll(async () => {
    editor = await newsroom.person('editor', 'Edna Editor');
    const actor: Actor = { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Edna Editor' };
    const ben = await newsroom.person('author', 'Ben Okafor');
    const amal = await newsroom.person('author', 'Amal Haddad');
    const guest = await createGuest(newsroom.server.database, actor, { name: 'Chiara Rossi', bio: 'Freelance reporter.', website: 'https://chiara.example.org/' });
    await createGuest(newsroom.server.database, actor, { name: 'Dana Weiss' });
    const story = await createArticle(
      newsroom.server.database,
      { language: 'en', title: 'Harbour reopens after the storm', body: '<p>The boats came back.</p>', status: 'published', authors: [ben.id, guest.id, amal.id] },
      actor,
      newsroom.url,
    );
    storyId = story.id;
    storyPath = story.path;
  });

  const bylineIds = async () =>
    (await newsroom.server.database.db.selectFrom('article_authors').innerJoin('users', 'users.id', 'article_authors.user_id').select('users.name').where('article_id', '=', storyId).orderBy('position').execute()).map((r) => r.name);

  it('reorders co-authors with the keyboard and by dragging, adds a guest as a credit, and the story shows that order', async () => {
    page = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    // Each drag tried below must give up well inside the time allowed for all of them.
    page.setDefaultTimeout(8000);
    await signInAs(page, newsroom.url, editor.email);
    await page.goto(`${newsroom.url}/admin/stories/${storyId}`);
    const authors = page.getByRole('group', { name: 'Authors' });
    const names = () => authors.locator('ol > li .chip-name > bdi').allTextContents();
    await expect.poll(names).toEqual(BYLINE);

    // Keyboard: the arrow button keeps focus as its row moves, and the move is announced.
    await authors.getByRole('button', { name: 'Move Amal Haddad earlier' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Ben Okafor', 'Amal Haddad', 'Chiara Rossi']);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Amal Haddad earlier');
    await page.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Amal Haddad', 'Ben Okafor', 'Chiara Rossi']);
    expect(await authors.locator('[aria-live="polite"]').textContent()).toBe('Amal Haddad: 1 of 3');
    // At the top "earlier" is gone: focus moved to the same row's "later".
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Move Amal Haddad later');
    await page.keyboard.press('Enter');
    await expect.poll(names).toEqual(['Ben Okafor', 'Amal Haddad', 'Chiara Rossi']);

    // Mouse: drag the guest onto the first row. The drag's events are sent in one go, with no
    // render between them, as a fast drag on a busy machine delivers them: the row must move all
    // the same (it did not when the rows read the dragged row from state, a render behind).
    const accepted = await authors.locator('ol').evaluate((list) => {
      const [to, , from] = [...list.querySelectorAll(':scope > li')];
      const dataTransfer = new DataTransfer();
      const send = (target: Element, type: string) => {
        const event = new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer });
        target.dispatchEvent(event);
        return event.defaultPrevented;
      };
      send(from, 'dragstart');
      const dropAllowed = send(to, 'dragover');
      send(to, 'drop');
      send(from, 'dragend');
      return dropAllowed;
    });
    expect(accepted, 'the first row accepts the drop').toBe(true);
    await expect.poll(names).toEqual(['Chiara Rossi', 'Ben Okafor', 'Amal Haddad']);

    // A guest offered among the staff, marked as a guest, added as additional reporting.
    const reporting = page.getByRole('group', { name: 'Additional reporting by' });
    await reporting.getByRole('combobox').fill('Dana');
    const offer = reporting.getByRole('option', { name: /Dana Weiss/ });
    expect(await offer.textContent()).toContain('guest');
    await page.keyboard.press('Enter');
    await expect.poll(() => reporting.locator('ol > li .chip-name > bdi').allTextContents()).toEqual(['Dana Weiss']);

    await page.locator('.publish-bar').getByRole('button', { name: /^Update/ }).click();
    await expect.poll(bylineIds).toEqual(['Chiara Rossi', 'Ben Okafor', 'Amal Haddad']);

    await page.goto(`${newsroom.url}${storyPath}`);
    expect(await page.locator('.byline a[rel="author"]').allTextContents()).toEqual(['Chiara Rossi', 'Ben Okafor', 'Amal Haddad']);
    expect(await page.locator('.byline').textContent()).toBe('By Chiara Rossi, Ben Okafor, and Amal Haddad');
    expect(await page.locator('.additional-reporting').textContent()).toBe('Additional reporting by Dana Weiss');
  });

  it('adds, edits and removes a guest contributor on the People screen', async () => {
    page = await newsroom.openPage({ viewport: { width: 1280, height: 900 } });
    page.on('dialog', (dialog) => void dialog.accept());
    await signInAs(page, newsroom.url, editor.email);
    await page.goto(`${newsroom.url}/admin/people`);
    const guests = page.getByRole('region', { name: 'Guest contributors' });
    await guests.getByLabel('Name').fill('Eli Brandt');
    await guests.getByLabel('Short bio').fill('Photographer in Haifa.');
    await guests.getByLabel('Link').fill('not a link');
    await guests.getByRole('button', { name: 'Add guest contributor' }).click();
    // The browser's own check of a URL field, or the server's 400 naming the field.
    const stored = () => newsroom.server.database.db.selectFrom('users').select(['name', 'bio', 'website', 'role']).where('name', 'like', 'Eli%').execute();
    expect(await stored()).toEqual([]);
    await guests.getByLabel('Link').fill('https://eli.example.org/');
    await guests.getByRole('button', { name: 'Add guest contributor' }).click();
    await guests.getByRole('status').filter({ hasText: 'Eli Brandt was added.' }).waitFor();
    expect(await stored()).toEqual([{ name: 'Eli Brandt', bio: 'Photographer in Haifa.', website: 'https://eli.example.org/', role: 'guest' }]);

    await guests.getByRole('button', { name: 'Edit Eli Brandt' }).click();
    await guests.locator('#field-edit-name').fill('Eli Brandt-Cohen');
    await guests.getByRole('button', { name: 'Save' }).click();
    await expect.poll(async () => (await stored())[0]?.name).toBe('Eli Brandt-Cohen');

    await guests.getByRole('button', { name: 'Remove Eli Brandt-Cohen' }).click();
    await expect.poll(stored).toEqual([]);
    // The staff table lists no guest.
    expect(await page.locator('table.people').textContent()).not.toContain('Chiara Rossi');
  });
});
