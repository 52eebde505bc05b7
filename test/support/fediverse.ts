/** Herald servers on the fediverse, as processes on loopback, for the federation tests. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { DEFAULT_DELIVERY_OPTIONS, startFederationDelivery, type DeliveryWorker } from '../../src/federation/delivery.js';
import type { Kysely } from 'kysely';
import type { Schema } from '../../src/db/schema.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { afterAll, beforeAll } from 'vitest';
import { createTestApp, type TestApp } from './app.js';
import { storeEnvironment } from './engines.js';
import { remoteServer, rsaKeys } from './remote-actor.js';

const HERALD = new URL('../../bin/herald.js', import.meta.url).pathname;

export const FEDERATION_TEST_ENV = {
  HERALD_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'on',
  HERALD_FEDERATION_POLL_MS: '100',
  HERALD_FEDERATION_RETRY_BASE_MS: '300',
};

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * The delivery worker of an in-process test app (made with FEDERATION_TEST_ENV), sending what
 * the app queues as `herald serve` would; stop it at the end.
 */
export function deliveryWorker(t: TestApp): DeliveryWorker {
  const worker = startFederationDelivery(t.app.fediverse.federation, t.app.fediverse.data, {
    ...DEFAULT_DELIVERY_OPTIONS,
    pollMs: 50,
    retryBaseMs: 300,
    onError: (error) => console.error(error),
  });
  t.app.fediverse.onQueued(worker.poke);
  return worker;
}

/**
 * For a describe block: federation switched on in the app, a fediverse server played on
 * loopback (its followers and inboxes), and the app's delivery worker running, all stopped after.
 */
export function federatingWithLoopbackServer(t: () => TestApp): () => Awaited<ReturnType<typeof remoteServer>> {
  let remote: Awaited<ReturnType<typeof remoteServer>>;
  let worker: DeliveryWorker;
  beforeAll(async () => {
    remote = await remoteServer((await rsaKeys()).publicKey);
    await updateSettings(t().database.db, { federation: true });
    worker = deliveryWorker(t());
  });
  afterAll(async () => {
    await worker?.stop();
    remote?.server.close();
  });
  return () => remote;
}

export interface Peer {
  t: TestApp;
  url: string;
  child: ChildProcess;
}

/** A Herald server process on `port`, federation on, its base URL its loopback address. */
export async function startPeer(engine: 'sqlite' | 'postgres'): Promise<Peer> {
  const t = await createTestApp(engine);
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  await updateSettings(t.database.db, { federation: true, baseUrl: url });
  return { t, url, child: await serve(t, url) };
}

/** `herald serve` on the peer's database and address (again, after a kill). */
export function serve(t: TestApp, url: string): Promise<ChildProcess> {
  return new Promise<ChildProcess>((resolve, reject) => {
    const child = spawn(process.execPath, [HERALD, 'serve'], {
      env: { ...process.env, ...storeEnvironment(t.store), ...FEDERATION_TEST_ENV, HERALD_LOG_LEVEL: 'info', PORT: new URL(url).port, HERALD_BASE_URL: url },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (/listening at http/.test(output)) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => reject(new Error(`herald serve stopped (${code ?? signal}): ${output}`)));
  });
}

export async function stopPeer(peer: Peer | undefined): Promise<void> {
  if (!peer) return;
  peer.child.kill('SIGTERM');
  await new Promise((resolve) => (peer.child.exitCode !== null ? resolve(null) : peer.child.once('exit', resolve)));
  await peer.t.close();
}

/** Waits until every activity an inbox accepted so far has been handled: the inbox queue is empty. */
export async function inboxSettled(db: Kysely<Schema>): Promise<void> {
  await until(async () => (await db.selectFrom('federation_queue').select('id').limit(1).execute()).length === 0, 'the inbox queue to empty');
}

export async function until<T>(probe: () => Promise<T | undefined | null | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

