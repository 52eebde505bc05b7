import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { png } from '../../e2e/newsroom/media-files.js';
import { seriousViolations } from './axe.js';
import { caretAtEndOf, moveCaret } from './caret.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 800 } };
const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };

/** What makes text look as it does: the same values on the story page and in the editor mean the same look. */
const typeOf = (page: Page, selector: string) =>
  page.locator(selector).first().evaluate((element) => {
    const style = getComputedStyle(element);
    return { fontFamily: style.fontFamily, fontSize: style.fontSize, lineHeight: style.lineHeight, fontWeight: style.fontWeight };
  });

describe('the editor as a writing surface: the site’s type, a toolbar over the selection, "+", a settings panel, a publish dialog', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let email: string;
  let actor: { role: 'editor'; userId: number; principal: string; name: string };
  beforeAll(async () => {
    await updateSettings(newsroom.server.database.db, { languages: ['en', 'fr', 'ar'], timezone: 'Europe/Paris' });
    const person = await newsroom.person('editor', 'Wren Writer');
    email = person.email;
    actor = { role: 'editor', userId: person.id, principal: `user:${person.id}`, name: 'Wren Writer' };
  });

  const db = () => newsroom.server.database.db;
  const story = (fields: { title: string; language?: string; body?: string; status?: 'draft' | 'published' }) =>
    createArticle(newsroom.server.database, { language: 'en', body: '<p>Boats left the harbour at dawn.</p>', ...fields }, actor, newsroom.url);
  const open = async (id: number, options = DESKTOP) => {
    page = await newsroom.openPage(options);
    page.setDefaultTimeout(10_000);
    await signInAs(page, newsroom.url, email);
    await page.goto(`${newsroom.url}/admin/stories/${id}`);
    await page.getByPlaceholder('Headline').waitFor();
  };
  const body = () => page.getByRole('textbox', { name: 'Story text' });
  const status = async (id: number) => (await db().selectFrom('articles').select(['status', 'publish_at']).where('id', '=', id).executeTakeFirstOrThrow());

  it('writes the headline and the text in the type readers see on the story page, at its measure', async () => {
    const published = await story({ title: 'Ferries run again', status: 'published' });
    await open(published.id);
    await page.goto(`${newsroom.url}/en/${published.slug}`);
    const site = { headline: await typeOf(page, 'article.story h1'), text: await typeOf(page, 'article.story .body p'), measure: await page.locator('article.story').evaluate((el) => getComputedStyle(el).maxWidth) };
    await page.goto(`${newsroom.url}/admin/stories/${published.id}`);
    await body().waitFor();
    expect(await typeOf(page, '#title')).toEqual(site.headline);
    expect(await typeOf(page, '.ProseMirror p')).toEqual(site.text);
    expect(site.headline.fontFamily).toMatch(/Georgia/);
    expect(await page.locator('.rich-text').evaluate((el) => getComputedStyle(el).maxWidth)).toBe(site.measure);
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('shows a formatting toolbar over selected words, by mouse and by keyboard, and bolds them', async () => {
    const draft = await story({ title: 'Harbour news' });
    await open(draft.id);
    const toolbar = page.getByRole('toolbar', { name: 'Formatting' });
    expect(await toolbar.count()).toBe(0);
    await caretAtEndOf(page, body().getByText('Boats left the harbour at dawn.'));
    for (let i = 0; i < 'dawn.'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await toolbar.waitFor();
    // Alt+F10 goes from the text to its toolbar; Escape goes back to the text.
    await page.keyboard.press('Alt+F10');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Heading');
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Subheading');
    await page.keyboard.press('End');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Numbered list');
    await page.keyboard.press('Escape');
    // Tiptap gives the text its focus on the next animation frame.
    await expect.poll(() => page.evaluate(() => document.activeElement?.classList.contains('ProseMirror'))).toBe(true);

    await body().getByText('Boats left the harbour at dawn.').dblclick({ position: { x: 5, y: 5 } });
    await toolbar.getByRole('button', { name: 'Bold' }).click();
    await expect.poll(() => body().innerHTML()).toContain('<strong>Boats</strong>');
    expect(await toolbar.getByRole('button', { name: 'Bold' }).getAttribute('aria-pressed')).toBe('true');
    for (const name of ['Heading', 'Subheading', 'Italic', 'Link', 'Quote', 'Bulleted list', 'Numbered list']) await toolbar.getByRole('button', { name, exact: true }).waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await db().selectFrom('articles').select('body').where('id', '=', draft.id).executeTakeFirstOrThrow()).body).toContain('<strong>Boats</strong>');
  });

  it('inserts a picture from the library with the "+" of an empty line', async () => {
    const draft = await story({ title: 'Gulls' });
    await open(draft.id);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Media' }).click();
    await page.locator('input[type="file"]').setInputFiles({ name: 'gulls.png', mimeType: 'image/png', buffer: await png(320, 200) });
    await page.getByTitle('gulls.png').waitFor();
    await page.goto(`${newsroom.url}/admin/stories/${draft.id}`);
    // The editor's panels load after the text: a click before they are in would be undone by their render.
    await page.waitForLoadState('networkidle');

    const insert = page.getByRole('button', { name: 'Insert a picture, an embed or a divider' });
    await caretAtEndOf(page, body().getByText('Boats left the harbour at dawn.'));
    expect(await insert.count(), 'no "+" on a line with words').toBe(0);
    await page.keyboard.press('Enter');
    await insert.click();
    expect(await insert.getAttribute('aria-expanded')).toBe('true');
    await page.getByRole('button', { name: 'Insert a picture', exact: true }).click();
    const picker = page.getByRole('dialog', { name: 'Insert a picture' });
    await picker.getByTitle('gulls.png').click();
    await picker.getByLabel('Alternative text (what the picture shows)').fill('Gulls over the quay');
    await picker.getByRole('button', { name: 'Use this picture' }).click();
    await expect.poll(() => body().locator('figure img').getAttribute('alt')).toBe('Gulls over the quay');
    expect(await picker.count()).toBe(0);
    // The picture went where the empty line was: after the first paragraph.
    expect(await body().evaluate((el) => [...el.children].map((child) => child.tagName))).toEqual(['P', 'FIGURE', 'P']);
  });

  it('opens and closes the settings on a phone: a drawer over the text, Escape closes it and focus returns', async () => {
    const draft = await story({ title: 'Tides' });
    await open(draft.id, PHONE);
    const toggle = () => page.getByRole('button', { name: 'Story settings' });
    const panel = () => page.getByRole('complementary', { name: 'Story settings' });
    expect(await toggle().getAttribute('aria-expanded')).toBe('false');
    expect(await panel().isVisible()).toBe(false);
    await toggle().click();
    expect(await toggle().getAttribute('aria-expanded')).toBe('true');
    await panel().getByLabel('Standfirst').waitFor();
    expect(await page.evaluate(() => document.activeElement?.closest('#story-settings') !== null)).toBe(true);
    // Tab goes through the drawer, never into the text behind it.
    for (let step = 0; step < 12; step++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('.writing, .publish-bar') === null)).toBe(true);
    }
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
    expect(await seriousViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    expect(await toggle().getAttribute('aria-expanded')).toBe('false');
    expect(await panel().isVisible()).toBe(false);
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Story settings');

    // On a desktop it starts open beside the text, and the button closes it.
    await page.context().close();
    await open(draft.id, DESKTOP);
    expect(await toggle().getAttribute('aria-expanded')).toBe('true');
    expect(await panel().getByLabel('Standfirst').isVisible()).toBe(true);
    await toggle().click();
    expect(await panel().isVisible()).toBe(false);
  });

  it('publishes only once the confirmation is confirmed', async () => {
    const draft = await story({ title: 'Lighthouse reopens' });
    await open(draft.id);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const choose = page.getByRole('dialog', { name: 'Publish this story' });
    expect(await choose.getByRole('radio', { name: /Publish now/ }).isChecked()).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await choose.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ready to go out?' });
    expect(await confirm.locator('p').textContent()).toBe('Publish “\u2068Lighthouse reopens\u2069” now on the English site.');
    expect((await status(draft.id)).status).toBe('draft');
    await confirm.getByRole('button', { name: 'Back' }).click();
    await choose.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect((await status(draft.id)).status).toBe('draft');

    await page.getByRole('button', { name: 'Publish…' }).click();
    await choose.getByRole('button', { name: 'Continue' }).click();
    await confirm.getByRole('button', { name: 'Publish now' }).click();
    await expect.poll(async () => (await status(draft.id)).status).toBe('published');
    await page.locator('.publish-bar .badge.status-published').waitFor();
    expect(await page.locator('.publish-bar').getByRole('button', { name: 'Update' }).count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Publish…' }).count()).toBe(0);
  });

  it("schedules on the site's clock, the confirmation naming the time and the zone", async () => {
    const draft = await story({ title: 'Winter timetable' });
    await open(draft.id);
    await page.getByRole('button', { name: 'Publish…' }).click();
    const choose = page.getByRole('dialog', { name: 'Publish this story' });
    await choose.getByRole('radio', { name: /Schedule for later/ }).check();
    await choose.getByLabel('Publish at (Europe/Paris time)').fill('2027-12-04T09:00');
    await choose.getByRole('button', { name: 'Continue' }).click();
    const confirm = page.getByRole('dialog', { name: 'Ready to go out?' });
    expect(await confirm.locator('p').textContent()).toBe('Schedule “\u2068Winter timetable\u2069” for 4 Dec 2027, 09:00 (Europe/Paris) on the English site.');
    expect((await status(draft.id)).status).toBe('draft');
    await confirm.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect.poll(() => status(draft.id)).toEqual({ status: 'scheduled', publish_at: '2027-12-04T08:00:00.000Z' });
    await expect.poll(() => page.locator('.publish-bar').textContent()).toContain('for 4 Dec 2027, 09:00 (Europe/Paris)');
  });

  it('edits an Arabic story right to left, its headline and text starting at the right', async () => {
    const arabic = await story({ title: 'افتتاح المنارة', language: 'ar', body: '<p>عادت السفن إلى الميناء.</p>' });
    await open(arabic.id);
    const headline = page.getByPlaceholder('Headline');
    expect(await headline.getAttribute('dir')).toBe('rtl');
    expect(await body().getAttribute('dir')).toBe('rtl');
    expect(await body().evaluate((el) => getComputedStyle(el).direction)).toBe('rtl');
    const right = async (selector: string) => page.locator(selector).first().evaluate((el) => Math.round(el.getBoundingClientRect().right));
    const words = async () => page.locator('.ProseMirror p').first().evaluate((p) => {
      const range = document.createRange();
      range.selectNodeContents(p);
      return Math.round(range.getBoundingClientRect().right);
    });
    expect(await words()).toBe(await right('.ProseMirror p'));
    await body().click();
    await moveCaret(page, 'Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('وصل الصيادون فجرًا.');
    await page.keyboard.press('Control+s');
    await expect.poll(async () => (await db().selectFrom('articles').select('body').where('id', '=', arabic.id).executeTakeFirstOrThrow()).body).toContain('<p>وصل الصيادون فجرًا.</p>');
  });
});
