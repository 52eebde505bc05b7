/**
 * Removing a follower in the admin tells their server: a Reject of their Follow goes to their
 * own inbox (a fediverse server played by this test on loopback), so Mastodon drops the follow.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeliveryWorker } from '../../../src/federation/delivery.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { deliveryWorker, FEDERATION_TEST_ENV, until } from '../../support/fediverse.js';
import { remoteServer, rsaKeys } from '../../support/remote-actor.js';

describeEachEngineApp(
  'removing a fediverse follower',
  (t) => {
    let remote: Awaited<ReturnType<typeof remoteServer>>;
    let worker: DeliveryWorker;
    beforeAll(async () => {
      remote = await remoteServer((await rsaKeys()).publicKey);
      await updateSettings(t().database.db, { federation: true });
      worker = deliveryWorker(t());
    });
    afterAll(async () => {
      await worker?.stop();
      remote?.server.close();
    });

    it('sends a Reject of their Follow to their inbox, once, and nothing to the others', async () => {
      const { db } = t().database;
      const now = new Date().toISOString();
      const follower = (name: string) => ({
        actor: 'fr',
        follower_uri: `${remote.base}/users/${name}`,
        handle: `@${name}@remote`,
        inbox: `${remote.base}/users/${name}/inbox`,
        shared_inbox: `${remote.base}/inbox`,
        follow_id: `${remote.base}/follows/${name}`,
        created_at: now,
      });
      await db.insertInto('federation_followers').values([follower('ana'), follower('bo')]).execute();
      const ana = await db.selectFrom('federation_followers').select('id').where('handle', '=', '@ana@remote').executeTakeFirstOrThrow();
      const { authorization } = await t().auth('editor');
      expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/fediverse/followers/${ana.id}`, headers: { authorization } })).statusCode).toBe(204);
      expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/fediverse/followers/${ana.id}`, headers: { authorization } })).statusCode).toBe(404);

      const received = await until(() => Promise.resolve(remote.received.find((r) => r.path === '/users/ana/inbox')), 'the Reject at the follower’s inbox');
      const edition = `${TEST_BASE_URL}/ap/actors/fr`;
      expect(JSON.parse(received.body)).toMatchObject({
        type: 'Reject',
        actor: edition,
        to: `${remote.base}/users/ana`,
        object: { type: 'Follow', id: `${remote.base}/follows/ana`, actor: `${remote.base}/users/ana`, object: edition },
      });
      // Signed as the edition, as every delivery is.
      expect(received.headers.signature).toContain(`keyId="${edition}#main-key"`);
      await until(async () => (await db.selectFrom('federation_deliveries').select('status').execute()).every((d) => d.status === 'delivered'), 'the delivery to settle');
      expect(remote.received.map((r) => r.path)).toEqual(['/users/ana/inbox']);
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
