/**
 * Follow requests that need approval (the site setting `federationFollowApproval`): a Follow
 * waits, unanswered and sent nothing, until an editor or administrator accepts it (an Accept to
 * the requester's inbox) or rejects it (a Reject); authors and contributors may do neither. The
 * fediverse server is played by this test on loopback; the app runs in this process.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DeliveryWorker } from '../../../src/federation/delivery.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { deliveryWorker, FEDERATION_TEST_ENV, until } from '../../support/fediverse.js';
import { inProcessInbox, type InProcessInbox } from '../../support/inbox.js';
import { remoteServer, rsaKeys } from '../../support/remote-actor.js';

const AS = 'https://www.w3.org/ns/activitystreams';
const EDITION = `${TEST_BASE_URL}/ap/actors/fr`;

describeEachEngineApp(
  'fediverse follow requests that need approval',
  (t) => {
    let keys: CryptoKeyPair;
    let remote: Awaited<ReturnType<typeof remoteServer>>;
    let inbox: InProcessInbox;
    let worker: DeliveryWorker;
    beforeAll(async () => {
      keys = await rsaKeys();
      remote = await remoteServer(keys.publicKey);
      inbox = await inProcessInbox(t());
      worker = deliveryWorker(t());
    });
    afterAll(async () => {
      await worker?.stop();
      await inbox?.stop();
      remote?.server.close();
    });

    const api = async (role: 'administrator' | 'editor' | 'author' | 'contributor', method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => {
      const { authorization } = await t().auth(role);
      return t().app.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization }, ...(payload ? { payload } : {}) });
    };
    const follow = async (name: 'actor' | 'other', n: number) => {
      const activity = { '@context': AS, id: `${remote.base}/follows/${name}-${n}`, type: 'Follow', actor: `${remote.base}/${name}`, object: EDITION };
      expect((await inbox.post('/ap/actors/fr/inbox', activity, { id: `${remote.base}/${name}#main-key`, privateKey: keys.privateKey })).statusCode).toBe(202);
      await inbox.settled();
    };
    const followers = async () => (await t().database.db.selectFrom('federation_followers').select(['follower_uri', 'status']).orderBy('id').execute()).map((r) => `${r.follower_uri.replace(remote.base, '')} ${r.status}`);
    const sentTo = (path: string, type: string) => remote.received.filter((r) => r.path === path && JSON.parse(r.body).type === type).map((r) => JSON.parse(r.body));
    const actorDocument = async () => (await t().app.inject({ url: '/ap/actors/fr', headers: { accept: 'application/activity+json' } })).json();
    const requestId = async (name: string) => (await t().database.db.selectFrom('federation_followers').select('id').where('follower_uri', '=', `${remote.base}/${name}`).executeTakeFirstOrThrow()).id;

    it('is off by default: a Follow is accepted at once; turned on, the editions say they approve followers by hand', async () => {
      expect((await api('editor', 'GET', '/settings')).json().federationFollowApproval).toBe(false);
      expect((await actorDocument()).manuallyApprovesFollowers).toBe(false);
      await follow('actor', 1);
      expect(await followers()).toEqual(['/actor accepted']);
      await until(() => Promise.resolve(sentTo('/inbox', 'Accept').length === 1), 'the Accept');
      await t().database.db.deleteFrom('federation_followers').execute();

      expect((await api('editor', 'PATCH', '/settings', { federationFollowApproval: true })).statusCode).toBe(403);
      const bad = await api('administrator', 'PATCH', '/settings', { federationFollowApproval: 'yes' });
      expect(bad.statusCode).toBe(400);
      expect(JSON.stringify(bad.json())).toContain('federationFollowApproval');
      expect((await api('administrator', 'PATCH', '/settings', { federationFollowApproval: true })).statusCode).toBe(200);
      expect((await actorDocument()).manuallyApprovesFollowers).toBe(true);
    });

    it('keeps a new Follow waiting: no Accept, not counted, not in the followers collection, sent no story', async () => {
      await follow('actor', 2);
      await follow('other', 1);
      expect(await followers()).toEqual(['/actor pending', '/other pending']);
      const edition = (await api('editor', 'GET', '/fediverse/editions')).json().items.find((e: { language: string }) => e.language === 'fr');
      expect(edition).toMatchObject({ followers: 0, requests: 2 });
      const collection = await t().app.inject({ url: '/ap/actors/fr/followers', headers: { accept: 'application/activity+json' } });
      expect(collection.json().totalItems).toBe(0);
      const listed = (await api('editor', 'GET', '/fediverse/follow-requests?language=fr')).json();
      expect(listed.items.map((r: { uri: string; handle: string }) => r.uri)).toEqual([`${remote.base}/actor`, `${remote.base}/other`]);
      expect((await api('editor', 'GET', '/fediverse/followers?language=fr')).json().items).toEqual([]);

      // A story published now goes to the one accepted follower, not to those waiting.
      await t().database.db
        .insertInto('federation_followers')
        .values({ actor: 'fr', follower_uri: `${remote.base}/users/known`, handle: '@known@remote', inbox: `${remote.base}/known-inbox`, shared_inbox: null, follow_id: `${remote.base}/follows/known`, created_at: new Date().toISOString() })
        .execute();
      const created = await api('editor', 'POST', '/articles', { language: 'fr', title: 'La digue tient', body: '<p>Texte.</p>', status: 'published' });
      expect(created.statusCode).toBe(201);
      await until(() => Promise.resolve(sentTo('/known-inbox', 'Create').length === 1), 'the story at the accepted follower');
      await until(async () => (await t().database.db.selectFrom('federation_deliveries').select('status').execute()).every((d) => d.status === 'delivered'), 'the deliveries to settle');
      expect(sentTo('/inbox', 'Create')).toEqual([]);
      expect(sentTo('/inbox', 'Accept')).toHaveLength(1);
    });

    it('authors and contributors can neither list, accept nor reject requests', async () => {
      const id = await requestId('actor');
      for (const role of ['author', 'contributor'] as const) {
        expect((await api(role, 'GET', '/fediverse/follow-requests?language=fr')).statusCode).toBe(403);
        expect((await api(role, 'POST', `/fediverse/follow-requests/${id}/accept`)).statusCode).toBe(403);
        expect((await api(role, 'POST', `/fediverse/follow-requests/${id}/reject`)).statusCode).toBe(403);
      }
      expect(await followers()).toEqual(['/actor pending', '/other pending', '/users/known accepted']);
    });

    it('an editor accepts one: an Accept goes to their inbox and they get the next story', async () => {
      const id = await requestId('actor');
      expect((await api('editor', 'POST', `/fediverse/follow-requests/${id}/accept`)).statusCode).toBe(204);
      expect((await api('editor', 'POST', `/fediverse/follow-requests/${id}/accept`)).statusCode).toBe(404);
      expect(await followers()).toEqual(['/actor accepted', '/other pending', '/users/known accepted']);
      const [, accept] = await until(() => Promise.resolve(sentTo('/inbox', 'Accept').length === 2 && sentTo('/inbox', 'Accept')), 'the Accept');
      expect(accept).toMatchObject({ actor: EDITION, to: `${remote.base}/actor`, object: { type: 'Follow', id: `${remote.base}/follows/actor-2`, actor: `${remote.base}/actor`, object: EDITION } });
      expect((await api('editor', 'POST', '/articles', { language: 'fr', title: 'La digue a tenu', body: '<p>Texte.</p>', status: 'published' })).statusCode).toBe(201);
      await until(() => Promise.resolve(sentTo('/inbox', 'Create').length === 1), 'the next story at the new follower');
      // Following again, already accepted, is answered at once.
      await follow('actor', 3);
      await until(() => Promise.resolve(sentTo('/inbox', 'Accept').length === 3), 'the Accept of the Follow sent again');
      expect(await followers()).toEqual(['/actor accepted', '/other pending', '/users/known accepted']);
    });

    it('an administrator rejects one: a Reject goes to their inbox and the request is gone', async () => {
      const id = await requestId('other');
      expect((await api('administrator', 'POST', `/fediverse/follow-requests/${id}/reject`)).statusCode).toBe(204);
      expect((await api('administrator', 'POST', `/fediverse/follow-requests/${id}/reject`)).statusCode).toBe(404);
      const [reject] = await until(() => Promise.resolve(sentTo('/inbox', 'Reject').length === 1 && sentTo('/inbox', 'Reject')), 'the Reject');
      expect(reject).toMatchObject({ actor: EDITION, to: `${remote.base}/other`, object: { type: 'Follow', id: `${remote.base}/follows/other-1` } });
      expect(await followers()).toEqual(['/actor accepted', '/users/known accepted']);
      // An accepted follower is no request: it is removed as a follower, not rejected here.
      expect((await api('administrator', 'POST', `/fediverse/follow-requests/${await requestId('actor')}/reject`)).statusCode).toBe(404);
    });
  },
  FEDERATION_TEST_ENV,
);
