/**
 * The Admin API's fediverse routes: each edition's followers (count, list, remove one) and
 * blocked instances (blocking removes their followers), for editors and administrators only.
 */
import { expect, it } from 'vitest';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp } from '../../support/app.js';

describeEachEngineApp('fediverse editions in the Admin API', (t) => {
  const follower = (actor: string, uri: string, handle: string) => ({
    actor,
    follower_uri: uri,
    handle,
    inbox: `${uri}/inbox`,
    shared_inbox: `${new URL(uri).origin}/inbox`,
    follow_id: `${uri}#follow`,
    created_at: new Date().toISOString(),
  });
  const call = async (role: 'administrator' | 'editor' | 'author' | 'contributor', method: 'GET' | 'POST' | 'DELETE', url: string, payload?: object) => {
    const { authorization } = await t().auth(role);
    return t().app.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization }, ...(payload ? { payload } : {}) });
  };

  it('authors and contributors get 403 on every route; editors and administrators get answers', async () => {
    const { database } = t();
    await updateSettings(database.db, { federation: true });
    await database.db
      .insertInto('federation_followers')
      .values([
        follower('fr', 'https://mastodon.example/users/ana', '@ana@mastodon.example'),
        follower('fr', 'https://spam.example/users/bot', '@bot@spam.example'),
        follower('en', 'https://spam.example/users/bot', '@bot@spam.example'),
        follower('ar', 'https://social.example/users/sami', '@sami@social.example'),
      ])
      .execute();
    for (const role of ['author', 'contributor'] as const) {
      expect((await call(role, 'GET', '/fediverse/editions')).statusCode).toBe(403);
      expect((await call(role, 'GET', '/fediverse/followers?language=fr')).statusCode).toBe(403);
      expect((await call(role, 'DELETE', '/fediverse/followers/1')).statusCode).toBe(403);
      expect((await call(role, 'GET', '/fediverse/blocks')).statusCode).toBe(403);
      expect((await call(role, 'POST', '/fediverse/blocks', { instance: 'spam.example' })).statusCode).toBe(403);
      expect((await call(role, 'DELETE', '/fediverse/blocks/spam.example')).statusCode).toBe(403);
    }
    expect(await database.db.selectFrom('federation_followers').select('id').execute()).toHaveLength(4);
    for (const role of ['editor', 'administrator'] as const) {
      const editions = await call(role, 'GET', '/fediverse/editions');
      expect(editions.statusCode).toBe(200);
      expect(editions.json().items).toEqual([
        { language: 'en', handle: '@en@herald.test', followers: 1, requests: 0 },
        { language: 'fr', handle: '@fr@herald.test', followers: 2, requests: 0 },
        { language: 'zh-Hant', handle: '@zh-Hant@herald.test', followers: 0, requests: 0 },
        { language: 'ar', handle: '@ar@herald.test', followers: 1, requests: 0 },
      ]);
      const list = await call(role, 'GET', '/fediverse/followers?language=fr');
      expect(list.statusCode).toBe(200);
      expect(list.json().items.map((f: { handle: string; instance: string }) => [f.handle, f.instance])).toEqual([
        ['@ana@mastodon.example', 'mastodon.example'],
        ['@bot@spam.example', 'spam.example'],
      ]);
      expect((await call(role, 'GET', '/fediverse/blocks')).json()).toEqual({ items: [] });
    }
  });

  it('removing a follower, and blocking an instance removes its followers from every edition', async () => {
    const { database } = t();
    const ana = await database.db.selectFrom('federation_followers').select('id').where('handle', '=', '@ana@mastodon.example').executeTakeFirstOrThrow();
    expect((await call('editor', 'DELETE', `/fediverse/followers/${ana.id}`)).statusCode).toBe(204);
    expect((await call('editor', 'DELETE', `/fediverse/followers/${ana.id}`)).statusCode).toBe(404);
    const blocked = await call('administrator', 'POST', '/fediverse/blocks', { instance: '@bot@Spam.Example' });
    expect(blocked.statusCode).toBe(201);
    expect(blocked.json()).toEqual({ host: 'spam.example', removedFollowers: 2 });
    expect((await database.db.selectFrom('federation_followers').select('handle').execute()).map((r) => r.handle)).toEqual(['@sami@social.example']);
    // Each removed follow is answered with a Reject from its edition, as for a follower removed alone.
    const rejects = await database.db.selectFrom('federation_activities').select(['actor', 'recipient_inbox', 'payload']).where('type', '=', 'Reject').where('recipient_inbox', 'like', 'https://spam.example/%').orderBy('actor').execute();
    expect(rejects.map((r) => [r.actor, r.recipient_inbox])).toEqual([
      ['en', 'https://spam.example/users/bot/inbox'],
      ['fr', 'https://spam.example/users/bot/inbox'],
    ]);
    for (const reject of rejects) {
      const activity = JSON.parse(reject.payload!);
      expect(activity.type).toBe('Reject');
      expect(activity.object.id).toBe('https://spam.example/users/bot#follow');
      expect(activity.to).toBe('https://spam.example/users/bot');
    }
    expect((await call('editor', 'GET', '/fediverse/blocks')).json().items.map((b: { host: string }) => b.host)).toEqual(['spam.example']);
    const bad = await call('editor', 'POST', '/fediverse/blocks', { instance: 'not a host' });
    expect(bad.statusCode).toBe(400);
    expect(JSON.stringify(bad.json())).toContain('instance');
    expect((await call('editor', 'DELETE', '/fediverse/blocks/spam.example')).statusCode).toBe(204);
    expect((await call('editor', 'GET', '/fediverse/blocks')).json()).toEqual({ items: [] });
  });
});
