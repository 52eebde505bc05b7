import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { documentLoader, postActivity } from './transport.js';

// A loopback server that counts what reaches it: without the test-only allowance, nothing must.
describe('fediverse requests keep to public addresses unless the test-only allowance is on', () => {
  let hits = 0;
  const server = createServer((_request, response) => {
    hits += 1;
    response.writeHead(200, { 'content-type': 'application/activity+json' }).end('{"id":"x"}');
  });
  let base = '';
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server.close());

  const closed = { outboundAllow: [], allowPrivateAddress: false };
  const open = { outboundAllow: [], allowPrivateAddress: true };

  it('refuses to fetch an actor or deliver to an inbox on loopback by default', async () => {
    const key = await crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
    await expect(documentLoader(closed)(`${base}/actor`)).rejects.toMatchObject({ code: 'REFUSED_ADDRESS' });
    await expect(documentLoader(closed)(`http://localhost:${new URL(base).port}/actor`)).rejects.toMatchObject({ code: 'REFUSED_ADDRESS' });
    await expect(postActivity(`${base}/inbox`, '{}', { keyId: new URL('https://herald.test/ap/actors/fr#main-key'), privateKey: key.privateKey }, closed)).rejects.toMatchObject({ code: 'REFUSED_ADDRESS' });
    expect(hits).toBe(0);
    // With the allowance (tests only), the same requests go through.
    expect((await documentLoader(open)(`${base}/actor`)).document).toEqual({ id: 'x' });
    expect((await postActivity(`${base}/inbox`, '{}', { keyId: new URL('https://herald.test/ap/actors/fr#main-key'), privateKey: key.privateKey }, open)).status).toBe(200);
    expect(hits).toBe(2);
  });

  it('answers the JSON-LD contexts it ships without any request', async () => {
    const before = hits;
    const { document } = await documentLoader(closed)('https://www.w3.org/ns/activitystreams');
    expect(JSON.stringify(document)).toContain('@context');
    expect(hits).toBe(before);
  });
});
