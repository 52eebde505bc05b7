/**
 * Likes and boosts of a story from the fediverse: a Herald server process, and a fediverse
 * server played by this test on loopback whose two accounts sign what they send. Each account's
 * like and boost counts once; an Undo takes it back, only from the account that gave it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/engines.js';
import { inboxSettled, startPeer, stopPeer, type Peer } from '../../support/fediverse.js';
import { post, remoteServer, rsaKeys } from '../../support/remote-actor.js';

const AS = 'https://www.w3.org/ns/activitystreams';

for (const engine of ENGINES) {
  describe(`fediverse likes and boosts [${engine}]`, { timeout: 120_000 }, () => {
    let herald: Peer;
    let keys: CryptoKeyPair;
    let remote: Awaited<ReturnType<typeof remoteServer>>;
    let story: { id: number };
    beforeAll(async () => {
      keys = await rsaKeys();
      [remote, herald] = await Promise.all([remoteServer(keys.publicKey), startPeer(engine)]);
      const { authorization } = await herald.t.auth('editor');
      const created = await herald.t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Le marché rouvre', body: '<p>Texte.</p>', status: 'published' } });
      expect(created.statusCode).toBe(201);
      story = created.json();
    });
    afterAll(async () => {
      await stopPeer(herald);
      remote?.server.close();
    });

    const send = async (type: string, id: string, object: unknown, as = 'actor') => {
      const activity = { '@context': AS, id, type, actor: `${remote.base}/${as}`, object };
      expect((await post(`${herald.url}/ap/inbox`, activity, { id: `${remote.base}/${as}#main-key`, privateKey: keys.privateKey })).status).toBe(202);
      await inboxSettled(herald.t.database.db);
    };
    const counts = async (role: 'editor' | 'contributor' = 'editor') => {
      const { authorization } = await herald.t.auth(role);
      const response = await herald.t.app.inject({ url: `/api/admin/v1/articles/${story.id}/fediverse`, headers: { authorization } });
      expect(response.statusCode).toBe(200);
      return response.json();
    };

    it('counts each account’s like and boost once, however often they arrive, and nothing for what is not a story of ours', async () => {
      const article = `${herald.url}/ap/articles/${story.id}`;
      expect(await counts()).toEqual({ likes: 0, boosts: 0 });
      await send('Like', `${remote.base}/likes/1`, article);
      await send('Like', `${remote.base}/likes/1b`, article); // the same account again, another id
      await send('Like', `${remote.base}/likes/2`, article, 'other');
      await send('Announce', `${remote.base}/boosts/1`, article);
      await send('Like', `${remote.base}/likes/3`, `${remote.base}/notes/9`);
      await send('Like', `${remote.base}/likes/4`, `${herald.url}/ap/articles/999999`);
      expect(await counts()).toEqual({ likes: 2, boosts: 1 });
      // A Like of another server's Note is none of this site's business: not even recorded.
      expect(await herald.t.database.db.selectFrom('federation_inbox').select('id').where('activity_id', '=', `${remote.base}/likes/3`).execute()).toEqual([]);
      // Every role that opens the story sees them.
      expect(await counts('contributor')).toEqual({ likes: 2, boosts: 1 });
    });

    it('an Undo takes a like or a boost back, only from the account that gave it', async () => {
      const like = { id: `${remote.base}/likes/1`, type: 'Like', actor: `${remote.base}/actor`, object: `${herald.url}/ap/articles/${story.id}` };
      await send('Undo', `${remote.base}/undo/by-other`, like, 'other');
      expect(await counts()).toEqual({ likes: 2, boosts: 1 });
      await send('Undo', `${remote.base}/undo/1`, like);
      await send('Undo', `${remote.base}/undo/2`, { id: `${remote.base}/boosts/1`, type: 'Announce', actor: `${remote.base}/actor`, object: `${herald.url}/ap/articles/${story.id}` });
      expect(await counts()).toEqual({ likes: 1, boosts: 0 });
    });

    it('answers 404 for a story that does not exist', async () => {
      const { authorization } = await herald.t.auth('editor');
      expect((await herald.t.app.inject({ url: '/api/admin/v1/articles/999999/fediverse', headers: { authorization } })).statusCode).toBe(404);
    });
  });
}
