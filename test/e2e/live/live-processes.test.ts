import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/people/tokens.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { migrateToLatest } from '../../../src/db/migrate.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { createStore, openStore, storeEnvironment, type TestStore } from '../../support/engines.js';
import { serveProcess, type HeraldProcess } from '../../support/herald-process.js';
import { openEventStream } from '../../support/sse.js';

const REDIS_URL = process.env.HERALD_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Two app processes on one PostgreSQL database, told about each other's writes only through
 * Redis: an entry written through one reaches the readers connected to the other, and a moment
 * set through one re-arms the other.
 */
describe('live blog updates across processes [postgres + redis]', { timeout: 120_000 }, () => {
  let store: TestStore;
  let authorization: string;
  const servers: HeraldProcess[] = [];

  beforeAll(async () => {
    store = await createStore('postgres');
    const database = openStore(store);
    await migrateToLatest(database);
    await updateSettings(database.db, { languages: ['en', 'fr'], defaultLanguage: 'en' });
    const user = await createUser(database.db, { email: 'editor@herald.test', name: 'Desk editor', role: 'editor' });
    authorization = `Bearer ${(await createApiToken(database.db, { name: 'desk', role: 'editor', userId: user.id })).token}`;
    await database.close();
    const env = { ...storeEnvironment(store), REDIS_URL, HERALD_REDIS_PREFIX: `herald-test-${randomBytes(6).toString('hex')}` };
    // One after the other: each runs the migrations as it starts.
    servers.push(await serveProcess(env));
    servers.push(await serveProcess(env));
  });
  afterAll(async () => {
    for (const server of servers) server.child.kill('SIGTERM');
    await Promise.all(servers.map((server) => new Promise((resolve) => (server.child.exitCode !== null ? resolve(null) : server.child.once('exit', resolve)))));
    await store?.drop();
  });

  const api = async (base: string, method: string, path: string, body?: object) => {
    const response = await fetch(`${base}/api/admin/v1${path}`, {
      method,
      headers: { authorization, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: await response.json() };
  };

  it('reaches readers connected to either process, English and French, within 2 seconds', async () => {
    const [one, two] = servers.map((server) => server.url);
    const story = (await api(one, 'POST', '/articles', { language: 'en', title: 'Cross-process live', status: 'published' })).json;
    const french = (await api(one, 'POST', '/articles', { language: 'fr', title: 'Direct multi-processus', translationOf: story.id, status: 'published' })).json;
    expect((await api(one, 'POST', `/articles/${story.id}/live`)).status).toBe(201);
    const readers = [
      openEventStream(`${one}/live/${story.id}/events`),
      openEventStream(`${two}/live/${story.id}/events`),
      openEventStream(`${two}/live/${french.id}/events`),
    ];
    try {
      for (const reader of readers) await reader.next((e) => e.event === 'state');
      // Cached on the second process before the write: the write must drop it there too.
      await fetch(`${two}${story.path}`);
      expect((await fetch(`${two}${story.path}`)).headers.get('x-cache')).toBe('HIT');
      const sent = Date.now();
      const entry = await api(one, 'POST', `/articles/${story.id}/live/entries`, { body: '<p>Written through the first process.</p>' });
      expect(entry.status).toBe(201);
      const arrivals = await Promise.all(readers.map((reader) => reader.next((e) => e.event === 'entry' && e.data.id === entry.json.id, 2000)));
      expect(Date.now() - sent).toBeLessThan(2000);
      expect(arrivals[1].data.html).toContain('Written through the first process.');
      // The French readers get it as written, its language marked, until it is translated.
      expect(arrivals[2].data.html).toMatch(/lang="en"[^>]*>.*Written through the first process/s);
      expect(arrivals[2].data.html).toContain('Pas encore traduit');
      const page = await fetch(`${two}${story.path}`);
      expect(page.headers.get('x-cache')).toBe('MISS');
      expect(await page.text()).toContain('Written through the first process.');
    } finally {
      for (const reader of readers) reader.close();
    }
  });

  it('a moment set through one process re-arms the other at once: its pages are kept no longer than until then', async () => {
    const [one, two] = servers.map((server) => server.url);
    const sharedLifetime = async () => Number(/s-maxage=(\d+)/.exec((await fetch(`${two}/en/`)).headers.get('cache-control') ?? '')?.[1]);
    expect((await api(one, 'POST', '/articles', { language: 'en', title: 'Already out', status: 'published' })).status).toBe(201);
    expect(await sharedLifetime()).toBeGreaterThan(45);
    const publishAt = new Date(Date.now() + 45_000).toISOString();
    const set = Date.now();
    expect((await api(one, 'POST', '/articles', { language: 'en', title: 'Out in 45 seconds', status: 'scheduled', publishAt })).status).toBe(201);
    // Without the word from the first process, the second learns of it at its own re-check, every 15 s.
    let lifetime = await sharedLifetime();
    while (lifetime > 45 && Date.now() - set < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lifetime = await sharedLifetime();
    }
    expect(lifetime).toBeLessThanOrEqual(45);
  });
});

/** `HERALD_WORKERS=2` on SQLite, no Redis: the cluster's primary hands each change to the other worker. */
describe('live blog updates across the workers of one machine [sqlite, HERALD_WORKERS=2]', { timeout: 120_000 }, () => {
  let store: TestStore;
  let authorization: string;
  let server: HeraldProcess;

  beforeAll(async () => {
    store = await createStore('sqlite');
    const database = openStore(store);
    await migrateToLatest(database);
    await updateSettings(database.db, { languages: ['en'], defaultLanguage: 'en' });
    const user = await createUser(database.db, { email: 'editor@herald.test', name: 'Desk editor', role: 'editor' });
    authorization = `Bearer ${(await createApiToken(database.db, { name: 'desk', role: 'editor', userId: user.id })).token}`;
    await database.close();
    server = await serveProcess({ ...storeEnvironment(store), HERALD_WORKERS: '2' });
  });
  afterAll(async () => {
    server?.child.kill('SIGTERM');
    if (server && server.child.exitCode === null) await new Promise((resolve) => server.child.once('exit', resolve));
    await store?.drop();
  });

  it('reaches readers on both workers', async () => {
    const post = (path: string, body?: object) =>
      fetch(`${server.url}/api/admin/v1${path}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body ?? {}) }).then(async (r) => ({ status: r.status, json: await r.json() }));
    const story = (await post('/articles', { language: 'en', title: 'Two workers', status: 'published' })).json;
    await post(`/articles/${story.id}/live`);
    // The primary deals connections to the workers in turn (Node's round-robin on Linux): six readers are on both.
    const readers = Array.from({ length: 6 }, () => openEventStream(`${server.url}/live/${story.id}/events`));
    try {
      for (const reader of readers) await reader.next((e) => e.event === 'state');
      const entry = await post(`/articles/${story.id}/live/entries`, { body: 'Heard by every worker.' });
      expect(entry.status).toBe(201);
      await Promise.all(readers.map((reader) => reader.next((e) => e.event === 'entry' && e.data.id === entry.json.id, 2000)));
    } finally {
      for (const reader of readers) reader.close();
    }
  });

  it('re-arms both workers at once when a moment is set through one', async () => {
    // A new connection each time: the primary deals connections, not requests, to the workers in turn.
    const sharedLifetime = () =>
      new Promise<number>((resolve, reject) => {
        http.get(`${server.url}/en/`, { agent: false }, (response) => {
          response.resume();
          resolve(Number(/s-maxage=(\d+)/.exec(String(response.headers['cache-control'] ?? ''))?.[1]));
        }).on('error', reject);
      });
    const post = (path: string, body: object) =>
      fetch(`${server.url}/api/admin/v1${path}`, { method: 'POST', headers: { authorization, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/articles', { language: 'en', title: 'Out already', status: 'published' })).status).toBe(201);
    const before = await Promise.all(Array.from({ length: 4 }, sharedLifetime));
    expect(Math.min(...before)).toBeGreaterThan(45);
    const set = Date.now();
    expect((await post('/articles', { language: 'en', title: 'Out in 45 seconds', status: 'scheduled', publishAt: new Date(Date.now() + 45_000).toISOString() })).status).toBe(201);
    // Both workers (four connections in turn) bound their pages by the moment well before their 15 s re-check.
    let lifetimes = await Promise.all(Array.from({ length: 4 }, sharedLifetime));
    while (Math.max(...lifetimes) > 45 && Date.now() - set < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      lifetimes = await Promise.all(Array.from({ length: 4 }, sharedLifetime));
    }
    expect(Math.max(...lifetimes)).toBeLessThanOrEqual(45);
  });
});
