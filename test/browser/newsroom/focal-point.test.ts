import sharp from 'sharp';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { uploadImage } from '../../../src/media/media.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

/** A grey 2400×1000 picture with a red square in its bottom-left corner, which a centred 16:9 cut leaves out. */
async function redBottomLeft(): Promise<Buffer> {
  const square = await sharp({ create: { width: 300, height: 300, channels: 3, background: '#ff0000' } }).png().toBuffer();
  return sharp({ create: { width: 2400, height: 1000, channels: 3, background: '#808080' } })
    .composite([{ input: square, left: 0, top: 700 }])
    .png()
    .toBuffer();
}

describe('a picture’s focal point and credit, set in the editor in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  let storyId: number;
  let storyPath: string;
  let editorEmail: string;

  beforeAll(async () => {
    const editor = await newsroom.person('editor', 'Fay Focal');
    editorEmail = editor.email;
    const actor: Actor = { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Fay Focal' };
    const { database } = newsroom.server;
    const { config } = newsroom.server.app.herald;
    const media = await uploadImage(database, config, { data: await redBottomLeft(), filename: 'corner.png', mimeType: 'image/png' }, actor);
    const story = await createArticle(
      database,
      {
        language: 'en',
        title: 'The red corner',
        status: 'published',
        publishedAt: new Date(Date.now() - 3_600_000).toISOString(),
        featuredImage: { mediaId: media.id, alt: 'A grey wall with a red square' },
        body: `<p>Before.</p><figure><img src="${media.url}" alt="The wall"><figcaption>The wall at noon</figcaption></figure><p>After.</p>`,
      },
      actor,
      newsroom.url,
    );
    // A later story leads the home page: the red corner is one of its cards.
    await createArticle(database, { language: 'en', title: 'A later story', status: 'published' }, actor, newsroom.url);
    storyId = story.id;
    storyPath = new URL(story.url).pathname;
    page = await newsroom.browser.newPage({ viewport: { width: 1280, height: 1000 } });
    await signInAs(page, newsroom.url, editorEmail);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
  });

  const cardPicture = async () => {
    const home = await (await page.request.get(`${newsroom.url}/en/`)).text();
    const card = [...home.matchAll(/<li class="card"[^>]*>([\s\S]*?)<\/li>/g)].find((m) => m[1].includes('The red corner'))!;
    return /<img[^>]*>/.exec(card[1])![0];
  };
  const ogImage = async () => {
    const html = await (await page.request.get(`${newsroom.url}${storyPath}`)).text();
    return /<meta property="og:image" content="([^"]+)"/.exec(html)![1];
  };
  /** Whether the pixel near the bottom-left corner of the served picture is red. */
  const bottomLeftIsRed = async (url: string) => {
    const bytes = await (await page.request.get(url)).body();
    const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
    const at = ((info.height - 5) * info.width + 5) * info.channels;
    return data[at] > 200 && data[at + 1] < 60 && data[at + 2] < 60;
  };

  it('clicking the featured picture sets the focal point: the home page card and the og:image crop follow it; arrow keys move it', async () => {
    expect(await cardPicture()).not.toMatch(/class=/);
    const before = await ogImage();
    expect(await bottomLeftIsRed(before)).toBe(false);

    await page.goto(`${newsroom.url}/admin/stories/${storyId}`);
    const picker = page.getByRole('button', { name: /^Focal point: / });
    expect(await picker.getAttribute('aria-label')).toBe('Focal point: 50% from the left, 50% from the top');
    const box = (await picker.boundingBox())!;
    await picker.click({ position: { x: box.width * 0.12, y: box.height * 0.78 } });
    // Where the click lands, to the pixel of a picture about 120 pixels high.
    await page.getByRole('button', { name: /^Focal point: 1[123]% from the left, 7[789]% from the top$/ }).waitFor();
    await page.locator('.focal-status').getByRole('status').filter({ hasText: 'Saved' }).waitFor();

    await expect.poll(cardPicture).toMatch(/ class="fx-10 fy-80"/);
    const after = await ogImage();
    expect(after).not.toBe(before);
    expect(await bottomLeftIsRed(after)).toBe(true);
    // The 16:9 and 1:1 previews show the cut: the picture moved to its left edge in both.
    for (const cut of await page.locator('.focal-cut-frame img').all()) expect(await cut.evaluate((img) => (img as HTMLElement).style.left)).toBe('0%');

    const stored = () => newsroom.server.database.db.selectFrom('media').select(['focal_x', 'focal_y']).executeTakeFirstOrThrow();
    const clicked = await stored();
    expect(Math.abs(clicked.focal_x! - 0.12)).toBeLessThan(0.01);
    expect(Math.abs(clicked.focal_y! - 0.78)).toBeLessThan(0.01);

    // The keyboard: five steps right, a tenth down (Shift).
    await picker.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.getByRole('button', { name: /^Focal point: 1[678]% from the left, 8[789]% from the top$/ }).waitFor();
    await page.locator('.focal-status').getByRole('status').filter({ hasText: 'Saved' }).waitFor();
    await expect.poll(cardPicture).toMatch(/ class="fx-20 fy-90"/);
    const moved = await stored();
    expect(moved.focal_x).toBeCloseTo(clicked.focal_x! + 0.05, 3);
    expect(moved.focal_y).toBeCloseTo(clicked.focal_y! + 0.1, 3);
  });

  it('gives a picture in the text a credit, which the story page shows after its caption', async () => {
    await page.goto(`${newsroom.url}/admin/stories/${storyId}`);
    const body = page.getByRole('textbox', { name: 'Story text' });
    await body.locator('figure figcaption').click();
    const form = page.getByRole('form', { name: 'Selected picture' });
    expect(await form.getByLabel('Caption').inputValue()).toBe('The wall at noon');
    await form.getByLabel('Credit').fill('Ana Costa');
    await form.getByRole('button', { name: 'Apply to the picture' }).click();
    await expect.poll(() => body.locator('figure figcaption small.credit').textContent()).toBe('Ana Costa');
    await page.getByRole('button', { name: /^(Update|Save)/ }).first().click();
    await expect
      .poll(async () => (await newsroom.server.database.db.selectFrom('articles').select('body').where('id', '=', storyId).executeTakeFirstOrThrow()).body, { timeout: 10_000 })
      .toMatch(/<figcaption>The wall at noon <small class="credit">Ana Costa<\/small><\/figcaption>/);
    const story = await page.request.get(`${newsroom.url}${storyPath}`);
    expect(await story.text()).toMatch(/<figcaption>The wall at noon <small class="credit">Photo: Ana Costa<\/small><\/figcaption>/);

    // Opened again, the editor reads caption and credit apart.
    await page.reload();
    await page.getByRole('textbox', { name: 'Story text' }).locator('figure figcaption').click();
    const again = page.getByRole('form', { name: 'Selected picture' });
    expect(await again.getByLabel('Caption').inputValue()).toBe('The wall at noon');
    expect(await again.getByLabel('Credit').inputValue()).toBe('Ana Costa');
  });
});
