/**
 * Replies from the fediverse as comments: a Herald server process, and a fediverse server
 * played by this test on loopback whose actors sign what they send. A reply to a story is held
 * in the moderation queue like a first comment from the site; approved, it shows on the story
 * page with the replier's handle and a link to their profile; its edit and deletion are
 * applied — only when they come from the actor who wrote it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../../support/engines.js';
import { inboxSettled, startPeer, stopPeer, until, type Peer } from '../../support/fediverse.js';
import { post, remoteServer, rsaKeys } from '../../support/remote-actor.js';

const AS = 'https://www.w3.org/ns/activitystreams';

for (const engine of ENGINES) {
  describe(`fediverse replies become comments [${engine}]`, { timeout: 120_000 }, () => {
    let herald: Peer;
    let keys: CryptoKeyPair;
    let remote: Awaited<ReturnType<typeof remoteServer>>;
    let elsewhere: Awaited<ReturnType<typeof remoteServer>>;
    let story: { id: number; url: string };
    let storyPage: string;
    beforeAll(async () => {
      keys = await rsaKeys();
      [remote, elsewhere, herald] = await Promise.all([remoteServer(keys.publicKey), remoteServer(keys.publicKey), startPeer(engine)]);
      const { authorization } = await herald.t.auth('editor');
      const created = await herald.t.app.inject({
        method: 'POST',
        url: '/api/admin/v1/articles',
        headers: { authorization },
        payload: { language: 'fr', title: 'Le tramway arrive', body: '<p>Texte.</p>', status: 'published' },
      });
      expect(created.statusCode).toBe(201);
      story = created.json();
      // The classifier out of the way (it is untrained here): what holds a reply is then the rules a test can name.
      const settings = await herald.t.app.inject({ method: 'PATCH', url: '/api/admin/v1/comments/settings', headers: { authorization: (await herald.t.auth('administrator')).authorization }, payload: { holdThreshold: 0.9, spamThreshold: 0.95 } });
      expect(settings.statusCode).toBe(200);
      storyPage = `${herald.url}${new URL(story.url).pathname}`;
    });
    afterAll(async () => {
      await stopPeer(herald);
      remote?.server.close();
      elsewhere?.server.close();
    });

    const inbox = () => `${herald.url}/ap/actors/fr/inbox`;
    const signedAs = (server: { base: string }, name = 'actor') => ({ id: `${server.base}/${name}#main-key`, privateKey: keys.privateKey });
    const note = (id: string, content: string, by = `${remote.base}/actor`) => ({
      id,
      type: 'Note',
      attributedTo: by,
      inReplyTo: `${herald.url}/ap/articles/${story.id}`,
      content,
      to: `${AS}#Public`,
    });
    const activity = (type: string, id: string, object: unknown, actor = `${remote.base}/actor`) => ({ '@context': AS, id, type, actor, object });
    const comment = (objectId: string) => herald.t.database.db.selectFrom('comments').selectAll().where('remote_object_id', '=', objectId).executeTakeFirst();
    const admin = async (method: string, path: string) => {
      const { authorization } = await herald.t.auth('editor');
      return fetch(`${herald.url}/api/admin/v1${path}`, { method, headers: { authorization } });
    };

    it('a reply is held in the moderation queue with the replier’s handle, no e-mail, however often it is delivered', async () => {
      const noteId = `${remote.base}/notes/1`;
      const create = activity('Create', `${remote.base}/notes/1/activity`, note(noteId, `<p><span class="h-card"><a href="${herald.url}/ap/actors/fr" class="u-url mention">@<span>fr</span></a></span> Enfin&nbsp;! Et le <b>bus</b> ?</p>`));
      expect((await post(inbox(), create, signedAs(remote))).status).toBe(202);
      expect((await post(inbox(), create, signedAs(remote))).status).toBe(202);
      const row = await until(() => comment(noteId), 'the comment');
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await herald.t.database.db.selectFrom('comments').select('id').execute()).toHaveLength(1);
      expect(row).toMatchObject({
        article_id: story.id,
        status: 'pending',
        author_name: 'Tess Tester',
        author_email: '',
        author_url: `${remote.base}/@actor`,
        author_handle: `@tester@${new URL(remote.base).host}`,
        remote_actor: `${remote.base}/actor`,
        body: 'Enfin\u00a0! Et le bus ?',
      });
      // Held as a site reader's first comment would be: the replier's actor never had one published.
      expect(JSON.parse(row.reasons)).toContain('first comment from this address');
      const queue = await (await admin('GET', '/comments?status=pending')).json();
      expect(queue.items.map((c: { id: number; author: { handle: string } }) => [c.id, c.author.handle])).toEqual([[row.id, `@tester@${new URL(remote.base).host}`]]);
      // Held: not on the story page yet.
      expect(await (await fetch(storyPage)).text()).not.toContain('Tess Tester');
    });

    it('approved, it shows on the story page with the handle and a link to the replier’s profile', async () => {
      const row = (await comment(`${remote.base}/notes/1`))!;
      expect((await admin('POST', `/comments/${row.id}/approve`)).status).toBe(200);
      const page = await (await fetch(storyPage)).text();
      expect(page).toContain(`href="${remote.base}/@actor"`);
      expect(page).toContain(`@tester@${new URL(remote.base).host}`);
      expect(page).toContain('Enfin');
    });

    it('the newsroom’s answer goes to the replier’s inbox as a Note, and their reply to it joins the thread under it', async () => {
      const row = (await comment(`${remote.base}/notes/1`))!;
      const { authorization } = await herald.t.auth('editor');
      const answer = await fetch(`${herald.url}/api/admin/v1/comments/${row.id}/reply`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify({ body: 'Le bus reste.' }) });
      expect(answer.status).toBe(201);
      const { id } = await answer.json();
      const noteId = `${herald.url}/ap/comments/${id}`;
      const sent = await until(() => Promise.resolve(remote.received.find((r) => r.path === '/inbox' && JSON.parse(r.body).object?.id === noteId)), 'the answer at the replier’s inbox');
      expect(JSON.parse(sent.body)).toMatchObject({ type: 'Create', actor: `${herald.url}/ap/actors/fr`, object: { type: 'Note', inReplyTo: `${remote.base}/notes/1` } });
      const thanks = activity('Create', `${remote.base}/notes/5/activity`, { ...note(`${remote.base}/notes/5`, '<p>Merci !</p>'), inReplyTo: noteId });
      expect((await post(inbox(), thanks, signedAs(remote))).status).toBe(202);
      expect(await until(() => comment(`${remote.base}/notes/5`), 'the reply to the answer')).toMatchObject({ article_id: story.id, parent_id: id, body: 'Merci !' });
      // Taken back, so that what follows sees only the first reply.
      expect((await post(inbox(), activity('Delete', `${remote.base}/notes/5/delete`, `${remote.base}/notes/5`), signedAs(remote))).status).toBe(202);
      await until(async () => (await comment(`${remote.base}/notes/5`)) === undefined, 'the reply to go');
    });

    it('a Note of another origin, or attributed to someone else, becomes no comment', async () => {
      const before = await herald.t.database.db.selectFrom('comments').select('id').execute();
      const foreign = activity('Create', `${remote.base}/notes/2/activity`, note(`${elsewhere.base}/notes/2`, '<p>Pas à moi.</p>'));
      const impostor = activity('Create', `${remote.base}/notes/3/activity`, note(`${remote.base}/notes/3`, '<p>Au nom d’un autre.</p>', `${remote.base}/other`));
      expect((await post(inbox(), foreign, signedAs(remote))).status).toBe(202);
      expect((await post(inbox(), impostor, signedAs(remote))).status).toBe(202);
      await inboxSettled(herald.t.database.db);
      expect(await herald.t.database.db.selectFrom('comments').select('id').execute()).toEqual(before);
      // The Note of another origin is not even recorded: its sender does not speak for it.
      expect((await herald.t.database.db.selectFrom('federation_inbox').select('activity_id').where('activity_id', 'in', [foreign.id, impostor.id]).execute()).map((r) => r.activity_id)).toEqual([impostor.id]);
    });

    it('an edit by anyone but the author is refused; the author’s edit is applied and checked again', async () => {
      const noteId = `${remote.base}/notes/1`;
      const byOther = activity('Update', `${remote.base}/notes/1/update-other`, note(noteId, '<p>Réécrit par un autre.</p>', `${remote.base}/other`), `${remote.base}/other`);
      expect((await post(inbox(), byOther, signedAs(remote, 'other'))).status).toBe(202);
      const fromElsewhere = activity('Update', `${elsewhere.base}/update`, note(noteId, '<p>Réécrit ailleurs.</p>', `${elsewhere.base}/actor`), `${elsewhere.base}/actor`);
      expect((await post(inbox(), fromElsewhere, signedAs(elsewhere))).status).toBe(202);
      await inboxSettled(herald.t.database.db);
      expect((await comment(noteId))!.body).toBe('Enfin\u00a0! Et le bus ?');

      const byAuthor = activity('Update', `${remote.base}/notes/1/update`, note(noteId, '<p>Enfin ! Et le bus, il reste ?</p>'));
      expect((await post(inbox(), byAuthor, signedAs(remote))).status).toBe(202);
      const edited = await until(async () => {
        const row = await comment(noteId);
        return row?.body === 'Enfin ! Et le bus, il reste ?' ? row : null;
      }, 'the edit');
      // Checked again: this author now has a published comment, so it stays published.
      expect(edited.status).toBe('approved');
      expect(edited.updated_at > edited.created_at).toBe(true);
      expect(await (await fetch(storyPage)).text()).toContain('il reste ?');

      // An edit into a word the moderators block is held, as that text from the site would be.
      const { authorization } = await herald.t.auth('administrator');
      expect((await herald.t.app.inject({ method: 'POST', url: '/api/admin/v1/comments/blocks', headers: { authorization }, payload: { kind: 'word', value: 'casino' } })).statusCode).toBe(201);
      const intoSpam = activity('Update', `${remote.base}/notes/1/update-2`, note(noteId, '<p>Le meilleur casino en ligne.</p>'));
      expect((await post(inbox(), intoSpam, signedAs(remote))).status).toBe(202);
      const held = await until(async () => {
        const row = await comment(noteId);
        return row?.body === 'Le meilleur casino en ligne.' ? row : null;
      }, 'the second edit');
      expect(held.status).not.toBe('approved');
      expect(JSON.parse(held.reasons).join(' ')).toMatch(/casino/);
      expect(await (await fetch(storyPage)).text()).not.toContain('casino');
    });

    it('a deletion by anyone but the author is refused; the author’s removes the comment', async () => {
      const noteId = `${remote.base}/notes/1`;
      const byOther = activity('Delete', `${remote.base}/notes/1/delete-other`, noteId, `${remote.base}/other`);
      expect((await post(inbox(), byOther, signedAs(remote, 'other'))).status).toBe(202);
      await until(async () => (await herald.t.database.db.selectFrom('federation_inbox').select('id').where('activity_id', '=', byOther.id).execute()).length === 1, 'handled');
      expect(await comment(noteId)).toBeDefined();
      const byAuthor = activity('Delete', `${remote.base}/notes/1/delete`, { type: 'Tombstone', id: noteId });
      expect((await post(inbox(), byAuthor, signedAs(remote))).status).toBe(202);
      await until(async () => (await comment(noteId)) === undefined, 'the comment to go');
      expect(await (await fetch(storyPage)).text()).not.toContain('Tess Tester');
    });

    it('once the replier’s instance is blocked, its replies are dropped and nothing is kept of them', async () => {
      const { authorization } = await herald.t.auth('editor');
      const blocked = await herald.t.app.inject({ method: 'POST', url: '/api/admin/v1/fediverse/blocks', headers: { authorization }, payload: { instance: remote.base } });
      expect(blocked.statusCode).toBe(201);
      const create = activity('Create', `${remote.base}/notes/4/activity`, note(`${remote.base}/notes/4`, '<p>Encore moi.</p>'));
      expect((await post(inbox(), create, signedAs(remote))).status).toBe(202);
      // Ten rounds of the inbox queue.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      expect(await comment(`${remote.base}/notes/4`)).toBeUndefined();
      expect(await herald.t.database.db.selectFrom('federation_inbox').select('id').where('activity_id', '=', create.id).execute()).toEqual([]);
    });
  });
}
