import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formToken } from '../../../src/comments/comments.form.js';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { listComments, publishStory } from '../comments/helpers.js';
import { PASSWORD, person } from '../newsroom/people.js';

/** Posts a comment from `remoteAddress` (the socket's peer) carrying the given forwarding headers. */
async function commentFrom(t: TestApp, articleId: number, remoteAddress: string, headers: Record<string, string>, body: string) {
  const token = await formToken(t.database.db, articleId, Date.now() - 10_000);
  const form = new URLSearchParams({ article: String(articleId), name: 'Ada Reader', email: 'ada@example.org', body, token });
  const response = await t.app.inject({
    method: 'POST',
    url: '/comments',
    remoteAddress,
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json', ...headers },
    payload: form.toString(),
  });
  expect(response.statusCode).toBe(201);
  return response.json().id as number;
}

async function storedIp(t: TestApp, storyId: number, id: number): Promise<string | null> {
  const { items } = await listComments(t, `story=${storyId}`);
  return items.find((item) => item.id === id)?.author.ip ?? null;
}

for (const engine of ENGINES) {
  describe(`X-Forwarded-For from an untrusted client, the default [${engine}]`, () => {
    let t: TestApp;
    beforeAll(async () => {
      t = await createTestApp(engine);
    });
    afterAll(async () => t?.close());

    it('keeps the socket address as the comment IP whatever the header says', async () => {
      const story = await publishStory(t);
      const id = await commentFrom(t, story.id, '198.51.100.7', { 'x-forwarded-for': '203.0.113.9' }, 'Forged forwarding header here.');
      expect(await storedIp(t, story.id, id)).toBe('198.51.100.7');
    });

    it('counts sign-in attempts per real address: new forged addresses do not reset the limit', async () => {
      const attempt = (n: number) =>
        t.app.inject({
          method: 'POST',
          url: '/api/admin/v1/session',
          remoteAddress: '198.51.100.99',
          headers: { 'x-forwarded-for': `203.0.113.${n}` },
          payload: { email: `nobody${n}@herald.test`, password: 'wrong password' },
        });
      for (let n = 1; n <= 30; n++) expect((await attempt(n)).statusCode).toBe(401);
      expect((await attempt(31)).statusCode).toBe(429);
    });
  });

  describe(`X-Forwarded-For from a trusted proxy (HERALD_TRUST_PROXY) [${engine}]`, () => {
    let byAddress: TestApp;
    let byHops: TestApp;
    beforeAll(async () => {
      byAddress = await createTestApp(engine, { HERALD_TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' });
      byHops = await createTestApp(engine, { HERALD_TRUST_PROXY: '1' });
    });
    afterAll(async () => {
      await byAddress?.close();
      await byHops?.close();
    });

    it('takes the client address from a listed proxy or range, and only from those', async () => {
      const story = await publishStory(byAddress);
      const viaLoopback = await commentFrom(byAddress, story.id, '127.0.0.1', { 'x-forwarded-for': '203.0.113.9' }, 'Through the loopback proxy.');
      const viaRange = await commentFrom(byAddress, story.id, '10.1.2.3', { 'x-forwarded-for': '203.0.113.10' }, 'Through a proxy in the range.');
      const direct = await commentFrom(byAddress, story.id, '198.51.100.20', { 'x-forwarded-for': '203.0.113.11' }, 'Straight to the server.');
      expect(await storedIp(byAddress, story.id, viaLoopback)).toBe('203.0.113.9');
      expect(await storedIp(byAddress, story.id, viaRange)).toBe('203.0.113.10');
      expect(await storedIp(byAddress, story.id, direct)).toBe('198.51.100.20');
    });

    it('trusts X-Forwarded-Proto from the proxy for the cookie’s Secure flag, not from anyone else', async () => {
      const user = await person(byAddress.database.db, 'editor');
      const signIn = (remoteAddress: string) =>
        byAddress.app.inject({
          method: 'POST',
          url: '/api/admin/v1/session',
          remoteAddress,
          headers: { 'x-forwarded-proto': 'https' },
          payload: { email: user.email, password: PASSWORD },
        });
      expect(String((await signIn('127.0.0.1')).headers['set-cookie'])).toMatch(/; Secure/i);
      expect(String((await signIn('198.51.100.21')).headers['set-cookie'])).not.toMatch(/Secure/i);
    });

    it('with a hop count, believes only the entry the nearest proxy added', async () => {
      const story = await publishStory(byHops);
      // The client wrote 192.0.2.1 itself; the one proxy appended the address it saw.
      const id = await commentFrom(byHops, story.id, '127.0.0.1', { 'x-forwarded-for': '192.0.2.1, 203.0.113.12' }, 'Behind one proxy.');
      expect(await storedIp(byHops, story.id, id)).toBe('203.0.113.12');
    });
  });
}

describe('HERALD_TRUST_PROXY values', () => {
  it('is off by default and reads a hop count or a list of addresses and ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ HERALD_TRUST_PROXY: 'off' }).trustProxy).toBe(false);
    expect(loadConfig({ HERALD_TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ HERALD_TRUST_PROXY: '10.0.0.1, fd00::/8' }).trustProxy).toEqual(['10.0.0.1', 'fd00::/8']);
  });

  it('refuses anything else, naming the variable', () => {
    for (const value of ['true', 'proxy.example', '10.0.0.0/33', '10.0.0.1/8/2', '::1/129']) {
      expect(() => loadConfig({ HERALD_TRUST_PROXY: value })).toThrow(ConfigError);
      expect(() => loadConfig({ HERALD_TRUST_PROXY: value })).toThrow(/HERALD_TRUST_PROXY/);
    }
  });
});
