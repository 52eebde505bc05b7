import { readFileSync } from 'node:fs';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateCommentSettings } from '../../../src/comments/comments.settings.js';
import { expectedFromFile, wxr } from '../../e2e/portability/wxr-fixtures.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

/**
 * WordPress's theme unit test data, imported once on the admin's Import screen, then read on the
 * public site post by post against what each post says it should show (quoted above each check).
 * What Herald shows differently on purpose is listed in the README's import section.
 */
const FILE = wxr('theme-unit-test-data.xml');
const XML = readFileSync(FILE, 'utf8');
const ITEMS = [...XML.matchAll(/<item>([\s\S]*?)<\/item>/g)].map(([, block]) => block);
const field = (block: string, name: string) => block.match(new RegExp(`<wp:${name}>(?:<!\\[CDATA\\[)?([\\s\\S]*?)(?:\\]\\]>)?</wp:${name}>`))?.[1].trim() ?? '';
const post = (id: string) => ITEMS.find((block) => field(block, 'post_id') === id)!;

/** The approved comments of a post, pingbacks and trackbacks aside (Herald keeps no others). */
function approvedComments(id: string): number {
  const comments = [...post(id).matchAll(/<wp:comment>([\s\S]*?)<\/wp:comment>/g)].map(([, block]) => block);
  return comments.filter((c) => field(c, 'comment_approved') === '1' && !['pingback', 'trackback'].includes(field(c, 'comment_type'))).length;
}

describe('the WordPress theme unit test, imported in Chromium and read as each post describes itself', () => {
  const newsroom = newsroomSuite();
  let context: BrowserContext;
  let page: Page;
  let report: string;

  beforeAll(async () => {
    // Threads stay open however old the posts are, unless WordPress had closed them.
    await updateCommentSettings(newsroom.server.database.db, { autoCloseDays: 0 });
    const admin = await newsroom.person('administrator', 'Theo Tester');
    context = await newsroom.browser.newContext({ viewport: { width: 1280, height: 900 } });
    // The posts show pictures of wpthemetestdata.files.wordpress.com: nothing leaves this machine.
    await context.route((url) => url.hostname !== '127.0.0.1', (route) => route.abort());
    page = await context.newPage();
    page.setDefaultTimeout(10_000);
    await signInAs(page, newsroom.url, admin.email);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Import' }).click();
    await page.getByLabel('WordPress export (.xml)').setInputFiles(FILE);
    await page.getByLabel('Copy the pictures into the media library').uncheck();
    await page.getByRole('button', { name: 'Import' }).click();
    const done = page.getByRole('status').filter({ hasText: /Imported: / });
    await done.waitFor({ timeout: 60_000 });
    report = (await done.textContent()) ?? '';
  }, 90_000);
  afterAll(async () => {
    await context?.close();
  });

  /** The post's page, reached through its old WordPress address (`/?p=ID` redirects). */
  const open = async (id: string): Promise<Locator> => {
    const response = await page.goto(`${newsroom.url}/?p=${id}`);
    expect(response?.status(), `post ${id}`).toBe(200);
    expect(new URL(page.url()).pathname).toBe(`/en/${decodeURIComponent(field(post(id), 'post_name'))}`);
    return page.locator('article.story');
  };
  const bodyOf = (story: Locator) => story.locator('.body');
  const paragraphTexts = (story: Locator) => bodyOf(story).locator(':scope > p').allTextContents();

  it('imports every post and page that is not in the trash', () => {
    const kept = expectedFromFile(FILE).items.filter((i) => ['post', 'page'].includes(i.type) && !['trash', 'auto-draft'].includes(i.status));
    expect(report).toContain(`${kept.length} articles`);
  });

  it('Template: More Tag — the text before and after the more tag, as paragraphs, and no empty one', async () => {
    const story = await open('996');
    expect(await paragraphTexts(story)).toEqual([
      'This content is before the more tag.',
      'Right after this sentence should be a "continue reading" button of some sort on list pages of themes that show full content. It won\'t show on single pages or on themes showing excerpts.',
      'And this content is after the more tag. (which should be the anchor link for when the button is clicked)',
    ]);
  });

  it('Template: Paginated — every page of the post, one paragraph each', async () => {
    expect(await paragraphTexts(await open('1171'))).toEqual(['Post Page 1', 'Post Page 2', 'Post Page 3']);
  });

  it('Markup: HTML Tags and Formatting — headings (h1 as h2), blockquotes, a table, nested lists, entities as text', async () => {
    const story = await open('1178');
    // The story's title is the page's one h1: "Header one" comes down to h2.
    expect(await page.locator('h1').allTextContents()).toEqual(['Markup: HTML Tags and Formatting']);
    const headings = await bodyOf(story).locator('h1, h2, h3, h4, h5, h6').evaluateAll((all) => all.slice(0, 6).map((h) => `${h.tagName} ${h.textContent}`));
    expect(headings).toEqual(['H2 Header one', 'H2 Header two', 'H3 Header three', 'H4 Header four', 'H5 Header five', 'H6 Header six']);
    expect(await bodyOf(story).locator('blockquote').first().textContent()).toBe('Stay hungry. Stay foolish.');
    // "<code>&lt;blockquote&gt;</code>" shows the tag's name as text.
    expect(await bodyOf(story).locator('blockquote code').first().textContent()).toBe('<blockquote>');
    expect(await bodyOf(story).locator('table thead th').allTextContents()).toEqual(['Employee', 'Salary', '']);
    expect(await bodyOf(story).locator('dl dt').first().textContent()).toBe('Definition List Title');
    // "Ordered List (Nested)": starts at 8, its innermost list counts down.
    expect(await bodyOf(story).locator('ol[start="8"]').evaluate((ol) => (ol as HTMLOListElement).start)).toBe(8);
    expect(await bodyOf(story).locator('ol[start="8"] ol ol').evaluate((ol) => (ol as HTMLOListElement).reversed)).toBe(true);
  });

  it('Edge Case: Nested And Mixed Lists — lists within lists, each level with its markers', async () => {
    const story = await open('1000');
    expect(await bodyOf(story).locator('h3').allTextContents()).toEqual([
      'Ordered - Unordered - Ordered',
      'Ordered - Unordered - Unordered',
      'Unordered - Ordered - Unordered',
      'Unordered - Unordered - Ordered',
    ]);
    // "Lists within lists do not break the ordered list numbering order": three levels deep, every item marked.
    const deepest = bodyOf(story).locator('ol > li > ul > li > ol > li');
    expect(await deepest.allTextContents()).toEqual(['ordered item', 'ordered item']);
    const markers = await bodyOf(story).locator('li').evaluateAll((items) => items.map((li) => getComputedStyle(li).listStyleType));
    expect(markers.filter((type) => type === 'none')).toEqual([]);
    expect(await bodyOf(story).locator(':scope > ol').first().locator(':scope > li').count()).toBe(4);
  });

  it('Post Format: Quote — the quotation with its source', async () => {
    const quote = bodyOf(await open('575')).locator('blockquote');
    expect(await quote.textContent()).toContain('Only one thing is impossible for God: To find any sense in any copyright law on the planet.');
    expect(await quote.locator('cite a').textContent()).toBe('Mark Twain');
  });

  it("Post Format: Gallery — each [gallery] shows the post's attached pictures", async () => {
    const attached = ITEMS.filter((block) => field(block, 'post_type') === 'attachment' && field(block, 'post_parent') === '555' && /\.(jpe?g|png|gif)$/i.test(field(block, 'attachment_url')));
    expect(attached.length).toBeGreaterThan(0);
    const galleries = bodyOf(await open('555')).locator('figure.gallery');
    // One [gallery], then one for each number of columns from 1 to 9.
    expect(await galleries.count()).toBe(10);
    expect(await galleries.first().locator('img').count()).toBe(attached.length);
    expect(await galleries.first().locator('img').first().getAttribute('alt')).toBeTruthy();
  });

  it('Post Format: Image (Caption) — the picture with its caption under it', async () => {
    const figure = bodyOf(await open('1163')).locator('figure');
    expect(await figure.locator('img').getAttribute('alt')).toBe('Bell on Wharf');
    expect(await figure.locator('figcaption').textContent()).toBe('Bell on wharf in San Francisco');
  });

  it('Template: Featured Image (Horizontal) — "This post should display a featured image"', async () => {
    const story = await open('1011');
    const featured = story.locator(':scope > figure img');
    expect(await featured.getAttribute('alt')).toBe('Horizontal Featured Image');
    expect(await featured.getAttribute('src')).toMatch(/featured-image-horizontal\.jpg$/);
  });

  it('Markup: Image Alignment — left and right pictures float beside the text, the centred one stands alone', async () => {
    const body = bodyOf(await open('1177'));
    const style = (alt: string) => body.getByRole('img', { name: alt, exact: true }).first().evaluate((img) => ({ float: getComputedStyle(img).float, display: getComputedStyle(img).display }));
    // Floated to the start and end of the line, which an Arabic story mirrors.
    expect((await style('Image Alignment 150x150')).float).toBe('inline-start');
    expect((await style('Image Alignment 300x200')).float).toBe('inline-end');
    expect(await style('Image Alignment 580x300')).toEqual({ float: 'none', display: 'block' });
  });

  it('Markup: Title With Markup — "The post title markup should be removed from the browser window / tab"', async () => {
    const story = await open('1173');
    expect(await story.locator('h1').textContent()).toBe('Markup: Title With Markup');
    expect(await page.title()).toMatch(/^Markup: Title With Markup\b/);
  });

  it('Markup: Title With Special Characters — the title and the table show every character as written', async () => {
    const story = await open('1174');
    expect(await story.locator('h1').textContent()).toBe('Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:\'"?,.>');
    const cells = await bodyOf(story).locator('td').allTextContents();
    expect(cells).toEqual(expect.arrayContaining(['&', '<', '>', '"', "'", '\\']));
  });

  it('Title should not overflow the content area — not on a phone either, and the tab shows it', async () => {
    const story = await open('1175');
    expect(await page.title()).toMatch(/^Taumatawhakatangihangakoauauotamateaturipukakapikimaungahoronukupokaiwhenuakitanatahu/);
    const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    const previous = await story.locator('.prev-next a[rel="prev"]').getAttribute('href');
    for (const width of [1280, 390]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await sideways(), `sideways scrolling at ${width} px`).toBe(0);
      const title = await story.locator('h1').evaluate((h1) => ({ scroll: h1.scrollWidth, width: h1.clientWidth }));
      expect(title.scroll).toBeLessThanOrEqual(title.width);
    }
    // The story before it names it as the next one.
    await page.goto(`${newsroom.url}${previous}`);
    await page.locator('.prev-next a[rel="next"]', { hasText: 'Taumatawhakatangihanga' }).waitFor();
    expect(await sideways(), 'sideways scrolling on the story before it, at 390 px').toBe(0);
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('Template: Comments — the approved comments, threaded, their words apart, and a form to reply', async () => {
    const comments = (await open('1148')).locator('section.comments');
    expect(await comments.locator('li.comment').count()).toBe(approvedComments('1148'));
    // Threads nest (Herald nests three levels deep; deeper replies join the third).
    expect(await comments.locator('li.comment.depth-3').count()).toBeGreaterThan(0);
    const text = (await comments.locator('.comment-body').allInnerTexts()).join('\n');
    expect(text).toContain('Definition List Title\nDefinition list division.');
    expect(text).not.toMatch(/TitleDefinition|StatesAnchor/);
    expect(await comments.locator('form.comment-form').count()).toBe(1);
  });

  it('Template: Comments Disabled — "There should be no comment reply form"', async () => {
    const comments = (await open('1150')).locator('section.comments');
    expect(await comments.locator('form').count()).toBe(0);
    await comments.getByText('Comments on this story are closed.').waitFor();
  });

  it('Template: Password Protected — not shown to readers (it arrives as a draft)', async () => {
    const slug = field(post('1168'), 'post_name');
    expect((await page.goto(`${newsroom.url}/en/${slug}`))?.status()).toBe(404);
  });

  it('Edge Case: No Title — "it still must link to the single post view somehow"', async () => {
    // Listed under its tag "title", by the name it was given: its WordPress slug.
    await page.goto(`${newsroom.url}/en/tag/title`);
    await page.getByRole('link', { name: 'edge-case-no-title', exact: true }).first().click();
    await page.waitForURL(/\/en\/edge-case-no-title$/);
    expect(await page.locator('article.story .body p').first().textContent()).toBe('This post has no title, but it still must link to the single post view somehow.');
  });

  it('Edge Case: Many Categories — the nested categories keep their parents; the menu shows a few top-level ones', async () => {
    const categories = expectedFromFile(FILE).categories;
    const topLevel = new Set(categories.filter((c) => !c.parent).map((c) => c.slug));
    await open('1152');
    const menu = await page.getByRole('navigation', { name: 'Sections' }).getByRole('link').evaluateAll((links) => links.map((a) => new URL((a as HTMLAnchorElement).href).pathname));
    expect(menu.length).toBeGreaterThan(0);
    expect(menu.length).toBeLessThanOrEqual(8);
    for (const path of menu) expect(topLevel.has(path.replace('/en/section/', '')), path).toBe(true);
    // A child category is a section of its own, under its parent, and not in the menu.
    const child = categories.find((c) => c.parent && categories.some((p) => p.slug === c.parent && !p.parent))!;
    expect((await page.goto(`${newsroom.url}/en/section/${child.slug}`))?.status()).toBe(200);
    expect(menu).not.toContain(`/en/section/${child.slug}`);
  });
});
