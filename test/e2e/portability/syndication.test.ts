import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pollDueFeeds, pollFeed } from '../../../src/syndication/feeds.poller.js';
import { syndicatedCanonical } from '../../../src/syndication/feeds.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { PartnerFeed } from '../../support/partner-feed.js';

const story = (n: number) => ({
  guid: `story-${n}`,
  title: `Partner story ${n}`,
  body: `<p>Body of story ${n}.</p><script>alert(${n})</script>`,
  date: `2024-11-${10 + n}T08:00:00Z`,
});

// The partner's test server is on loopback, which Herald reaches only when told to.
const LOOPBACK_ALLOWED = ['127.0.0.1'];

describeEachEngineApp('syndication of partner feeds', (t) => {
  const partner = new PartnerFeed();
  let feedId = 0;
  beforeAll(async () => {
    await partner.start();
    partner.items = [story(1), story(2)];
  });
  afterAll(() => new Promise<void>((resolve) => partner.server.close(() => resolve())));

  it('lets administrators follow a feed, and no other role', async () => {
    const { app, auth } = t();
    const body = { url: `${partner.url}/rss`, section: 'Partners', name: 'Partner Daily' };
    for (const role of ['contributor', 'author', 'editor'] as const) {
      const denied = await app.inject({ method: 'POST', url: '/api/admin/v1/feeds', headers: await auth(role), payload: body });
      expect(denied.statusCode, role).toBe(403);
    }
    const admin = await auth('administrator');
    const bad = await app.inject({ method: 'POST', url: '/api/admin/v1/feeds', headers: admin, payload: { url: 'ftp://x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([{ field: 'url', message: 'must be an http(s) URL' }]);
    const created = await app.inject({ method: 'POST', url: '/api/admin/v1/feeds', headers: admin, payload: body });
    expect(created.statusCode).toBe(201);
    feedId = created.json().id;
    expect(created.json()).toMatchObject({ name: 'Partner Daily', publish: false, canonicalToSource: true });
    const again = await app.inject({ method: 'POST', url: '/api/admin/v1/feeds', headers: admin, payload: body });
    expect(again.statusCode).toBe(409);
  });

  it('turns new items into drafts crediting the publication, the original URL and date', async () => {
    const { app, auth, database } = t();
    const polled = await app.inject({ method: 'POST', url: `/api/admin/v1/feeds/${feedId}/poll`, headers: await auth('administrator') });
    expect(polled.json()).toMatchObject({ status: 'new' });
    expect(polled.json().created).toHaveLength(2);
    const rows = await database.db.selectFrom('articles').selectAll().orderBy('id').execute();
    expect(rows.map((r) => r.title)).toEqual(['Partner story 1', 'Partner story 2']);
    const [first] = rows;
    expect(first).toMatchObject({ status: 'draft', language: 'en', source_name: 'Partner Daily', source_url: 'https://partner.example/story-1', source_published_at: '2024-11-11T08:00:00.000Z' });
    expect(first.body).toBe('<p>Body of story 1.</p>');
    const section = await database.db.selectFrom('section_names').select('name').where('section_id', '=', first.section_id).executeTakeFirst();
    expect(section?.name).toBe('Partners');
    const source = { name: first.source_name!, url: first.source_url, publishedAt: first.source_published_at };
    expect(await syndicatedCanonical(database.db, { id: first.id, source })).toBe('https://partner.example/story-1');
  });

  it('asks with a conditional GET and creates nothing when the feed has not changed', async () => {
    const { database } = t();
    const result = await pollFeed(database, feedId, TEST_BASE_URL, LOOPBACK_ALLOWED);
    expect(result.status).toBe('unchanged');
    expect(partner.requests.at(-1)?.ifNoneMatch).toBe('"v2"');
    expect(await database.db.selectFrom('articles').select('id').execute()).toHaveLength(2);
  });

  it('never duplicates an item the feed repeats, even when two processes poll at once', async () => {
    const { database } = t();
    partner.items = [story(3), story(2), story(1)];
    const now = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const results = await Promise.all([pollDueFeeds(database, TEST_BASE_URL, LOOPBACK_ALLOWED, now), pollDueFeeds(database, TEST_BASE_URL, LOOPBACK_ALLOWED, now)]);
    expect(results.flat().flatMap((r) => r.created)).toHaveLength(1);
    const titles = (await database.db.selectFrom('articles').select('title').execute()).map((r) => r.title).sort();
    expect(titles).toEqual(['Partner story 1', 'Partner story 2', 'Partner story 3']);
  });

  it('backs off exponentially while the feed fails, and recovers', async () => {
    const { database } = t();
    partner.failWith = 503;
    const now = '2030-01-01T00:00:00.000Z';
    const first = await pollFeed(database, feedId, TEST_BASE_URL, LOOPBACK_ALLOWED, now);
    expect(first).toMatchObject({ status: 'failed', error: 'HTTP 503 Service Unavailable' });
    let row = await database.db.selectFrom('syndication_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 1, next_poll_at: '2030-01-01T01:00:00.000Z' });
    await pollFeed(database, feedId, TEST_BASE_URL, LOOPBACK_ALLOWED, now);
    row = await database.db.selectFrom('syndication_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 2, next_poll_at: '2030-01-01T02:00:00.000Z', last_error: 'HTTP 503 Service Unavailable' });
    partner.failWith = null;
    expect((await pollFeed(database, feedId, TEST_BASE_URL, LOOPBACK_ALLOWED, now)).status).not.toBe('failed');
    row = await database.db.selectFrom('syndication_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 0, last_error: null, next_poll_at: '2030-01-01T00:30:00.000Z' });
  });

  it('publishes Atom entries at once when the feed is set to publish, readable on the site', async () => {
    const { app, auth, database } = t();
    const admin = await auth('administrator');
    const created = await app.inject({ method: 'POST', url: '/api/admin/v1/feeds', headers: admin, payload: { url: `${partner.url}/atom`, publish: true, name: 'Atlas Wire' } });
    const result = await pollFeed(database, created.json().id, TEST_BASE_URL, LOOPBACK_ALLOWED);
    expect(result.created).toHaveLength(3);
    const article = await database.db.selectFrom('articles').selectAll().where('id', '=', result.created[0]).executeTakeFirstOrThrow();
    expect(article).toMatchObject({ status: 'published', source_name: 'Atlas Wire', source_url: 'https://atlas.example/story-1' });
    const page = await app.inject({ url: `/en/${article.slug}` });
    expect(page.statusCode).toBe(200);
    // Search engines are pointed to the original, not to the copy.
    expect(page.body).toMatch(/<link rel="canonical" href="https:\/\/atlas\.example\/story-1"/);
    const list = await app.inject({ url: '/api/admin/v1/feeds', headers: admin });
    expect(list.json().items.map((f: { name: string; items: number }) => [f.name, f.items])).toEqual([['Partner Daily', 3], ['Atlas Wire', 3]]);
    expect((await app.inject({ method: 'DELETE', url: `/api/admin/v1/feeds/${created.json().id}`, headers: admin })).statusCode).toBe(204);
    expect(await database.db.selectFrom('articles').select('id').where('id', '=', article.id).executeTakeFirst()).toBeDefined();
  });
}, { HERALD_OUTBOUND_ALLOW: LOOPBACK_ALLOWED.join(',') });


describeEachEngineApp('partner feeds: limits on what is fetched', (t) => {
  const partner = new PartnerFeed();
  const admin = () => t().auth('administrator');
  const drafts = async () => (await t().database.db.selectFrom('articles').select('id').execute()).length;
  /** A feed stored as if followed before addresses were checked as they are entered. */
  const storedFeed = async (url: string) => {
    const now = new Date().toISOString();
    const row = await t().database.db
      .insertInto('syndication_feeds')
      .values({ url, name: 'Stored', section_id: null, language: null, publish: 0, canonical_to_source: 1, poll_minutes: 30, next_poll_at: now, created_at: now, updated_at: now })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  beforeAll(async () => {
    await partner.start();
    partner.items = [story(1)];
  });
  afterAll(() => new Promise<void>((resolve) => partner.server.close(() => resolve())));

  it('refuses to follow a loopback address, however it is written, naming the url field', async () => {
    const port = new URL(partner.url).port;
    for (const host of ['127.0.0.1', '2130706433', '0x7f.1', '[::ffff:127.0.0.1]', 'localhost']) {
      const refused = await t().app.inject({ method: 'POST', url: '/api/admin/v1/feeds', headers: await admin(), payload: { url: `http://${host}:${port}/rss` } });
      expect(refused.statusCode, host).toBe(400);
      const [fault] = refused.json().error.fields;
      expect(fault.field).toBe('url');
      expect(fault.message).toMatch(/^must point at a public address: (127\.0\.0\.1 is a loopback address|localhost is a loopback name) \(HERALD_OUTBOUND_ALLOW/);
    }
    expect(await t().database.db.selectFrom('syndication_feeds').select('id').execute()).toEqual([]);
    expect(partner.requests).toEqual([]);
  });

  it('records a feed at a loopback address as failing when it is read, and makes no draft', async () => {
    const port = new URL(partner.url).port;
    for (const host of ['127.0.0.1', '2130706433']) {
      const feedId = await storedFeed(`http://${host}:${port}/rss`);
      const polled = await t().app.inject({ method: 'POST', url: `/api/admin/v1/feeds/${feedId}/poll`, headers: await admin() });
      expect(polled.json(), host).toMatchObject({ status: 'failed', created: [] });
      expect(polled.json().error).toMatch(/^refused to connect to 127\.0\.0\.1:\d+: 127\.0\.0\.1 is a loopback address/);
      const row = await t().database.db.selectFrom('syndication_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
      expect(row).toMatchObject({ failures: 1 });
      expect(row.last_error).toMatch(/loopback address/);
    }
    expect(partner.requests).toEqual([]);
    expect(await drafts()).toBe(0);
  });

  it('refuses a redirect to loopback from a feed it may read', async () => {
    const port = new URL(partner.url).port;
    const redirector = createServer((_request, response) => response.writeHead(301, { location: `http://127.0.0.1:${port}/rss` }).end());
    await new Promise<void>((resolve) => redirector.listen(0, '127.0.0.1', resolve));
    try {
      // Only the name "localhost" may be reached (a deliberate internal service); it redirects to 127.0.0.1.
      const feedId = await storedFeed(`http://localhost:${(redirector.address() as AddressInfo).port}/feed`);
      const result = await pollFeed(t().database, feedId, TEST_BASE_URL, ['localhost']);
      expect(result).toMatchObject({ status: 'failed', created: [] });
      expect(result.error).toMatch(/refused to connect to 127\.0\.0\.1:\d+: 127\.0\.0\.1 is a loopback address/);
    } finally {
      await new Promise<void>((resolve) => redirector.close(() => resolve()));
    }
    expect(partner.requests).toEqual([]);
    expect(await drafts()).toBe(0);
  });

  it('stops reading an endless feed at 5 MB and records why', async () => {
    let closed!: () => void;
    const connectionClosed = new Promise<void>((resolve) => (closed = resolve));
    const endless = createServer((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      response.write('<?xml version="1.0"?><rss version="2.0"><channel><title>Endless</title>');
      const item = Buffer.from('<item><title>again</title></item>'.repeat(500));
      const pump = () => {
        while (!response.destroyed) if (!response.write(item)) return void response.once('drain', pump);
      };
      response.on('close', closed);
      pump();
    });
    await new Promise<void>((resolve) => endless.listen(0, '127.0.0.1', resolve));
    try {
      const feedId = await storedFeed(`http://127.0.0.1:${(endless.address() as AddressInfo).port}/rss`);
      const result = await pollFeed(t().database, feedId, TEST_BASE_URL, ['127.0.0.1']);
      expect(result).toMatchObject({ status: 'failed', created: [] });
      expect(result.error).toMatch(/is larger than 5242880 bytes/);
      await connectionClosed;
    } finally {
      await new Promise<void>((resolve) => endless.close(() => resolve()));
    }
    expect(await drafts()).toBe(0);
  });
});
