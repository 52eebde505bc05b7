/**
 * What a fediverse server may speak for: its own accounts, and its own activities and objects.
 * Two servers played by this test on loopback share one key pair; each activity below is signed
 * by the first server's actor but names the second server's actor, activity or object. Each
 * is refused — nothing stored, not even the record of having handled it, and never a 5xx —
 * while the same kind of activity about the sender's own things is taken (the control).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { FEDERATION_TEST_ENV } from '../../support/fediverse.js';
import { inProcessInbox, type InProcessInbox } from '../../support/inbox.js';
import { remoteServer, rsaKeys } from '../../support/remote-actor.js';

const AS = 'https://www.w3.org/ns/activitystreams';

describeEachEngineApp(
  'activities about another server’s accounts or objects are refused',
  (t) => {
    let keys: CryptoKeyPair;
    let remote: Awaited<ReturnType<typeof remoteServer>>;
    let elsewhere: Awaited<ReturnType<typeof remoteServer>>;
    let inbox: InProcessInbox;
    let article: string;
    beforeAll(async () => {
      keys = await rsaKeys();
      [remote, elsewhere] = await Promise.all([remoteServer(keys.publicKey), remoteServer(keys.publicKey)]);
      inbox = await inProcessInbox(t());
      const { authorization } = await t().auth('editor');
      const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Le pont rouvre', body: '<p>Texte.</p>', status: 'published' } });
      expect(created.statusCode).toBe(201);
      article = `http://herald.test/ap/articles/${created.json().id}`;
    });
    afterAll(async () => {
      await inbox?.stop();
      remote?.server.close();
      elsewhere?.server.close();
    });

    const send = (server: { base: string }, activity: object) => inbox.post('/ap/inbox', { '@context': AS, ...activity }, { id: `${server.base}/actor#main-key`, privateKey: keys.privateKey });
    const note = (server: { base: string }, n: number, content: string) => ({ id: `${server.base}/notes/${n}`, type: 'Note', attributedTo: `${server.base}/actor`, inReplyTo: article, content, to: `${AS}#Public` });
    const rows = async () => {
      const { db } = t().database;
      return {
        inbox: (await db.selectFrom('federation_inbox').select('activity_id').execute()).map((r) => r.activity_id).sort(),
        followers: (await db.selectFrom('federation_followers').select('follower_uri').execute()).map((r) => r.follower_uri),
        reactions: (await db.selectFrom('federation_reactions').select(['kind', 'actor_uri', 'activity_id']).execute()).map((r) => `${r.kind} ${r.activity_id} by ${r.actor_uri}`).sort(),
        comments: (await db.selectFrom('comments').select(['remote_object_id', 'body']).execute()).map((r) => `${r.remote_object_id}: ${r.body}`),
        sent: (await db.selectFrom('federation_activities').select('type').execute()).map((r) => r.type),
      };
    };

    it('takes what a server says about its own things (the control)', async () => {
      const answers = [
        await send(remote, { id: `${remote.base}/likes/1`, type: 'Like', actor: `${remote.base}/actor`, object: article }),
        await send(elsewhere, { id: `${elsewhere.base}/likes/1`, type: 'Like', actor: `${elsewhere.base}/actor`, object: article }),
        await send(elsewhere, { id: `${elsewhere.base}/notes/1/create`, type: 'Create', actor: `${elsewhere.base}/actor`, object: note(elsewhere, 1, '<p>Bravo.</p>') }),
        await send(remote, { id: `${remote.base}/follows/1`, type: 'Follow', actor: `${remote.base}/actor`, object: 'http://herald.test/ap/actors/fr' }),
      ];
      expect(answers.map((a) => a.statusCode)).toEqual([202, 202, 202, 202]);
      await inbox.settled();
      expect(await rows()).toEqual({
        inbox: [`${elsewhere.base}/likes/1`, `${elsewhere.base}/notes/1/create`, `${remote.base}/follows/1`, `${remote.base}/likes/1`].sort(),
        followers: [`${remote.base}/actor`],
        reactions: [`like ${elsewhere.base}/likes/1 by ${elsewhere.base}/actor`, `like ${remote.base}/likes/1 by ${remote.base}/actor`].sort(),
        comments: [`${elsewhere.base}/notes/1: Bravo.`],
        sent: ['Accept'],
      });
      await t().database.db.deleteFrom('federation_followers').execute();
      await t().database.db.deleteFrom('federation_activities').execute();
    });

    it('refuses a Follow, Like, Announce, Undo, Update and Delete about another server’s accounts or objects', async () => {
      const before = await rows();
      const mine = `${remote.base}/actor`;
      const theirs = `${elsewhere.base}/actor`;
      const attempts: Record<string, object> = {
        'Follow in the name of another server’s actor': { id: `${remote.base}/follows/2`, type: 'Follow', actor: theirs, object: 'http://herald.test/ap/actors/fr' },
        'Follow with another server’s activity id': { id: `${elsewhere.base}/follows/2`, type: 'Follow', actor: mine, object: 'http://herald.test/ap/actors/fr' },
        'Like in the name of another server’s actor': { id: `${remote.base}/likes/2`, type: 'Like', actor: theirs, object: article },
        'Like with another server’s activity id': { id: `${elsewhere.base}/likes/2`, type: 'Like', actor: mine, object: article },
        'Announce in the name of another server’s actor': { id: `${remote.base}/boosts/2`, type: 'Announce', actor: theirs, object: article },
        'Announce with another server’s activity id': { id: `${elsewhere.base}/boosts/2`, type: 'Announce', actor: mine, object: article },
        'Undo of another server’s Like': { id: `${remote.base}/undo/1`, type: 'Undo', actor: mine, object: `${elsewhere.base}/likes/1` },
        'Undo in the name of another server’s actor': { id: `${remote.base}/undo/2`, type: 'Undo', actor: theirs, object: `${elsewhere.base}/likes/1` },
        'Update of another server’s Note': { id: `${remote.base}/update/1`, type: 'Update', actor: mine, object: { ...note(elsewhere, 1, '<p>Réécrit.</p>'), attributedTo: mine } },
        'Update in the name of another server’s actor': { id: `${remote.base}/update/2`, type: 'Update', actor: theirs, object: note(elsewhere, 1, '<p>Réécrit.</p>') },
        'Delete of another server’s Note': { id: `${remote.base}/delete/1`, type: 'Delete', actor: mine, object: `${elsewhere.base}/notes/1` },
        'Delete in the name of another server’s actor': { id: `${remote.base}/delete/2`, type: 'Delete', actor: theirs, object: `${elsewhere.base}/notes/1` },
      };
      const answers: Record<string, number> = {};
      for (const [what, activity] of Object.entries(attempts)) answers[what] = (await send(remote, activity)).statusCode;
      // A signature that is not the named actor's is refused at once; the rest are accepted and then dropped.
      const expected = Object.fromEntries(Object.keys(attempts).map((what) => [what, what.includes('in the name of') ? 401 : 202]));
      expect(answers).toEqual(expected);
      await inbox.settled();
      expect(await rows()).toEqual(before);
    });
  },
  FEDERATION_TEST_ENV,
);
