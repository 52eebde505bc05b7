/**
 * Removing a follower in the admin tells their server: a Reject of their Follow goes to their
 * own inbox (a fediverse server played by this test on loopback), so Mastodon drops the follow.
 */
import { expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { federatingWithLoopbackServer, FEDERATION_TEST_ENV, until } from '../../support/fediverse.js';

describeEachEngineApp(
  'removing a fediverse follower',
  (t) => {
    const loopback = federatingWithLoopbackServer(t);

    it('sends a Reject of their Follow to their inbox, once, and nothing to the others', async () => {
      const { db } = t().database;
      const now = new Date().toISOString();
      const follower = (name: string) => ({
        actor: 'fr',
        follower_uri: `${loopback().base}/users/${name}`,
        handle: `@${name}@remote`,
        inbox: `${loopback().base}/users/${name}/inbox`,
        shared_inbox: `${loopback().base}/inbox`,
        follow_id: `${loopback().base}/follows/${name}`,
        created_at: now,
      });
      await db.insertInto('federation_followers').values([follower('ana'), follower('bo')]).execute();
      const ana = await db.selectFrom('federation_followers').select('id').where('handle', '=', '@ana@remote').executeTakeFirstOrThrow();
      const { authorization } = await t().auth('editor');
      expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/fediverse/followers/${ana.id}`, headers: { authorization } })).statusCode).toBe(204);
      expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/fediverse/followers/${ana.id}`, headers: { authorization } })).statusCode).toBe(404);

      const received = await until(() => Promise.resolve(loopback().received.find((r) => r.path === '/users/ana/inbox')), 'the Reject at the follower’s inbox');
      const edition = `${TEST_BASE_URL}/ap/actors/fr`;
      expect(JSON.parse(received.body)).toMatchObject({
        type: 'Reject',
        actor: edition,
        to: `${loopback().base}/users/ana`,
        object: { type: 'Follow', id: `${loopback().base}/follows/ana`, actor: `${loopback().base}/users/ana`, object: edition },
      });
      // Signed as the edition, as every delivery is.
      expect(received.headers.signature).toContain(`keyId="${edition}#main-key"`);
      await until(async () => (await db.selectFrom('federation_deliveries').select('status').execute()).every((d) => d.status === 'delivered'), 'the delivery to settle');
      expect(loopback().received.map((r) => r.path)).toEqual(['/users/ana/inbox']);
      expect((await db.selectFrom('federation_followers').select('handle').execute()).map((r) => r.handle)).toEqual(['@bo@remote']);
    });

    it('an author cannot remove a follower, and nothing is sent', async () => {
      const { db } = t().database;
      const bo = await db.selectFrom('federation_followers').select('id').where('handle', '=', '@bo@remote').executeTakeFirstOrThrow();
      const { authorization } = await t().auth('author');
      expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/fediverse/followers/${bo.id}`, headers: { authorization } })).statusCode).toBe(403);
      expect(await db.selectFrom('federation_activities').select('type').where('type', '=', 'Reject').execute()).toHaveLength(1);
    });
  },
  FEDERATION_TEST_ENV,
);
