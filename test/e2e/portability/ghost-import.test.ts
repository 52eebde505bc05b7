import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { importGhost } from '../../../src/portability/ghost/ghost.import.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';

const GHOST = new URL('../../fixtures/ghost/ghost-export.json', import.meta.url).pathname;

describeEachEngineApp('Ghost import', (t) => {
  it('refuses a malformed export with its line and reason, importing nothing', async () => {
    const { database, store } = t();
    const broken = join(store.dataDir, 'broken.json');
    writeFileSync(broken, '{\n  "db": [\n    { "data": { "posts": [ {"id": "1", "title": } ] } }\n  ]\n}\n');
    await expect(importGhost(database, broken, { baseUrl: TEST_BASE_URL })).rejects.toThrow(/broken\.json is refused, nothing was imported — not valid JSON: line 3/);
    const missing = join(store.dataDir, 'missing.json');
    writeFileSync(missing, JSON.stringify({ db: [{ data: { posts: [{ id: '1', status: 'published' }] } }] }));
    await expect(importGhost(database, missing, { baseUrl: TEST_BASE_URL })).rejects.toThrow(/posts\[0\]\.title is required/);
    expect(await database.db.selectFrom('articles').select('id').execute()).toHaveLength(0);
  });

  it('imports posts and pages with their HTML, tags, authors, meta and statuses', async () => {
    const { database } = t();
    const report = await importGhost(database, GHOST, { baseUrl: TEST_BASE_URL });
    expect(report.counts.articles).toBe(5);
    const { db } = database;
    const strike = await db.selectFrom('articles').selectAll().where('slug', '=', 'harbour-strike-ends').executeTakeFirstOrThrow();
    expect(strike.language).toBe('en');
    expect(strike.status).toBe('published');
    expect(strike.published_at).toBe('2024-11-18T09:00:00.000Z');
    expect(strike.body).toContain('<strong>nine days</strong>');
    expect(strike.body).toContain('<figcaption>The east quay at dawn.</figcaption>');
    expect(strike.body).not.toContain('<script');
    expect(strike.seo_title).toBe('Harbour strike over: what the deal says');
    expect(strike.excerpt).toBe('Dock workers are back after an agreement on night-shift pay.');
    expect(strike.image_url).toBe('https://ghost.example/content/images/2024/11/docks.jpg');
    expect(strike.image_alt).toBe('Cranes at dawn');
    const tags = await db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select('tags.name').where('article_id', '=', strike.id).orderBy('position').execute();
    expect(tags.map((r) => r.name)).toEqual(['Labour', 'Harbour']);
    const authors = await db.selectFrom('article_authors').innerJoin('users', 'users.id', 'article_authors.user_id').select('users.name').where('article_id', '=', strike.id).orderBy('position').execute();
    expect(authors.map((r) => r.name)).toEqual(['Amina Diallo', 'Jules Martin']);
    const french = await db.selectFrom('articles').select(['language', 'status']).where('slug', '=', 'fin-de-la-greve-au-port').executeTakeFirstOrThrow();
    expect(french.language).toBe('fr');
    const statuses = Object.fromEntries((await db.selectFrom('articles').select(['slug', 'status']).execute()).map((r) => [r.slug, r.status]));
    expect(statuses).toMatchObject({ 'budget-vote-notes': 'draft', about: 'published', 'election-night-live': 'scheduled' });
  });

  it('answers the old Ghost addresses with redirects to the new ones', async () => {
    const { app } = t();
    const old = await app.inject({ url: '/harbour-strike-ends/' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/en/harbour-strike-ends');
    expect((await app.inject({ url: old.headers.location as string })).statusCode).toBe(200);
    const tag = await app.inject({ url: '/tag/labour/' });
    expect(tag.headers.location).toBe('/en/tag/labour');
    // A draft is not public: its old address finds nothing rather than leaking where it will be.
    expect((await app.inject({ url: '/budget-vote-notes/' })).statusCode).toBe(404);
  });

  it('creates nothing new when imported again', async () => {
    const { database } = t();
    const before = (await database.db.selectFrom('articles').select('id').execute()).length;
    const report = await importGhost(database, GHOST, { baseUrl: TEST_BASE_URL });
    expect(report.counts.articles ?? 0).toBe(0);
    expect(report.counts.users ?? 0).toBe(0);
    expect((await database.db.selectFrom('articles').select('id').execute()).length).toBe(before);
  });

  it('keeps co-authors in Ghost’s order: posts_authors by sort_order, or a post’s own authors array', async () => {
    const { database, store } = t();
    const file = join(store.dataDir, 'co-authors.json');
    const users = [
      { id: 'u-a', name: 'Ada Byline', slug: 'ada-byline', email: 'ada@ghost.example' },
      { id: 'u-b', name: 'Bo Second', slug: 'bo-second', email: 'bo@ghost.example' },
      { id: 'u-c', name: 'Cy Third', slug: 'cy-third', email: 'cy@ghost.example' },
    ];
    const post = (id: string, title: string, extra: Record<string, unknown> = {}) => ({
      id, title, slug: title.toLowerCase().replace(/\s+/g, '-'), html: '<p>The harbour reopened on Monday morning after the storm.</p>', status: 'published', published_at: '2024-11-20T08:00:00.000Z', locale: 'en', ...extra,
    });
    writeFileSync(file, JSON.stringify({ db: [{ data: {
      users,
      posts: [post('p-1', 'Rows out of order'), post('p-2', 'Authors array', { authors: [{ id: 'u-c' }, { id: 'u-a' }, { id: 'u-b' }] })],
      // Listed out of order: sort_order decides.
      posts_authors: [
        { id: 'x1', post_id: 'p-1', author_id: 'u-a', sort_order: 2 },
        { id: 'x2', post_id: 'p-1', author_id: 'u-c', sort_order: 0 },
        { id: 'x3', post_id: 'p-1', author_id: 'u-b', sort_order: 1 },
      ],
    } }] }));
    await importGhost(database, file, { baseUrl: TEST_BASE_URL });
    const byline = async (slug: string) => {
      const article = await database.db.selectFrom('articles').select('id').where('slug', '=', slug).executeTakeFirstOrThrow();
      const rows = await database.db.selectFrom('article_authors').innerJoin('users', 'users.id', 'article_authors.user_id').select('users.name').where('article_id', '=', article.id).orderBy('position').execute();
      return rows.map((r) => r.name);
    };
    expect(await byline('rows-out-of-order')).toEqual(['Cy Third', 'Bo Second', 'Ada Byline']);
    expect(await byline('authors-array')).toEqual(['Cy Third', 'Ada Byline', 'Bo Second']);
  });
});
