/**
 * The Fediverse screen in Chromium: an editor sees each edition's followers, removes one and
 * blocks an instance (its followers leave every edition); accepts and rejects follow requests;
 * the screen in Arabic on a phone; a published story's likes and boosts in the editor's side panel.
 */
import type { BrowserContextOptions, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { newsroomSuite, signInAs } from './newsroom-server.js';

const PHONE: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const DESKTOP: BrowserContextOptions = { viewport: { width: 1280, height: 900 } };
const SHOTS = process.env.HERALD_SCREENSHOTS;

describe('the Fediverse screen, in Chromium', () => {
  const suite = newsroomSuite();
  let editor: { id: number; email: string };
  beforeAll(async () => {
    editor = await suite.person('editor', 'Eddie Editor');
    const { db } = suite.server.database;
    await updateSettings(db, { federation: true });
    const now = new Date().toISOString();
    const follower = (actor: string, uri: string, handle: string) => ({ actor, follower_uri: uri, handle, inbox: `${uri}/inbox`, shared_inbox: null, follow_id: `${uri}#f`, created_at: now });
    await db
      .insertInto('federation_followers')
      .values([
        follower('en', 'https://mastodon.example/users/ana', '@ana@mastodon.example'),
        follower('en', 'https://spam.example/users/bot', '@bot@spam.example'),
        follower('en', 'https://social.example/users/lee', '@lee@social.example'),
        follower('fr', 'https://spam.example/users/bot', '@bot@spam.example'),
        follower('fr', 'https://social.example/users/sami', '@sami@social.example'),
      ])
      .execute();
  });

  async function signedIn(language: string, options: BrowserContextOptions): Promise<Page> {
    await suite.server.database.db.updateTable('users').set({ interface_language: language }).where('id', '=', editor.id).execute();
    const page = await suite.openPage(options);
    page.setDefaultTimeout(8000);
    await signInAs(page, suite.url, editor.email);
    await page.goto(`${suite.url}/admin/fediverse`);
    return page;
  }

  it('an editor removes a follower and blocks an instance, whose followers leave every edition', async () => {
    const page = await signedIn('en', DESKTOP);
    await page.getByRole('heading', { level: 1, name: 'Fediverse' }).waitFor();
    await expect.poll(() => page.locator('[data-followers="en"]').textContent()).toBe('3');
    await expect.poll(() => page.locator('[data-followers="fr"]').textContent()).toBe('2');
    await page.getByRole('heading', { name: /Followers of @en@/ }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/fediverse-en-desktop.png`, fullPage: true });
    await page.getByRole('button', { name: 'Remove @ana@mastodon.example' }).click();
    await page.getByRole('status').filter({ hasText: '@ana@mastodon.example no longer follows this edition.' }).waitFor();
    await expect.poll(() => page.locator('[data-followers="en"]').textContent()).toBe('2');
    await page.getByLabel('Instance to block').fill('@bot@spam.example');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'spam.example is blocked; 2 followers removed.' }).waitFor();
    await page.getByRole('button', { name: 'Unblock spam.example' }).waitFor();
    await expect.poll(() => page.locator('[data-followers="fr"]').textContent()).toBe('1');
    const left = await suite.server.database.db.selectFrom('federation_followers').select('handle').orderBy('id').execute();
    expect(left.map((r) => r.handle)).toEqual(['@lee@social.example', '@sami@social.example']);
  });

  it('an editor accepts one follow request and rejects another; the requesters’ servers are told', async () => {
    const { db } = suite.server.database;
    await updateSettings(db, { federationFollowApproval: true });
    const now = new Date().toISOString();
    // On an address the server may not reach (loopback, the private-address allowance off): the answers are queued, never sent anywhere.
    const request = (name: string) => ({ actor: 'en', follower_uri: `http://127.0.0.1:9/users/${name}`, handle: `@${name}@social.example`, inbox: `http://127.0.0.1:9/users/${name}/inbox`, shared_inbox: null, follow_id: `http://127.0.0.1:9/follows/${name}`, created_at: now, status: 'pending' as const });
    await db.insertInto('federation_followers').values([request('mia'), request('noor'), request('omar')]).execute();
    const page = await signedIn('en', DESKTOP);
    await expect.poll(() => page.locator('[data-requests="en"]').textContent()).toBe('3');
    await page.getByRole('heading', { name: /Follow requests to @en@/ }).waitFor();
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/fediverse-requests-en-desktop.png`, fullPage: true });
    await page.getByRole('button', { name: 'Accept @mia@social.example' }).click();
    await page.getByRole('status').filter({ hasText: '@mia@social.example now follows this edition.' }).waitFor();
    // @lee, who stayed, and now @mia.
    await expect.poll(() => page.locator('[data-followers="en"]').textContent()).toBe('2');
    await page.getByRole('button', { name: 'Reject @noor@social.example' }).click();
    await page.getByRole('status').filter({ hasText: '@noor@social.example’s request was rejected.' }).waitFor();
    await expect.poll(() => page.locator('[data-requests="en"]').textContent()).toBe('1');
    const rows = await db.selectFrom('federation_followers').select(['handle', 'status']).where('handle', 'like', '%social.example').orderBy('id').execute();
    expect(rows.map((r) => `${r.handle} ${r.status}`)).toEqual(['@lee@social.example accepted', '@sami@social.example accepted', '@mia@social.example accepted', '@omar@social.example pending']);
    const answers = await db.selectFrom('federation_activities').select(['type', 'recipient_inbox']).where('recipient_inbox', 'like', 'http://127.0.0.1:9/%').orderBy('id').execute();
    expect(answers).toEqual([
      { type: 'Accept', recipient_inbox: 'http://127.0.0.1:9/users/mia/inbox' },
      { type: 'Reject', recipient_inbox: 'http://127.0.0.1:9/users/noor/inbox' },
    ]);
  });

  it('speaks Arabic, right to left, and fits a phone', async () => {
    const page = await signedIn('ar', PHONE);
    await page.getByRole('heading', { level: 1, name: 'الفديفيرس' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.dir)).toBe('rtl');
    await page.getByRole('button', { name: 'قبول @omar@social.example' }).waitFor();
    await page.getByRole('heading', { name: 'الخوادم المحظورة' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/fediverse-ar-phone.png`, fullPage: true });
  });

  it('the editor’s side panel shows a published story’s likes and boosts', async () => {
    const store = suite.server.database;
    const story = await createArticle(store, { language: 'en', title: 'Ferry returns', body: '<p>Text.</p>', status: 'published' }, { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: 'Eddie Editor' }, suite.url);
    const now = new Date().toISOString();
    await store.db
      .insertInto('federation_reactions')
      .values([
        { article_id: story.id, kind: 'like', actor_uri: 'https://a.example/u/1', activity_id: 'https://a.example/l/1', created_at: now },
        { article_id: story.id, kind: 'like', actor_uri: 'https://b.example/u/2', activity_id: 'https://b.example/l/2', created_at: now },
        { article_id: story.id, kind: 'boost', actor_uri: 'https://a.example/u/1', activity_id: 'https://a.example/b/1', created_at: now },
      ])
      .execute();
    const page = await signedIn('en', DESKTOP);
    await page.goto(`${suite.url}/admin/stories/${story.id}`);
    const panel = page.getByRole('region', { name: 'On the fediverse' });
    await expect.poll(() => panel.locator('[data-kpi="likes"]').textContent()).toBe('2');
    expect(await panel.locator('[data-kpi="boosts"]').textContent()).toBe('1');
    if (SHOTS) await panel.screenshot({ path: `${SHOTS}/editor-reactions.png` });
  });
});
