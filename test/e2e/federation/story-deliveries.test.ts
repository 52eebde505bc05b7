/**
 * A story's delivery status in the Admin API: per language edition that sent a version of it,
 * the deliveries queued, delivered, failing (to be retried) and given up, and which server failed
 * last — against follower inboxes played by this test on loopback. Editors and administrators
 * see any story's, an author their own, a contributor none.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fanOutDue, type DeliveryWorker } from '../../../src/federation/delivery.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp } from '../../support/app.js';
import { deliveryWorker, FEDERATION_TEST_ENV, until } from '../../support/fediverse.js';
import { remoteServer, rsaKeys } from '../../support/remote-actor.js';

describeEachEngineApp(
  'a story’s fediverse deliveries',
  (t) => {
    let good: Awaited<ReturnType<typeof remoteServer>>;
    let bad: Awaited<ReturnType<typeof remoteServer>>;
    let worker: DeliveryWorker | undefined;
    let story: { id: number };
    let translation: { id: number };
    beforeAll(async () => {
      const { publicKey } = await rsaKeys();
      [good, bad] = await Promise.all([remoteServer(publicKey), remoteServer(publicKey, { '/failing-inbox': [500], '/gone-inbox': [410] })]);
      const { db } = t().database;
      await updateSettings(db, { federation: true });
      const now = new Date().toISOString();
      const follower = (actor: string, name: string, inbox: string) => ({ actor, follower_uri: `${inbox}/users/${name}`, handle: `@${name}@remote`, inbox, shared_inbox: null, follow_id: `${inbox}/follows/${name}`, created_at: now });
      await db
        .insertInto('federation_followers')
        .values([follower('fr', 'ok', `${good.base}/inbox`), follower('fr', 'failing', `${bad.base}/failing-inbox`), follower('fr', 'gone', `${bad.base}/gone-inbox`), follower('en', 'ok', `${good.base}/inbox`)])
        .execute();
      const author = await t().auth('author');
      story = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization: author.authorization }, payload: { language: 'fr', title: 'Le pont', status: 'published' } })).json();
      const editor = await t().auth('editor');
      translation = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization: editor.authorization }, payload: { language: 'en', title: 'The bridge', status: 'published', translationOf: story.id } })).json();
      expect(translation.id).toBeGreaterThan(0);
    });
    afterAll(async () => {
      await worker?.stop();
      good?.server.close();
      bad?.server.close();
    });

    const deliveries = async (role: 'administrator' | 'editor' | 'author' | 'contributor', id = story.id) => {
      const { authorization } = await t().auth(role);
      return t().app.inject({ url: `/api/admin/v1/articles/${id}/fediverse/deliveries`, headers: { authorization } });
    };

    it('counts what is queued, per edition, before anything is sent', async () => {
      await fanOutDue(t().app.fediverse.federation, t().app.fediverse.data);
      const response = await deliveries('editor');
      expect(response.statusCode).toBe(200);
      expect(response.json().items).toEqual([
        { language: 'en', queued: 1, delivered: 0, retrying: 0, givenUp: 0, lastError: null },
        { language: 'fr', queued: 3, delivered: 0, retrying: 0, givenUp: 0, lastError: null },
      ]);
      // The translation's page shows the same story.
      expect((await deliveries('editor', translation.id)).json()).toEqual(response.json());
    });

    it('then what arrived, what fails and is retried, what was given up, and the server that failed last', async () => {
      worker = deliveryWorker(t());
      const settledFor = async () => {
        const items = (await deliveries('administrator')).json().items as Array<{ language: string; queued: number; delivered: number; retrying: number; givenUp: number; lastError: { host: string; message: string; at: string } | null }>;
        const fr = items.find((i) => i.language === 'fr');
        return fr && fr.delivered === 1 && fr.retrying === 1 && fr.givenUp === 1 && items.find((i) => i.language === 'en')?.delivered === 1 ? items : null;
      };
      const items = await until(settledFor, 'the deliveries to settle');
      const fr = items.find((i) => i.language === 'fr')!;
      expect(fr).toMatchObject({ queued: 0, lastError: { host: new URL(bad.base).host } });
      expect(fr.lastError!.message).toMatch(/^HTTP (500|410)$/);
      expect(Number.isNaN(Date.parse(fr.lastError!.at))).toBe(false);
      expect(items.find((i) => i.language === 'en')).toEqual({ language: 'en', queued: 0, delivered: 1, retrying: 0, givenUp: 0, lastError: null });
    });

    it('an author sees their own story’s, not another’s; a contributor none; a missing story is 404', async () => {
      expect((await deliveries('author')).statusCode).toBe(200);
      const { authorization } = await t().auth('editor');
      const other = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Autre', status: 'published' } })).json();
      expect((await deliveries('author', other.id)).statusCode).toBe(403);
      expect((await deliveries('editor', other.id)).statusCode).toBe(200);
      expect((await deliveries('contributor')).statusCode).toBe(403);
      expect((await deliveries('contributor', other.id)).statusCode).toBe(403);
      expect((await deliveries('editor', 999999)).statusCode).toBe(404);
    });
  },
  FEDERATION_TEST_ENV,
);
