/**
 * One Herald server process against fediverse peers played by this test on loopback: actors
 * whose signed activities are refused unless their signature checks out, and follower inboxes
 * that fail once, or answer 410 Gone.
 */
import { verifyRequest } from '@fedify/fedify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentLoader } from '../../../src/federation/transport.js';
import { ENGINES } from '../../support/engines.js';
import { startPeer, stopPeer, until, type Peer } from '../../support/fediverse.js';
import { post, remoteServer, rsaKeys } from '../../support/remote-actor.js';

for (const engine of ENGINES) {
  describe(`a Herald inbox and its deliveries [${engine}]`, { timeout: 120_000 }, () => {
    let herald: Peer;
    let keys: CryptoKeyPair;
    let remote: Awaited<ReturnType<typeof remoteServer>>;
    beforeAll(async () => {
      keys = await rsaKeys();
      remote = await remoteServer(keys.publicKey, { '/flaky-inbox': [500, 202], '/gone-inbox': [410] });
      herald = await startPeer(engine);
    });
    afterAll(async () => {
      await stopPeer(herald);
      remote?.server.close();
    });

    const follow = (n: string) => ({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${remote.base}/follows/${n}`,
      type: 'Follow',
      actor: `${remote.base}/actor`,
      object: `${herald.url}/ap/actors/fr`,
    });

    it('refuses a bad signature, a replayed request, an unfetchable key and no signature with 401, storing nothing', async () => {
      const inbox = `${herald.url}/ap/actors/fr/inbox`;
      const other = await rsaKeys();
      const keyId = `${remote.base}/actor#main-key`;
      const attempts = {
        'signed with another key': await post(inbox, follow('wrong-key'), { id: keyId, privateKey: other.privateKey }),
        'body changed after signing': await post(inbox, follow('tampered'), { id: keyId, privateKey: keys.privateKey }, { tamper: true }),
        'replayed two hours later': await post(inbox, follow('replayed'), { id: keyId, privateKey: keys.privateKey }, { at: new Date(Date.now() - 2 * 3600_000) }),
        'key that cannot be fetched': await post(inbox, { ...follow('no-key'), actor: `${remote.base}/missing` }, { id: `${remote.base}/missing#main-key`, privateKey: keys.privateKey }),
        'unsigned': await post(inbox, follow('unsigned'), null),
      };
      expect(Object.fromEntries(Object.entries(attempts).map(([what, response]) => [what, response.status]))).toEqual({
        'signed with another key': 401,
        'body changed after signing': 401,
        'replayed two hours later': 401,
        'key that cannot be fetched': 401,
        'unsigned': 401,
      });
      // Given the time a queued activity would take to be handled.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const { db } = herald.t.database;
      expect(await db.selectFrom('federation_inbox').select('activity_id').execute()).toEqual([]);
      expect(await db.selectFrom('federation_followers').select('id').execute()).toEqual([]);
      expect(await db.selectFrom('federation_queue').select('id').execute()).toEqual([]);
    });

    it('accepts the same Follow properly signed, once, however often it is delivered', async () => {
      const inbox = `${herald.url}/ap/actors/fr/inbox`;
      const key = { id: `${remote.base}/actor#main-key`, privateKey: keys.privateKey };
      expect((await post(inbox, follow('good'), key)).status).toBe(202);
      expect((await post(inbox, follow('good'), key)).status).toBe(202);
      const { db } = herald.t.database;
      await until(async () => (await db.selectFrom('federation_followers').selectAll().execute())[0], 'the follower');
      await until(() => Promise.resolve(remote.received.find((r) => r.path === '/inbox')), 'the Accept at the follower');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await db.selectFrom('federation_inbox').select('activity_id').execute()).toEqual([{ activity_id: `${remote.base}/follows/good` }]);
      const accepts = remote.received.filter((r) => r.path === '/inbox');
      expect(accepts).toHaveLength(1);
      expect(JSON.parse(accepts[0].body)).toMatchObject({ type: 'Accept', actor: `${herald.url}/ap/actors/fr` });
    });

    it('a follower inbox answering 500 gets the story once after a retry; one answering 410 loses its follower', async () => {
      const { db } = herald.t.database;
      const now = new Date().toISOString();
      for (const name of ['flaky', 'gone']) {
        await db
          .insertInto('federation_followers')
          .values({ actor: 'ar', follower_uri: `${remote.base}/users/${name}`, handle: `@${name}@remote`, inbox: `${remote.base}/${name}-inbox`, shared_inbox: null, follow_id: `${remote.base}/follows/${name}`, created_at: now })
          .execute();
      }
      const { authorization } = await herald.t.auth('editor');
      const created = await herald.t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'ar', title: 'الميناء يفتح من جديد', body: '<p>نص.</p>', status: 'published' } });
      expect(created.statusCode).toBe(201);
      await until(async () => {
        const rows = await db.selectFrom('federation_deliveries').select(['inbox', 'status', 'attempts']).execute();
        return rows.some((r) => r.inbox.endsWith('/flaky-inbox') && r.status === 'delivered') && rows.some((r) => r.inbox.endsWith('/gone-inbox') && r.status === 'gone');
      }, 'both deliveries to settle');
      // Nothing more is sent once delivered.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const flaky = remote.received.filter((r) => r.path === '/flaky-inbox');
      expect(flaky.map((r) => r.answered)).toEqual([500, 202]);
      const [first, second] = flaky.map((r) => JSON.parse(r.body));
      expect(second.id).toBe(first.id);
      expect(second).toMatchObject({ type: 'Create', object: { type: 'Article', name: 'الميناء يفتح من جديد', contentMap: { ar: '<p>نص.</p>' } } });
      expect(remote.received.filter((r) => r.path === '/gone-inbox').map((r) => r.answered)).toEqual([410]);
      const followers = await db.selectFrom('federation_followers').select('follower_uri').where('actor', '=', 'ar').execute();
      expect(followers).toEqual([{ follower_uri: `${remote.base}/users/flaky` }]);
      // What arrived carries a signature that checks out against the edition's published key.
      const accepted = flaky[1];
      const request = new Request(`${remote.base}/flaky-inbox`, {
        method: 'POST',
        headers: Object.entries(accepted.headers).flatMap(([name, value]) => (typeof value === 'string' ? [[name, value] as [string, string]] : [])),
        body: accepted.body,
      });
      const loader = documentLoader({ outboundAllow: [], allowPrivateAddress: true });
      const key = await verifyRequest(request, { documentLoader: loader, contextLoader: loader });
      expect(key?.ownerId?.href).toBe(`${herald.url}/ap/actors/ar`);
    });
  });
}
