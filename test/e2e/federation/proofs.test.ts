/**
 * Object integrity proofs: each edition has an Ed25519 key beside its RSA one (the RSA key stays
 * its `publicKey`, for Mastodon's HTTP Signatures), and what it sends carries a proof made with
 * it, which Fedify's own check accepts against the edition's published key — and refuses once
 * the activity is changed. A follower's inbox is played by this test on loopback.
 */
import { verifyObject } from '@fedify/fedify';
import { Create } from '@fedify/vocab';
import { preloadedContexts, type DocumentLoader } from '@fedify/vocab-runtime';
import { expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { federatingWithLoopbackServer, FEDERATION_TEST_ENV, until } from '../../support/fediverse.js';

const EDITION = `${TEST_BASE_URL}/ap/actors/fr`;

describeEachEngineApp(
  'object integrity proofs on what the editions send',
  (t) => {
    const loopback = federatingWithLoopbackServer(t);

    // The edition's documents as a remote server fetches them, answered by the app in this process.
    const loader: DocumentLoader = async (url) => {
      if (Object.hasOwn(preloadedContexts, url)) return { contextUrl: null, document: preloadedContexts[url], documentUrl: url };
      const response = await t().app.inject({ url: new URL(url).pathname, headers: { accept: 'application/activity+json' } });
      if (response.statusCode !== 200) throw new Error(`${url} answered ${response.statusCode}`);
      return { contextUrl: null, document: response.json(), documentUrl: url };
    };

    it('publishes an Ed25519 key as an assertion method, the RSA key staying the public key', async () => {
      const actor = (await loader(EDITION)).document as { publicKey: { id: string; publicKeyPem: string }; assertionMethod: Array<{ id: string; type: string; publicKeyMultibase: string }> };
      expect(actor.publicKey.id).toBe(`${EDITION}#main-key`);
      expect(actor.publicKey.publicKeyPem).toContain('BEGIN PUBLIC KEY');
      expect(actor.assertionMethod.map((k) => [k.id, k.type])).toEqual([
        [`${EDITION}#multikey-1`, 'Multikey'],
        [`${EDITION}#multikey-2`, 'Multikey'],
      ]);
      // An Ed25519 public key in multibase starts z6Mk.
      expect(actor.assertionMethod[1].publicKeyMultibase).toMatch(/^z6Mk/);
    });

    it('a published story reaches the follower with a proof that checks out, and fails once changed', async () => {
      await t()
        .database.db.insertInto('federation_followers')
        .values({ actor: 'fr', follower_uri: `${loopback().base}/actor`, handle: '@tester@remote', inbox: `${loopback().base}/inbox`, shared_inbox: null, follow_id: `${loopback().base}/follows/1`, created_at: new Date().toISOString() })
        .execute();
      const { authorization } = await t().auth('editor');
      const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Le phare rallumé', body: '<p>Texte.</p>', status: 'published' } });
      expect(created.statusCode).toBe(201);
      const received = await until(() => Promise.resolve(loopback().received.find((r) => r.path === '/inbox')), 'the story at the follower');
      const body = JSON.parse(received.body);
      expect(body).toMatchObject({ type: 'Create', actor: EDITION, object: { type: 'Article', name: 'Le phare rallumé' } });
      expect(body.proof).toMatchObject({ type: 'DataIntegrityProof', cryptosuite: 'eddsa-jcs-2022', proofPurpose: 'assertionMethod', verificationMethod: `${EDITION}#multikey-2` });
      // Still signed over HTTP with the RSA key, as Mastodon checks.
      expect(received.headers.signature).toContain(`keyId="${EDITION}#main-key"`);

      const verified = await verifyObject(Create, body, { documentLoader: loader, contextLoader: loader });
      expect(verified?.id?.href).toBe(body.id);
      const changed = { ...body, object: { ...body.object, name: 'Un autre titre' } };
      expect(await verifyObject(Create, changed, { documentLoader: loader, contextLoader: loader })).toBeNull();
    });
  },
  FEDERATION_TEST_ENV,
);
