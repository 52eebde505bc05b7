/**
 * A fediverse server played by a test on loopback: actors (`/actor`, `/other`) sharing one key
 * pair, inboxes answering as scripted, and a way to post activities signed as one of them.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signRequest } from '@fedify/fedify';
import { CryptographicKey, Person } from '@fedify/vocab';
import { Temporal } from '@js-temporal/polyfill';

export interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  answered: number;
}

export function rsaKeys(): Promise<CryptoKeyPair> {
  return crypto.subtle.generateKey({ name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' }, true, ['sign', 'verify']);
}

const ACTORS = ['actor', 'other'];

/** A fediverse server whose actors' profile pages are `/@name`, with inboxes answering as scripted. */
export async function remoteServer(publicKey: CryptoKey, scripts: Record<string, number[]> = {}) {
  const received: Received[] = [];
  let base = '';
  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const path = request.url ?? '/';
    const name = path.slice(1);
    if (request.method === 'GET' && ACTORS.includes(name)) {
      const actor = new Person({
        id: new URL(`${base}/${name}`),
        preferredUsername: name === 'actor' ? 'tester' : 'someone',
        name: name === 'actor' ? 'Tess Tester' : 'Someone Else',
        url: new URL(`${base}/@${name}`),
        inbox: new URL(`${base}/inbox`),
        publicKey: new CryptographicKey({ id: new URL(`${base}/${name}#main-key`), owner: new URL(`${base}/${name}`), publicKey }),
      });
      response.writeHead(200, { 'content-type': 'application/activity+json' });
      response.end(JSON.stringify(await actor.toJsonLd()));
      return;
    }
    if (request.method === 'POST') {
      const script = scripts[path] ?? [202];
      const status = script.length > 1 ? script.shift()! : script[0];
      received.push({ path, headers: request.headers, body: Buffer.concat(chunks).toString(), answered: status });
      response.writeHead(status).end();
      return;
    }
    response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, received };
}

/** Posts an activity to an inbox, signed with `key` (none: unsigned); `tamper` changes the body after signing. */
export async function post(inbox: string, activity: object, key: { id: string; privateKey: CryptoKey } | null, options: { at?: Date; tamper?: boolean } = {}) {
  const body = JSON.stringify(activity);
  let request = new Request(inbox, { method: 'POST', body, headers: { 'content-type': 'application/activity+json' } });
  if (key) {
    const currentTime = options.at ? (Temporal.Instant.from(options.at.toISOString()) as any) : undefined;
    request = await signRequest(request, key.privateKey, new URL(key.id), { spec: 'draft-cavage-http-signatures-12', currentTime });
  }
  const sent = options.tamper ? body.replace('Follow', 'Follow ') : body;
  return fetch(inbox, { method: 'POST', headers: request.headers, body: sent });
}
