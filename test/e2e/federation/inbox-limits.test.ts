/**
 * What an inbox takes from one instance: at most HERALD_FEDERATION_INBOX_RATE_LIMIT activities
 * a minute (here 3), then 429 with Retry-After while other instances go on; and no body over
 * 256 KB, answered 413 with nothing stored.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INBOX_MAX_BYTES } from '../../../src/federation/federation.site.js';
import { describeEachEngineApp } from '../../support/app.js';
import { FEDERATION_TEST_ENV } from '../../support/fediverse.js';
import { inProcessInbox, type InProcessInbox } from '../../support/inbox.js';
import { remoteServer, rsaKeys } from '../../support/remote-actor.js';

const AS = 'https://www.w3.org/ns/activitystreams';

describeEachEngineApp(
  'fediverse inbox limits',
  (t) => {
    let keys: CryptoKeyPair;
    let remote: Awaited<ReturnType<typeof remoteServer>>;
    let elsewhere: Awaited<ReturnType<typeof remoteServer>>;
    let inbox: InProcessInbox;
    beforeAll(async () => {
      keys = await rsaKeys();
      [remote, elsewhere] = await Promise.all([remoteServer(keys.publicKey), remoteServer(keys.publicKey)]);
      inbox = await inProcessInbox(t());
    });
    afterAll(async () => {
      await inbox?.stop();
      remote?.server.close();
      elsewhere?.server.close();
    });

    const like = (server: { base: string }, n: number, padding = '') => ({
      '@context': AS,
      id: `${server.base}/likes/${n}`,
      type: 'Like',
      actor: `${server.base}/actor`,
      object: 'http://herald.test/ap/articles/1',
      ...(padding ? { content: padding } : {}),
    });
    const signedBy = (server: { base: string }) => ({ id: `${server.base}/actor#main-key`, privateKey: keys.privateKey });
    const handled = async () => (await t().database.db.selectFrom('federation_inbox').select('activity_id').execute()).map((r) => r.activity_id).sort();

    it('answers a body over 256 KB with 413 and stores nothing', async () => {
      const big = like(remote, 0, 'x'.repeat(INBOX_MAX_BYTES));
      const response = await inbox.post('/ap/inbox', big, signedBy(remote));
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
      await inbox.settled();
      expect(await handled()).toEqual([]);
      expect(await t().database.db.selectFrom('federation_queue').select('id').execute()).toEqual([]);
    });

    it('takes three activities a minute from one instance, then answers 429 with Retry-After; another instance goes on', async () => {
      // The 413 above counted as one of the remote instance's three.
      const answers = [];
      for (const n of [1, 2, 3]) answers.push((await inbox.post('/ap/inbox', like(remote, n), signedBy(remote))).statusCode);
      expect(answers).toEqual([202, 202, 429]);
      const refused = await inbox.post('/ap/actors/fr/inbox', like(remote, 4), signedBy(remote));
      expect(refused.statusCode).toBe(429);
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
      expect(refused.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
      expect((await inbox.post('/ap/inbox', like(elsewhere, 1), signedBy(elsewhere))).statusCode).toBe(202);
      await inbox.settled();
      expect(await handled()).toEqual([`${elsewhere.base}/likes/1`, `${remote.base}/likes/1`, `${remote.base}/likes/2`].sort());
    });
  },
  { ...FEDERATION_TEST_ENV, HERALD_FEDERATION_INBOX_RATE_LIMIT: '3' },
);
