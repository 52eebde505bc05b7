/**
 * A comment published on the site that answers a reply from the fediverse goes back to the
 * replier as a Note, to the inbox of a fediverse server played by this test on loopback (found
 * by fetching the replier's actor); its edit and deletion follow. Nothing goes for a comment
 * still held, nor for one answering a site reader.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { submitComment } from '../../../src/comments/comments.service.js';
import type { DeliveryWorker } from '../../../src/federation/delivery.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { deliveryWorker, FEDERATION_TEST_ENV, until } from '../../support/fediverse.js';
import { remoteServer, rsaKeys } from '../../support/remote-actor.js';

const FROM_SITE = { ip: '203.0.113.7', userAgent: 'Mozilla/5.0' };

describeEachEngineApp(
  'site comments answering fediverse replies',
  (t) => {
    let remote: Awaited<ReturnType<typeof remoteServer>>;
    let worker: DeliveryWorker;
    let story: { id: number; url: string };
    let fediverseReply: number;
    beforeAll(async () => {
      remote = await remoteServer((await rsaKeys()).publicKey);
      const { database } = t();
      await updateSettings(database.db, { federation: true });
      const { authorization } = await t().auth('editor');
      story = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Le tramway arrive', body: '<p>Texte.</p>', status: 'published' } })).json();
      // A reply from the fediverse, as the inbox takes one in (replies.inbound.ts), approved.
      const taken = await submitComment(
        database,
        { articleId: story.id, name: 'Tess Tester', email: '', url: `${remote.base}/@actor`, body: 'Et le bus ?', remote: { objectId: `${remote.base}/notes/1`, actorUri: `${remote.base}/actor`, handle: `@tester@${new URL(remote.base).host}` } },
        { ip: null, userAgent: 'ActivityPub' },
      );
      fediverseReply = taken.id;
      expect((await moderate('POST', `/comments/${fediverseReply}/approve`)).statusCode).toBe(200);
      worker = deliveryWorker(t());
    });
    afterAll(async () => {
      await worker?.stop();
      remote?.server.close();
    });

    const moderate = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const { authorization } = await t().auth('editor');
      return t().app.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization }, ...(payload ? { payload } : {}) });
    };
    const activitiesOf = (commentId: number) => t().database.db.selectFrom('federation_activities').select(['type', 'status']).where('comment_id', '=', commentId).orderBy('id').execute();
    const inboxBodies = () => remote.received.filter((r) => r.path === '/inbox').map((r) => JSON.parse(r.body));
    const settled = () => until(async () => (await t().database.db.selectFrom('federation_activities').select('status').execute()).every((a) => a.status === 'fanned') && (await t().database.db.selectFrom('federation_deliveries').select('status').execute()).every((d) => d.status === 'delivered'), 'the deliveries to settle');

    it('a newsroom reply to a fediverse reply is sent to the replier as a Note in reply to theirs, with a Mention of them', async () => {
      const answer = await moderate('POST', `/comments/${fediverseReply}/reply`, { body: 'Le bus reste.\n\nVoir https://example.org/lignes' });
      expect(answer.statusCode).toBe(201);
      const { id } = answer.json();
      const [create] = await until(() => Promise.resolve(inboxBodies().length ? inboxBodies() : null), 'the reply at the replier’s inbox');
      const edition = `${TEST_BASE_URL}/ap/actors/fr`;
      const handle = `@tester@${new URL(remote.base).host}`;
      expect(create).toMatchObject({
        id: `${TEST_BASE_URL}/ap/comments/${id}#create`,
        type: 'Create',
        actor: edition,
        to: `${remote.base}/actor`,
        object: {
          id: `${TEST_BASE_URL}/ap/comments/${id}`,
          type: 'Note',
          attributedTo: edition,
          inReplyTo: `${remote.base}/notes/1`,
          to: `${remote.base}/actor`,
          cc: ['as:Public', `${edition}/followers`],
          tag: { type: 'Mention', href: `${remote.base}/actor`, name: handle },
          url: `${story.url}?ref=fediverse#comment-${id}`,
        },
      });
      const content: string = create.object.content;
      expect(create.object.contentMap).toEqual({ fr: content });
      // The mention first, as Mastodon writes one; the comment's paragraphs and link; who wrote it.
      expect(content).toBe(
        `<p><span class="h-card" translate="no"><a href="${remote.base}/@actor" class="u-url mention">@<span>tester</span></a></span></p>` +
          '<p>Le bus reste.</p><p>Voir <a href="https://example.org/lignes" rel="nofollow ugc">https://example.org/lignes</a></p><p>— Test editor</p>',
      );
      // Its address answers the same Note to the fediverse.
      const note = await t().app.inject({ url: `/ap/comments/${id}`, headers: { accept: 'application/activity+json' } });
      expect(note.statusCode).toBe(200);
      expect(note.json()).toMatchObject({ type: 'Note', inReplyTo: `${remote.base}/notes/1`, content });
      // A browser opening it is sent to the comment on the story's page.
      const browser = await t().app.inject({ url: `/ap/comments/${id}`, headers: { accept: 'text/html' } });
      expect(browser.statusCode).toBe(303);
      expect(browser.headers.location).toBe(`${story.url}?ref=fediverse#comment-${id}`);
    });

    it('a reader’s reply is sent once it is approved, never while held, and once however often it is published', async () => {
      const held = await submitComment(t().database, { articleId: story.id, parentId: fediverseReply, name: 'Lina <Lecture>', email: 'lina@example.org', body: 'Moi aussi.' }, FROM_SITE);
      expect(held.status).toBe('pending');
      expect(await activitiesOf(held.id)).toEqual([]);
      expect((await moderate('POST', `/comments/${held.id}/approve`)).statusCode).toBe(200);
      expect((await moderate('POST', `/comments/${held.id}/approve`)).statusCode).toBe(200);
      await settled();
      const sent = inboxBodies().filter((a) => a.object?.id === `${TEST_BASE_URL}/ap/comments/${held.id}`);
      expect(sent.map((a) => a.type)).toEqual(['Create']);
      // The reader's name, escaped.
      expect(sent[0].object.content).toContain('<p>— Lina &lt;Lecture&gt;</p>');
    });

    it('an edit sends an Update, a removal a Delete; published again, it is not sent a second time', async () => {
      const { id } = (await moderate('POST', `/comments/${fediverseReply}/reply`, { body: 'Première version.' })).json();
      await settled();
      expect((await moderate('PATCH', `/comments/${id}`, { body: 'Version corrigée.' })).statusCode).toBe(200);
      await settled();
      expect((await moderate('POST', `/comments/${id}/trash`)).statusCode).toBe(200);
      await settled();
      expect((await moderate('POST', `/comments/${id}/restore`)).statusCode).toBe(200);
      expect((await moderate('POST', `/comments/${id}/approve`)).statusCode).toBe(200);
      expect((await moderate('DELETE', `/comments/${id}`)).statusCode).toBe(204);
      await settled();
      const noteId = `${TEST_BASE_URL}/ap/comments/${id}`;
      const sent = inboxBodies().filter((a) => a.object === noteId || a.object?.id === noteId);
      expect(sent.map((a) => a.type)).toEqual(['Create', 'Update', 'Delete']);
      expect(sent[1].object.content).toContain('Version corrigée.');
      expect(sent[2]).toMatchObject({ id: `${noteId}#delete`, to: `${remote.base}/actor`, object: { type: 'Tombstone', id: noteId } });
      expect((await t().app.inject({ url: `/ap/comments/${id}`, headers: { accept: 'application/activity+json' } })).statusCode).not.toBe(200);
    });

    it('a replier whose actor cannot be fetched is looked up again later; nothing is delivered meanwhile', async () => {
      const { database } = t();
      const lost = await submitComment(
        database,
        { articleId: story.id, name: 'Gone', email: '', url: null, body: 'Bonjour.', remote: { objectId: `${remote.base}/notes/2`, actorUri: `${remote.base}/missing`, handle: '@gone@remote' } },
        { ip: null, userAgent: 'ActivityPub' },
      );
      expect((await moderate('POST', `/comments/${lost.id}/approve`)).statusCode).toBe(200);
      const { id } = (await moderate('POST', `/comments/${lost.id}/reply`, { body: 'Bonjour à vous.' })).json();
      const activity = await until(async () => {
        const row = await database.db.selectFrom('federation_activities').selectAll().where('comment_id', '=', id).executeTakeFirst();
        return row && row.attempts >= 1 ? row : null;
      }, 'a failed lookup');
      expect(activity.status).toBe('pending');
      // Not before the backoff: the first retry waits at least the base delay after the claim.
      expect(Date.parse(activity.locked_until!) - Date.parse(activity.created_at)).toBeGreaterThanOrEqual(300);
      expect(await database.db.selectFrom('federation_deliveries').select('id').where('activity_id', '=', activity.id).execute()).toEqual([]);
      // Out of the way of the next test's deliveries.
      await database.db.deleteFrom('federation_activities').where('id', '=', activity.id).execute();
    });

    it('nothing goes for a comment answering a site reader, nor for a top-level comment', async () => {
      const { authorization } = await t().auth('editor');
      const reader = await submitComment(t().database, { articleId: story.id, name: 'Paul', email: 'paul@example.org', body: 'Bonne nouvelle.' }, FROM_SITE);
      expect((await moderate('POST', `/comments/${reader.id}/approve`)).statusCode).toBe(200);
      const answer = await t().app.inject({ method: 'POST', url: `/api/admin/v1/comments/${reader.id}/reply`, headers: { authorization }, payload: { body: 'Merci Paul.' } });
      expect(answer.statusCode).toBe(201);
      expect(await activitiesOf(reader.id)).toEqual([]);
      expect(await activitiesOf(answer.json().id)).toEqual([]);
    });

    it('nothing goes to a replier whose instance was blocked since', async () => {
      const { authorization } = await t().auth('editor');
      expect((await t().app.inject({ method: 'POST', url: '/api/admin/v1/fediverse/blocks', headers: { authorization }, payload: { instance: remote.base } })).statusCode).toBe(201);
      const answer = await moderate('POST', `/comments/${fediverseReply}/reply`, { body: 'Encore une réponse.' });
      expect(answer.statusCode).toBe(201);
      expect(await activitiesOf(answer.json().id)).toEqual([]);
    });
  },
  FEDERATION_TEST_ENV,
);
