/**
 * Every fediverse lookup goes through Herald's outbound guard: a follower's handle (WebFinger)
 * and a remote document (Fedify's document loader, which fetches actors and keys) are asked of
 * a server on 127.0.0.1 only while the test-only private-address allowance is on; with it off,
 * nothing reaches the server.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Person } from '@fedify/vocab';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorHandle } from '../../../src/federation/handles.js';
import { documentLoader, type TransportPolicy } from '../../../src/federation/transport.js';

const OFF: TransportPolicy = { outboundAllow: [], allowPrivateAddress: false };
const ON: TransportPolicy = { outboundAllow: [], allowPrivateAddress: true };

describe('fediverse lookups and the private-address rule', () => {
  let server: Server;
  let base = '';
  const asked: string[] = [];
  beforeAll(async () => {
    server = createServer((request, response) => {
      asked.push(request.url ?? '');
      const url = new URL(request.url ?? '/', base);
      if (url.pathname === '/.well-known/webfinger') {
        response.writeHead(200, { 'content-type': 'application/jrd+json' });
        response.end(JSON.stringify({ subject: `acct:tess@${url.host}`, aliases: [`${base}/users/tester`] }));
        return;
      }
      if (url.pathname === '/users/tester') {
        response.writeHead(200, { 'content-type': 'application/activity+json' });
        response.end(JSON.stringify({ '@context': 'https://www.w3.org/ns/activitystreams', id: `${base}/users/tester`, type: 'Person', preferredUsername: 'tester', inbox: `${base}/inbox` }));
        return;
      }
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  const actor = () => new Person({ id: new URL(`${base}/users/tester`), preferredUsername: 'tester' });

  it('with the allowance off, a handle is not asked of a private address: the actor’s own name stands, and nothing was sent', async () => {
    asked.length = 0;
    expect(await actorHandle(actor(), OFF)).toBe(`@tester@${new URL(base).host}`);
    await expect(documentLoader(OFF)(`${base}/users/tester`)).rejects.toThrow();
    expect(asked).toEqual([]);
  });

  it('with the allowance on (tests only), the handle comes from WebFinger through the same guard', async () => {
    asked.length = 0;
    expect(await actorHandle(actor(), ON)).toBe(`@tess@${new URL(base).host}`);
    expect((await documentLoader(ON)(`${base}/users/tester`)).document).toMatchObject({ preferredUsername: 'tester' });
    expect(asked).toEqual([`/.well-known/webfinger?resource=${encodeURIComponent(`${base}/users/tester`)}`, '/users/tester']);
  });
});
