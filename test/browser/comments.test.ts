import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../src/people/tokens.service.js';
import { createUser } from '../../src/people/users.service.js';
import { formToken } from '../../src/comments/comments.form.js';
import { demoStoryPath, launchChromium, startSiteServer, type SiteServer } from './site-server.js';
import { newsroomSuite, signInAs } from './newsroom/newsroom-server.js';

/** Time a person needs at least to write a comment; faster is a bot's. */
const HUMAN_PAUSE_MS = 3200;

describe('Comments in Chromium', () => {
  let server: SiteServer;
  let browser: Browser;
  let story: string;
  let editor: string;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startSiteServer(), launchChromium()]);
    story = await demoStoryPath(server.database, 'en', 'Volunteers');
    const user = await createUser(server.database.db, { email: 'desk@herald.test', name: 'Desk Editor', role: 'editor' });
    editor = (await createApiToken(server.database.db, { name: 'browser test', role: 'editor', userId: user.id })).token;
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function approveByApi(text: string): Promise<number> {
    const headers = { authorization: `Bearer ${editor}` };
    const list = await (await fetch(`${server.url}/api/admin/v1/comments?status=pending&q=${encodeURIComponent(text)}`, { headers })).json();
    expect(list.total).toBe(1);
    const id = list.items[0].id as number;
    const approved = await fetch(`${server.url}/api/admin/v1/comments/${id}/approve`, { method: 'POST', headers });
    expect((await approved.json()).status).toBe('approved');
    return id;
  }

  it('a reader posts with the script; it awaits moderation; an editor approves it; everyone sees it', async () => {
    const reader = await browser.newContext();
    const page = await reader.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(server.url + story);
    await page.fill('#comment-form input[name="name"]', 'Browser Reader');
    await page.fill('#comment-form input[name="email"]', 'browser.reader@example.org');
    await page.fill('#comment-form textarea[name="body"]', 'The volunteers deserve more support. <script>alert("x")</script>');
    await page.waitForTimeout(HUMAN_PAUSE_MS);
    await page.click('#comment-form button[type="submit"]');
    await expect.poll(() => page.textContent('#comment-form .status')).toContain('awaiting moderation');
    const pending = page.locator('.comment.pending');
    await expect.poll(() => pending.count()).toBe(1);
    expect(await pending.textContent()).toContain('<script>alert("x")</script>');

    // Someone else does not see it yet.
    const stranger = await (await browser.newContext()).newPage();
    await stranger.goto(server.url + story);
    expect(await stranger.locator('.comment').count()).toBe(0);

    const id = await approveByApi('The volunteers deserve');
    await stranger.reload();
    const shown = stranger.locator(`#comment-${id}`);
    expect(await shown.textContent()).toContain('The volunteers deserve more support. <script>alert("x")</script>');
    expect(await stranger.locator('#comments .count').textContent()).toBe('(1)');
    expect(dialogs).toEqual([]);
    await reader.close();
    await stranger.context().close();
  });

  it('a reader without JavaScript posts through the plain form and lands on the comment', async () => {
    const reader = await browser.newContext({ javaScriptEnabled: false });
    const page = await reader.newPage();
    await page.goto(server.url + story);
    await page.fill('#comment-form input[name="name"]', 'Plain Reader');
    await page.fill('#comment-form input[name="email"]', 'plain.reader@example.org');
    await page.fill('#comment-form textarea[name="body"]', 'Posted without any script at all, and it works.');
    await page.waitForTimeout(HUMAN_PAUSE_MS);
    await Promise.all([page.waitForURL(/#comment-\d+$/), page.click('#comment-form button[type="submit"]')]);
    const id = Number(/#comment-(\d+)$/.exec(page.url())![1]);
    expect(new URL(page.url()).pathname).toBe(story);
    expect(await page.locator(`#comment-${id} .awaiting`).textContent()).toContain('awaiting moderation');
    await approveByApi('Posted without any script');
    await page.reload();
    expect(await page.locator(`#comment-${id} .awaiting`).count()).toBe(0);
    expect(await page.locator(`#comment-${id}`).textContent()).toContain('Posted without any script at all');
    await reader.close();
  });

  it('a bot that sends the form at once is marked spam and never shown', async () => {
    const bot = await browser.newContext({ javaScriptEnabled: false });
    const page = await bot.newPage();
    await page.goto(server.url + story);
    await page.fill('#comment-form input[name="name"]', 'Speedy Bot');
    await page.fill('#comment-form input[name="email"]', 'speedy@example.org');
    await page.fill('#comment-form textarea[name="body"]', 'Sent the very instant the page arrived.');
    await Promise.all([page.waitForURL(/#comments$/), page.click('#comment-form button[type="submit"]')]);
    expect(await page.locator('.comment', { hasText: 'Sent the very instant' }).count()).toBe(0);
    const list = await (await fetch(`${server.url}/api/admin/v1/comments?status=spam&q=Sent%20the%20very`, { headers: { authorization: `Bearer ${editor}` } })).json();
    expect(list.items[0].reasons.join('; ')).toMatch(/s after the page loaded/);
    await bot.close();
  });
});

describe('Moderating comments in the admin app (Chromium)', () => {
  const newsroom = newsroomSuite();

  it('an editor approves a held comment with the keyboard, it appears on the story, and blocks a network', async () => {
    const editor = await newsroom.person('editor', 'Eve Editor');
    const { db } = newsroom.server.database;
    const token = (await createApiToken(db, { name: 'setup', role: 'editor', userId: editor.id })).token;
    const created = await fetch(`${newsroom.url}/api/admin/v1/articles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ language: 'en', title: 'Harbour works begin', body: 'Work on the harbour began today.', status: 'published' }),
    });
    const story = (await created.json()) as { id: number; path: string };
    const form = new URLSearchParams({
      article: String(story.id),
      token: await formToken(db, story.id, Date.now() - 10_000),
      name: 'Harbour Reader',
      email: 'harbour.reader@example.org',
      body: 'Will the ferry keep running during the works?',
    });
    await fetch(`${newsroom.url}/comments`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form, redirect: 'manual' });

    const context = await newsroom.browser.newContext();
    const page = await context.newPage();
    await signInAs(page, newsroom.url, editor.email);
    // "a" pressed the moment the comment is drawn, before the next frame: a keyboard user who
    // presses it as soon as the list shows must approve it (a listener a frame late did nothing).
    const pressedOnSight = page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const observer = new MutationObserver(() => {
            const item = [...document.querySelectorAll('.comment-queue li')].find((li) => li.textContent?.includes('Will the ferry keep running'));
            if (!item) return;
            observer.disconnect();
            document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'a', bubbles: true }));
            resolve(item.textContent ?? '');
          });
          observer.observe(document.body, { childList: true, subtree: true });
        }),
    );
    await page.getByRole('link', { name: 'Comments' }).click();
    expect(await pressedOnSight).toContain('first comment from this address');
    await expect.poll(() => page.locator('.comment-queue li', { hasText: 'Will the ferry' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Approved' }).click();
    await page.locator('.comment-queue li', { hasText: 'Will the ferry keep running' }).waitFor();

    await page.getByLabel('Block kind').selectOption('network');
    await page.getByLabel('Blocked value').fill('not a network');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('CIDR');
    await page.getByLabel('Blocked value').fill('198.18.0.0/15');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByRole('button', { name: 'Unblock 198.18.0.0/15' }).waitFor();

    const reader = await newsroom.browser.newContext();
    const storyPage = await reader.newPage();
    await storyPage.goto(newsroom.url + story.path);
    expect(await storyPage.locator('#comments').textContent()).toContain('Will the ferry keep running during the works?');
    await reader.close();
    await context.close();
  });
});
