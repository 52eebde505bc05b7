import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { photoWithLocation } from '../../e2e/newsroom/media-files.js';
import { openStore } from '../../support/engines.js';
import { PartnerFeed } from '../../support/partner-feed.js';
import { seriousViolations } from './axe.js';
import { moveCaret } from './caret.js';
import { newsroomSuite, PASSWORD, signInAs } from './newsroom-server.js';
import { sectionNamed } from '../../support/sections.js';

describe('the newsroom in Chromium', () => {
  const newsroom = newsroomSuite();
  let page: Page;
  beforeEach(async () => {
    page = await newsroom.openPage();
  });

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
    // The whole paragraph, however many lines it wraps to beside the sidebar (Shift+Home stops at a line's start).
    await body.getByText('Fishermen in Marseille worked').click({ clickCount: 3 });
    await page.getByRole('button', { name: 'Link', exact: true }).click();
    await page.getByLabel('Link address').fill('https://example.org/whales');
    await page.getByRole('button', { name: 'Apply link' }).click();
    await page.getByLabel('Link address').waitFor({ state: 'detached' });
    // The empty line kept at the end of the text, where the "+" inserts.
    await moveCaret(page, 'Control+End');
    await page.getByRole('button', { name: 'Insert a picture, an embed or a divider' }).click();
    await page.getByRole('button', { name: 'Insert a picture', exact: true }).click();
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
    await page.getByRole('button', { name: 'Publish…' }).click();
    const publishing = page.getByRole('dialog', { name: 'Publish this story' });
    await publishing.getByRole('radio', { name: /Schedule for later/ }).check();
    // The site keeps UTC, the time zone the admin schedules in.
    await publishing.getByLabel('Publish at (UTC time)').fill(inOneMinute.toISOString().slice(0, 16));
    await publishing.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('dialog', { name: 'Ready to go out?' }).getByRole('button', { name: 'Schedule', exact: true }).click();
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

  const sessionFetch = (path: string, method: string, body?: object) =>
    page.evaluate(
      async ({ path, method, body }) => {
        const session = await (await fetch('/api/admin/v1/session')).json();
        const response = await fetch(`/api/admin/v1${path}`, {
          method,
          headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
          body: JSON.stringify(body ?? {}),
        });
        return { status: response.status, body: await response.json() };
      },
      { path, method, body },
    );

  it('a contributor writes a draft but sees no publish button, and the API refuses to publish it', async () => {
    const contributor = await newsroom.person('contributor', 'Cora Contributor');
    await signInAs(page, newsroom.url, contributor.email);
    await page.getByRole('link', { name: 'Stories' }).click();
    await page.getByRole('button', { name: 'New story' }).click();
    await page.getByPlaceholder('Headline').fill('Night market opens on the quay');
    await page.getByRole('textbox', { name: 'Story text' }).click();
    await page.keyboard.type('Stalls sell grilled fish until midnight.');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Insert a picture, an embed or a divider' }).click();
    await page.getByRole('button', { name: 'Embed a YouTube, X or Mastodon link' }).click();
    await page.getByLabel('Post or video address').fill('https://youtu.be/dQw4w9WgXcQ');
    await page.getByRole('button', { name: 'Embed', exact: true }).click();
    await page.getByRole('button', { name: 'Save draft' }).click();
    await expect.poll(() => page.url()).toMatch(/\/admin\/stories\/\d+$/);
    for (const name of ['Publish…', 'Schedule…', 'Publish now']) expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    expect(await page.getByRole('link', { name: 'People' }).count()).toBe(0);
    const id = page.url().split('/').pop();
    const saved = await db().selectFrom('articles').select('body').where('id', '=', Number(id)).executeTakeFirstOrThrow();
    expect(saved.body).toContain('<aside class="embed embed-youtube"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener">YouTube video</a></aside>');
    const refused = await sessionFetch(`/articles/${id}/publish`, 'POST');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/contributor role may not/);
  });

  it('an editor invites a contributor and makes an author a contributor, but cannot touch editors, administrators or tokens', async () => {
    const editor = await newsroom.person('editor', 'Edna Editor');
    const author = await newsroom.person('author', 'Abe Author');
    await newsroom.person('administrator', 'Ada Admin');
    await signInAs(page, newsroom.url, editor.email);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'People', level: 1 }).waitFor();
    expect(await page.getByRole('heading', { name: 'Admin API tokens' }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Content API keys' }).count()).toBe(0);
    expect(await page.getByLabel('Role of Ada Admin').count()).toBe(0);
    expect(await page.getByLabel('Role of Abe Author').locator('option').allTextContents()).toEqual(['Contributor', 'Author']);
    await page.getByLabel('Role of Abe Author').selectOption('contributor');
    await expect.poll(async () => (await db().selectFrom('users').select('role').where('id', '=', author.id).executeTakeFirstOrThrow()).role).toBe('contributor');
    // The invitation form, not the guest contributors' one below it.
    const invite = page.locator('form').filter({ has: page.getByRole('button', { name: 'Invite' }) });
    await invite.getByLabel('E-mail', { exact: true }).fill('cleo@herald.test');
    await invite.getByLabel('Name', { exact: true }).fill('Cleo Contributor');
    await invite.locator('select').selectOption('contributor');
    await invite.getByRole('button', { name: 'Invite' }).click();
    await page.getByRole('status').filter({ hasText: 'Invitation link' }).waitFor();
    const invited = await db().selectFrom('users').select('role').where('email', '=', 'cleo@herald.test').executeTakeFirstOrThrow();
    expect(invited.role).toBe('contributor');
    const refused = await sessionFetch('/users/invitations', 'POST', { email: 'evan@herald.test', name: 'Evan', role: 'editor' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/editor role may only manage contributors and authors/);
  });

  it('an administrator creates a Content API key, sees it once, and revokes it', async () => {
    const admin = await newsroom.person('administrator', 'Kim Keys');
    await signInAs(page, newsroom.url, admin.email);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'People' }).click();
    await page.getByRole('heading', { name: 'Content API keys' }).waitFor();
    await page.getByLabel('Key name').fill('Mobile app');
    await page.getByRole('button', { name: 'Create key' }).click();
    const key = (await page.getByRole('status').filter({ hasText: 'shown only once' }).locator('code').textContent())!;
    const articles = () => page.request.get(`${newsroom.url}/api/content/v1/articles`, { headers: { authorization: `Key ${key}` } });
    expect((await articles()).status()).toBe(200);
    await page.getByRole('button', { name: 'Revoke Mobile app' }).click();
    await page.getByText(/Mobile app · created .* · revoked/).waitFor();
    expect((await articles()).status()).toBe(401);
    // The list never shows a key again, only its name and dates.
    expect(await page.getByRole('listitem').filter({ hasText: 'Mobile app' }).textContent()).not.toContain(key);
  });

  it('an administrator follows a partner feed, reads it at once, and stops following it', async () => {
    const partner = new PartnerFeed();
    await partner.start();
    partner.items = [
      { guid: 'wire-1', title: 'Harbour reopens after the storm', body: '<p>The harbour reopened.</p>', date: '2026-11-20T08:00:00Z' },
      { guid: 'wire-2', title: 'Ferry timetable changes', body: '<p>New times from Monday.</p>', date: '2026-11-21T08:00:00Z' },
    ];
    try {
      const admin = await newsroom.person('administrator', 'Fay Feeds');
      await signInAs(page, newsroom.url, admin.email);
      await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Partner feeds' }).click();
      await page.getByText('The site follows no partner feed yet.').waitFor();
      // A refused address is named by the server beside its field.
      await page.getByLabel('Feed address').fill('ftp://partner.example/feed');
      await page.getByRole('button', { name: 'Follow' }).click();
      await page.locator('small.fault').filter({ hasText: 'must be an http(s) URL' }).waitFor();
      await page.getByLabel('Feed address').fill(`${partner.url}/rss`);
      await page.getByLabel('Name', { exact: true }).fill('Partner Daily');
      await page.getByLabel('Section').fill('Partners');
      await page.getByRole('button', { name: 'Follow' }).click();
      await page.getByRole('button', { name: 'Stop following Partner Daily' }).waitFor();
      await page.getByRole('button', { name: 'Read now' }).click();
      await page.getByRole('status').filter({ hasText: 'Partner Daily: 2 new stories.' }).waitFor();
      const taken = await db().selectFrom('articles').select(['title', 'status']).where('source_url', 'like', 'https://partner.example/%').orderBy('title').execute();
      expect(taken).toEqual([
        { title: 'Ferry timetable changes', status: 'draft' },
        { title: 'Harbour reopens after the storm', status: 'draft' },
      ]);
      await page.getByRole('button', { name: 'Stop following Partner Daily' }).click();
      await page.getByText('The site follows no partner feed yet.').waitFor();
    } finally {
      await new Promise<void>((resolve) => partner.server.close(() => resolve()));
    }
  });

  it('an administrator imports a WordPress export, and the same file again adds nothing', async () => {
    const admin = await newsroom.person('administrator', 'Ida Import');
    await signInAs(page, newsroom.url, admin.email);
    await page.getByRole('navigation', { name: 'Admin' }).getByRole('link', { name: 'Import' }).click();
    const wxr = new URL('../../fixtures/wordpress/polylang-wpml.xml', import.meta.url).pathname;
    const before = (await db().selectFrom('articles').select('id').execute()).length;
    await page.getByLabel('WordPress export (.xml)').setInputFiles(wxr);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').filter({ hasText: /Imported: .*6 articles/ }).waitFor();
    expect((await db().selectFrom('articles').select('id').execute()).length).toBe(before + 6);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').filter({ hasText: 'Imported: nothing new.' }).waitFor();
    await page.getByText('6 × already imported by an earlier run').waitFor();
    // A broken file is refused whole, with its line.
    await page.getByLabel('WordPress export (.xml)').setInputFiles({ name: 'broken.xml', mimeType: 'application/xml', buffer: Buffer.from('<?xml version="1.0"?>\n<rss>\n<channel>\n<item><title>x</title>\n</channel></rss>') });
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByText(/nothing was imported — line \d+/).first().waitFor();
    expect((await db().selectFrom('articles').select('id').execute()).length).toBe(before + 6);
  });

  it('refuses a forged cross-site form POST that carries the session cookie but no CSRF token', async () => {
    const admin = await newsroom.person('administrator');
    await signInAs(page, newsroom.url, admin.email);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    // Another site (another origin) whose page posts to the Admin API as soon as it is opened.
    const evil: Server = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'text/html' });
      response.end(`<form method="post" enctype="text/plain" action="${newsroom.url}/api/admin/v1/articles">
        <input name='{"language":"en","title":"Forged story","x":"' value='"}'></form><script>document.forms[0].submit()</script>`);
    });
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    try {
      await page.goto(`http://127.0.0.1:${(evil.address() as AddressInfo).port}/`);
      await expect.poll(() => page.url()).toContain('/api/admin/v1/articles');
      expect(await page.textContent('body')).toMatch(/CSRF/);
      const forged = await db().selectFrom('articles').select('id').where('title', '=', 'Forged story').execute();
      expect(forged).toEqual([]);
    } finally {
      await new Promise((resolve) => evil.close(resolve));
    }
  });

  it('locks sign-in after 10 wrong passwords, even for the right one', async () => {
    const victim = await newsroom.person('editor');
    await page.goto(`${newsroom.url}/admin/`);
    for (let attempt = 1; attempt <= 10; attempt++) {
      await page.getByLabel('E-mail').fill(victim.email);
      await page.getByLabel('Password').fill(`guess number ${attempt}`);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect.poll(() => page.getByRole('alert').textContent()).toMatch(attempt < 10 ? /wrong/ : /locked/);
    }
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/locked after 10 wrong passwords, until /);
    expect(await page.getByRole('link', { name: 'Dashboard' }).count()).toBe(0);
  });

  it('tells who changed a story meanwhile and lets the second editor overwrite instead of losing either silently', async () => {
    const first = await newsroom.person('editor', 'Fran First');
    const second = await newsroom.person('editor', 'Sam Second');
    const { createArticle, updateArticle } = await import('../../../src/content/articles.service.js');
    const actor = (id: number, name: string) => ({ role: 'editor' as const, userId: id, principal: `user:${id}`, name });
    const story = await createArticle(newsroom.server.database, { language: 'en', title: 'Ferry strike ends', status: 'published' }, actor(first.id, 'Fran First'), newsroom.url);
    await signInAs(page, newsroom.url, first.email);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    await page.goto(`${newsroom.url}/admin/stories/${story.id}`);
    await page.getByPlaceholder('Headline').fill('Ferry strike ends after nine days');
    await updateArticle(newsroom.server.database, story.id, { version: story.version, title: 'Ferry strike over' }, actor(second.id, 'Sam Second'), newsroom.url);
    await page.getByRole('button', { name: /^Update/ }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Edit conflict' });
    await expect.poll(() => dialog.textContent()).toMatch(/changed by Sam Second at/);
    expect((await db().selectFrom('articles').select('title').where('id', '=', story.id).executeTakeFirstOrThrow()).title).toBe('Ferry strike over');
    await dialog.getByRole('button', { name: 'Overwrite with my version' }).click();
    await expect.poll(async () => (await db().selectFrom('articles').select('title').where('id', '=', story.id).executeTakeFirstOrThrow()).title).toBe('Ferry strike ends after nine days');
  });

  it('gives every picture of a story text an alternative text field, also one imported without any', async () => {
    const editor = await newsroom.person('editor', 'Alt Editor');
    const { createArticle } = await import('../../../src/content/articles.service.js');
    const actor = { role: 'editor' as const, userId: editor.id, principal: `user:${editor.id}`, name: 'Alt Editor' };
    const story = await createArticle(
      newsroom.server.database,
      { language: 'en', title: 'Gulls over the harbour', section: await sectionNamed(newsroom.server.database, 'Harbour'), status: 'draft', body: '<p>Gulls came.</p><figure><img src="https://images.example.org/gulls.jpg"><figcaption>Gulls</figcaption></figure><p>More.</p>' },
      actor,
      newsroom.url,
    );
    await signInAs(page, newsroom.url, editor.email);
    await page.getByRole('link', { name: 'Dashboard' }).waitFor();
    await page.goto(`${newsroom.url}/admin/stories/${story.id}`);
    const body = page.getByRole('textbox', { name: 'Story text' });
    await body.locator('figure figcaption').click();
    const form = page.getByRole('form', { name: 'Selected picture' });
    const alt = form.getByLabel('Alternative text (what the picture shows)');
    await expect.poll(() => alt.inputValue()).toBe('');
    expect(await form.getByLabel('Caption').inputValue()).toBe('Gulls');
    await alt.fill('Three gulls above the fish market');
    await form.getByRole('button', { name: 'Apply to the picture' }).click();
    await expect.poll(() => body.locator('figure img').getAttribute('alt')).toBe('Three gulls above the fish market');
    await expect
      .poll(async () => (await db().selectFrom('articles').select('body').where('id', '=', story.id).executeTakeFirstOrThrow()).body, { timeout: 10_000 })
      .toMatch(/<img src="https:\/\/images\.example\.org\/gulls\.jpg" alt="Three gulls above the fish market"[^>]*><figcaption>Gulls<\/figcaption>/);
  });

  it('opens every screen of the navigation without a script error, and a new section is offered in the editor', async () => {
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const admin = await newsroom.person('administrator');
    await signInAs(page, newsroom.url, admin.email);
    const nav = page.getByRole('navigation', { name: 'Admin' });
    const violations: string[] = [];
    for (const name of ['Stories', 'Media', 'Sections & tags', 'People', 'Settings', 'Dashboard']) {
      await nav.getByRole('link', { name }).click();
      await page.getByRole('heading', { level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      violations.push(...(await seriousViolations(page)).map((v) => `${name}: ${v}`));
    }
    await nav.getByRole('link', { name: 'Sections & tags' }).click();
    await page.getByLabel('New section name in en').fill('Harbour news');
    await page.getByLabel('New section name in fr').fill('Nouvelles du port');
    await page.getByRole('button', { name: 'Add section' }).click();
    await expect
      .poll(() => page.getByLabel(/Name of section \d+ in fr/).evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value)))
      .toContain('Nouvelles du port');
    expect(await db().selectFrom('section_names').select('section_id').where('name', '=', 'Harbour news').execute()).toHaveLength(1);
    await page.goto(`${newsroom.url}/admin/stories/new?language=fr`);
    await expect.poll(() => page.getByLabel('Section').locator('option').allTextContents()).toContain('Nouvelles du port');
    violations.push(...(await seriousViolations(page)).map((v) => `editor: ${v}`));
    expect(errors).toEqual([]);
    expect(violations).toEqual([]);
  });
});
