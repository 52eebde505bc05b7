/**
 * The Fediverse screen in Chromium: an editor sees each edition's followers, removes one and
 * blocks an instance (its followers leave every edition); accepts and rejects follow requests;
 * the screen in Arabic on a phone; a published story's likes, boosts and deliveries in the
 * editor's side panel, in English on a desktop and in Arabic on a phone.
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
        // Removed below, which sends her server a Reject: an address the delivery refuses without a request.
        follower('en', 'http://127.0.0.2:9/users/ana', '@ana@mastodon.example'),
        // Blocked below, which sends a Reject for each of its follows: a loopback instance too.
        follower('en', 'http://127.0.0.3:9/users/bot', '@bot@127.0.0.3:9'),
        follower('en', 'https://social.example/users/lee', '@lee@social.example'),
        follower('fr', 'http://127.0.0.3:9/users/bot', '@bot@127.0.0.3:9'),
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
    await page.getByLabel('Instance to block').fill('@bot@127.0.0.3:9');
    await page.getByRole('button', { name: 'Block', exact: true }).click();
    await page.getByRole('status').filter({ hasText: '127.0.0.3:9 is blocked; 2 followers removed.' }).waitFor();
    await page.getByRole('button', { name: 'Unblock 127.0.0.3:9' }).waitFor();
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

  it('the editor’s side panel shows a published story’s likes, boosts and deliveries', async () => {
    const store = suite.server.database;
    // Nobody follows the English edition: publishing queues nothing, only the rows below count.
    await store.db.deleteFrom('federation_followers').where('actor', '=', 'en').execute();
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
    await deliveriesOf(story.id);
    const page = await signedIn('en', DESKTOP);
    await page.goto(`${suite.url}/admin/stories/${story.id}`);
    const panel = page.getByRole('region', { name: 'On the fediverse' });
    await expect.poll(() => panel.locator('[data-kpi="likes"]').textContent()).toBe('2');
    expect(await panel.locator('[data-kpi="boosts"]').textContent()).toBe('1');
    const english = panel.getByRole('region', { name: 'English' });
    await expect.poll(() => english.locator('[data-count="delivered"]').textContent()).toBe('2');
    expect(await english.locator('dl').innerText()).toMatch(/Queued\s+1\s+Delivered\s+2\s+Failing, tried again\s+1\s+Given up\s+1/);
    expect(await english.locator('.last-error').innerText()).toMatch(/^Last failure: down\.example \(HTTP 500\), /);
    if (SHOTS) await panel.screenshot({ path: `${SHOTS}/editor-reactions.png` });
  });

  it('the deliveries read in Arabic, right to left, on a phone', async () => {
    const story = await suite.server.database.db.selectFrom('articles').select('id').where('title', '=', 'Ferry returns').executeTakeFirstOrThrow();
    const page = await signedIn('ar', PHONE);
    await page.goto(`${suite.url}/admin/stories/${story.id}`);
    await page.locator('[aria-controls="story-settings"]').click();
    const panel = page.getByRole('region', { name: 'على الفديفيرس' });
    const english = panel.locator('[data-language="en"]');
    await expect.poll(() => english.locator('[data-count="retrying"]').textContent()).toBe('1');
    expect(await english.locator('dl').innerText()).toContain('فشلت، وستُعاد');
    expect(await english.locator('.last-error').innerText()).toContain('down.example');
    await panel.scrollIntoViewIfNeeded();
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: `${SHOTS}/editor-deliveries-ar-phone.png` });
  });

  /** What the delivery worker would have recorded: delivered, waiting, failing and given up (none due, so none is sent). */
  async function deliveriesOf(articleId: number) {
    const { db } = suite.server.database;
    const now = new Date().toISOString();
    const later = '2999-01-01T00:00:00.000Z';
    const activity = await db
      .insertInto('federation_activities')
      .values({ activity_id: `${suite.url}/ap/articles/${articleId}#create-shown`, actor: 'en', type: 'Create', article_id: articleId, recipient_inbox: null, recipient_actor: null, comment_id: null, payload: '{}', status: 'fanned', locked_until: null, created_at: now, fanned_out_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    const delivery = (inbox: string, status: string, attempts: number, lastError: string | null, attemptedAt: string | null) => ({
      activity_id: activity.id,
      inbox,
      status,
      attempts,
      next_attempt_at: later,
      locked_until: null,
      last_status: lastError ? Number(lastError.slice(5)) : null,
      last_error: lastError,
      created_at: now,
      delivered_at: status === 'delivered' ? now : null,
      attempted_at: attemptedAt,
    });
    await db
      .insertInto('federation_deliveries')
      .values([
        delivery('https://a.example/inbox', 'delivered', 1, null, now),
        delivery('https://b.example/inbox', 'delivered', 2, null, now),
        delivery('https://c.example/inbox', 'pending', 0, null, null),
        delivery('https://down.example/inbox', 'pending', 3, 'HTTP 500', now),
        delivery('https://old.example/inbox', 'failed', 10, 'HTTP 503', '2026-01-01T00:00:00.000Z'),
      ])
      .execute();
  }
});
