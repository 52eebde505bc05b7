import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { photoWithLocation } from '../../e2e/newsroom/media-files.js';
import { openStore } from '../../support/engines.js';
import { launchBrowser, PASSWORD, signInAs, startNewsroom, type Newsroom } from './newsroom-server.js';

describe('the newsroom in Chromium', () => {
  let newsroom: Newsroom;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    [newsroom, browser] = await Promise.all([startNewsroom(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await newsroom?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
    page = await context.newPage();
  });
  afterEach(() => context?.close());

  const db = () => newsroom.server.database.db;

  it('an administrator writes a story with a heading, a link, a captioned upload and a suggested tag, schedules it, and it goes out after a restart', async () => {
    const admin = await newsroom.person('administrator', 'Ada Admin');
    await signInAs(page, newsroom.url, admin.email);
    await page.getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('button', { name: 'New story' }).click();
    await page.getByPlaceholder('Headline').fill('Fishermen of Marseille rescue a stranded whale');
    const body = page.getByRole('textbox', { name: 'Story text' });
    await body.click();
    await page.keyboard.type('## The rescue\n');
    await page.keyboard.type('Fishermen in Marseille worked through the night to rescue a stranded whale near the harbour.');
    await page.keyboard.press('Shift+Home');
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByLabel('Link address').fill('https://example.org/whales');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await body.getByText('near the harbour').click();
    await page.keyboard.press('End');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Insert a picture' }).click();
    await page.locator('input[name="upload"]').setInputFiles({ name: 'whale.jpg', mimeType: 'image/jpeg', buffer: await photoWithLocation(1200, 700) });
    await page.getByLabel('Alternative text (what the picture shows)').fill('A whale beside a fishing boat');
    await page.getByLabel('Caption').fill('The whale at dawn');
    await page.getByRole('button', { name: 'Use this picture' }).click();
    await expect.poll(() => body.locator('figure figcaption').textContent()).toBe('The whale at dawn');

    const suggestion = page.getByLabel('Suggested tags').getByRole('button').first();
    await suggestion.waitFor();
    const tag = (await suggestion.textContent())!.replace(/^\+\s*/, '');
    await suggestion.click();
    await expect.poll(() => page.getByLabel('Tags of this story').textContent()).toContain(tag);

    const inOneMinute = new Date(Date.now() + 61_000);
    await page.getByRole('button', { name: 'Schedule…' }).click();
    const local = new Date(inOneMinute.getTime() - inOneMinute.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
    await page.getByLabel('Publish at').fill(local);
    await page.getByRole('button', { name: 'Schedule', exact: true }).click();
    await expect.poll(() => page.locator('.publish-bar .badge').textContent()).toBe('scheduled');

    const story = await db().selectFrom('articles').selectAll().where('title', 'like', 'Fishermen of Marseille%').executeTakeFirstOrThrow();
    expect(story.status).toBe('scheduled');
    expect(story.body).toMatch(/<h2>The rescue<\/h2>/);
    expect(story.body).toMatch(/<a [^>]*href="https:\/\/example\.org\/whales"[^>]*>Fishermen in Marseille/);
    expect(story.body).toMatch(/<figure><img src="\/media\/uploads\/[^"]+" alt="A whale beside a fishing boat"[^>]*><figcaption>The whale at dawn<\/figcaption><\/figure>/);
    const tags = await db().selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.name').where('article_id', '=', story.id).execute();
    expect(tags.map((t) => t.name)).toContain(tag);

    // Translated side by side: the original stays readable on the left.
    await page.getByRole('button', { name: 'Translate', exact: true }).click();
    await expect.poll(() => page.getByRole('region', { name: 'Original (en)' }).locator('h1').textContent()).toBe(story.title);
    const french = await db().selectFrom('articles').selectAll().where('language', '=', 'fr').where('translated_from_id', '=', story.id).executeTakeFirstOrThrow();
    expect(french.status).toBe('draft');

    // A restart in between: while the server is down the minute passes (moved back in the
    // database here rather than waited for), and the scheduler publishes it as the server starts.
    await newsroom.stop();
    const offline = openStore(newsroom.store);
    await offline.db.updateTable('articles').set({ publish_at: new Date(Date.now() - 1000).toISOString() }).where('id', '=', story.id).execute();
    await offline.close();
    await newsroom.start();
    const published = await page.request.get(`${newsroom.url}/en/${story.slug}`);
    expect(published.status()).toBe(200);
    expect(await published.text()).toContain('The whale at dawn');
  });
});
