/**
 * Two real Herald servers, each `herald serve` in its own process with its own database, on
 * loopback (HERALD_FEDERATION_ALLOW_PRIVATE_ADDRESS on, as only a test may): the second
 * server's English edition follows the first's French edition, receives its stories, and
 * after unfollowing receives nothing more. Every request between them is signed and checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runHerald } from '../../support/cli.js';
import { ENGINES } from '../../support/engines.js';
import { FEDERATION_TEST_ENV, startPeer, stopPeer, until, type Peer } from '../../support/fediverse.js';

async function story(peer: Peer, values: Record<string, unknown>): Promise<{ id: number; version: number }> {
  const { authorization } = await peer.t.auth('editor');
  const response = await peer.t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { status: 'published', body: '<p>Texte.</p>', ...values } });
  expect(response.statusCode).toBe(201);
  return response.json();
}

function received(peer: Peer, type: string, objectId: string) {
  return peer.t.database.db.selectFrom('federation_inbox').selectAll().where('type', '=', type).where('object_id', '=', objectId).execute();
}

for (const engine of ENGINES) {
  describe(`two Herald servers on the fediverse [${engine}]`, { timeout: 120_000 }, () => {
    let first: Peer;
    let second: Peer;
    beforeAll(async () => {
      [first, second] = await Promise.all([startPeer(engine), startPeer(engine)]);
    });
    afterAll(async () => {
      await Promise.all([stopPeer(first), stopPeer(second)]);
    });

    const cli = (peer: Peer, args: string[]) => runHerald(peer.t.store, args, undefined, { ...FEDERATION_TEST_ENV, HERALD_BASE_URL: peer.url });

    it('the second follows the first’s French edition: the first keeps the follower and its Accept arrives', async () => {
      const result = await cli(second, ['fediverse', 'follow', `${first.url}/ap/actors/fr`, '--as', 'en']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const follower = await until(
        () => first.t.database.db.selectFrom('federation_followers').selectAll().where('actor', '=', 'fr').executeTakeFirst(),
        'the follower on the first server',
      );
      expect(follower).toMatchObject({ follower_uri: `${second.url}/ap/actors/en`, inbox: `${second.url}/ap/actors/en/inbox`, shared_inbox: `${second.url}/ap/inbox` });
      const accept = await until(async () => (await second.t.database.db.selectFrom('federation_inbox').selectAll().where('type', '=', 'Accept').execute())[0], 'the Accept');
      expect(accept.actor_uri).toBe(`${first.url}/ap/actors/fr`);
      // The followers collection counts it.
      const collection = await fetch(`${first.url}/ap/actors/fr/followers`, { headers: { accept: 'application/activity+json' } }).then((r) => r.json());
      expect(collection.totalItems).toBe(1);
    });

    it('a French story published on the first arrives in the second’s inbox as an Article; an English one goes nowhere', async () => {
      const french = await story(first, { language: 'fr', title: 'Le port rouvre', standfirst: 'Après trois mois de travaux.', tags: ['port'] });
      const english = await story(first, { language: 'en', title: 'The harbour reopens' });
      const objectId = `${first.url}/ap/articles/${french.id}`;
      const [create] = await until(async () => {
        const rows = await received(second, 'Create', objectId);
        return rows.length ? rows : null;
      }, 'the Create on the second server');
      expect(create.actor_uri).toBe(`${first.url}/ap/actors/fr`);
      const activity = JSON.parse(create.payload);
      expect(activity.object).toMatchObject({ type: 'Article', id: objectId, name: 'Le port rouvre', summary: 'Après trois mois de travaux.', contentMap: { fr: '<p>Texte.</p>' } });
      // The English edition has no follower: nothing was even queued for that story.
      const queuedForEnglish = await first.t.database.db.selectFrom('federation_activities').select('id').where('article_id', '=', english.id).execute();
      expect(queuedForEnglish).toEqual([]);
      const deliveries = await first.t.database.db.selectFrom('federation_deliveries').select(['inbox', 'status']).execute();
      expect(deliveries.filter((d) => d.inbox === `${second.url}/ap/inbox`).map((d) => d.status)).toContain('delivered');
    });

    it('an edit arrives as an Update, moving the story to the trash as a Delete', async () => {
      const { authorization } = await first.t.auth('editor');
      const created = await story(first, { language: 'fr', title: 'Premier titre' });
      const objectId = `${first.url}/ap/articles/${created.id}`;
      await until(async () => (await received(second, 'Create', objectId)).length > 0, 'the Create');
      const edited = await first.t.app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${created.id}`, headers: { authorization }, payload: { title: 'Titre corrigé', version: created.version } });
      expect(edited.statusCode).toBe(200);
      const [update] = await until(async () => {
        const rows = await received(second, 'Update', objectId);
        return rows.length ? rows : null;
      }, 'the Update');
      expect(JSON.parse(update.payload).object.name).toBe('Titre corrigé');
      const trashed = await first.t.app.inject({ method: 'DELETE', url: `/api/admin/v1/articles/${created.id}`, headers: { authorization } });
      expect(trashed.statusCode).toBe(200);
      const [deletion] = await until(async () => {
        const rows = await received(second, 'Delete', objectId);
        return rows.length ? rows : null;
      }, 'the Delete');
      expect(JSON.parse(deletion.payload).object).toMatchObject({ type: 'Tombstone', id: objectId });
    });

    it('after unfollowing, the first forgets the follower and sends nothing more', async () => {
      const result = await cli(second, ['fediverse', 'unfollow', `${first.url}/ap/actors/fr`, '--as', 'en']);
      expect(result.code).toBe(0);
      await until(async () => (await first.t.database.db.selectFrom('federation_followers').select('id').execute()).length === 0, 'the follower to go');
      const later = await story(first, { language: 'fr', title: 'Plus personne ne suit' });
      // Two seconds: twenty rounds of the delivery worker.
      await new Promise((resolve) => setTimeout(resolve, 2000));
      expect(await first.t.database.db.selectFrom('federation_activities').select('id').where('article_id', '=', later.id).execute()).toEqual([]);
      expect(await received(second, 'Create', `${first.url}/ap/articles/${later.id}`)).toEqual([]);
    });
  });
}
