import type { BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { newsroomSuite, signInAs } from './newsroom-server.js';

describe('preview in Chromium: a draft seen as readers will see it, by a colleague without an account too', () => {
  const newsroom = newsroomSuite();
  let context: BrowserContext;
  let page: Page;
  beforeAll(async () => {
    context = await newsroom.browser.newContext();
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: newsroom.url });
    page = await context.newPage();
  });

  it('writes a draft, opens its preview in a new tab, shares the link with someone signed out, and views the story once published', async () => {
    const editor = await newsroom.person('editor', 'Eda Editor');
    await signInAs(page, newsroom.url, editor.email);
    await page.getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('button', { name: 'New story' }).click();
    await page.getByPlaceholder('Headline').fill('Ferry timetable changes in spring');
    await page.getByRole('textbox', { name: 'Story text' }).click();
    await page.keyboard.type('Boats leave every forty minutes from April.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/stories\/\d+$/);

    const [tab] = await Promise.all([context.waitForEvent('page'), page.getByRole('button', { name: 'Preview', exact: true }).click()]);
    await tab.waitForURL(/\/preview\//);
    await tab.getByRole('heading', { level: 1, name: 'Ferry timetable changes in spring' }).waitFor();
    await tab.getByText('Boats leave every forty minutes from April.').waitFor();
    await tab.getByRole('note').filter({ hasText: 'Preview: this story is not published yet.' }).waitFor();

    await page.getByRole('button', { name: 'Copy preview link' }).click();
    await page.getByRole('button', { name: 'Preview link copied' }).waitFor();
    const shared = await page.getByRole('textbox', { name: /^Preview link, works until/ }).inputValue();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shared);
    // A colleague without an account: a browser with no session at all.
    const stranger = await newsroom.browser.newContext();
    const outside = await stranger.newPage();
    const answer = await outside.goto(shared);
    expect(answer?.status()).toBe(200);
    await outside.getByRole('heading', { level: 1, name: 'Ferry timetable changes in spring' }).waitFor();

    await page.getByRole('button', { name: 'Publish…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Publish now' }).click();
    const view = page.getByRole('link', { name: 'View the story ↗' });
    await view.waitFor();
    const live = await view.getAttribute('href');
    expect(live).toMatch(/\/en\/ferry-timetable-changes-in-spring$/);
    // The shared preview now leads to the published page.
    await outside.goto(shared);
    expect(outside.url()).toBe(live);
    await stranger.close();
  });
});
