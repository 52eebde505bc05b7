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
    const result = await pollFeed(database, feedId, TEST_BASE_URL);
    expect(result.status).toBe('unchanged');
    expect(partner.requests.at(-1)?.ifNoneMatch).toBe('"v2"');
    expect(await database.db.selectFrom('articles').select('id').execute()).toHaveLength(2);
  });

  it('never duplicates an item the feed repeats, even when two processes poll at once', async () => {
    const { database } = t();
    partner.items = [story(3), story(2), story(1)];
    const now = new Date(Date.now() + 24 * 3_600_000).toISOString();
    const results = await Promise.all([pollDueFeeds(database, TEST_BASE_URL, now), pollDueFeeds(database, TEST_BASE_URL, now)]);
    expect(results.flat().flatMap((r) => r.created)).toHaveLength(1);
    const titles = (await database.db.selectFrom('articles').select('title').execute()).map((r) => r.title).sort();
    expect(titles).toEqual(['Partner story 1', 'Partner story 2', 'Partner story 3']);
  });

  it('backs off exponentially while the feed fails, and recovers', async () => {
    const { database } = t();
    partner.failWith = 503;
    const now = '2030-01-01T00:00:00.000Z';
    const first = await pollFeed(database, feedId, TEST_BASE_URL, now);
    expect(first).toMatchObject({ status: 'failed', error: 'HTTP 503 Service Unavailable' });
    let row = await database.db.selectFrom('syndication_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 1, next_poll_at: '2030-01-01T01:00:00.000Z' });
    await pollFeed(database, feedId, TEST_BASE_URL, now);
    row = await database.db.selectFrom('syndication_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 2, next_poll_at: '2030-01-01T02:00:00.000Z', last_error: 'HTTP 503 Service Unavailable' });
    partner.failWith = null;
    expect((await pollFeed(database, feedId, TEST_BASE_URL, now)).status).not.toBe('failed');
    row = await database.db.selectFrom('syndication_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ failures: 0, last_error: null, next_poll_at: '2030-01-01T00:30:00.000Z' });
  });

  it('publishes Atom entries at once when the feed is set to publish, readable on the site', async () => {
    const { app, auth, database } = t();
    const admin = await auth('administrator');
    const created = await app.inject({ method: 'POST', url: '/api/admin/v1/feeds', headers: admin, payload: { url: `${partner.url}/atom`, publish: true, name: 'Atlas Wire' } });
    const result = await pollFeed(database, created.json().id, TEST_BASE_URL);
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
});
