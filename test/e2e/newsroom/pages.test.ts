import { expect, it } from 'vitest';
import { createContentKey } from '../../../src/people/content-keys.service.js';
import { describeEachEngineApp } from '../../support/app.js';
import { sectionNamed } from '../../support/sections.js';

const ADMIN = '/api/admin/v1';
const CONTENT = '/api/content/v1';

/**
 * Pages (About, Contact): created through the Admin API with `kind: "page"`, served at their own
 * address without a date, and in none of the places news goes.
 */
describeEachEngineApp('Pages', (t) => {
  const post = async (payload: object, role: 'editor' | 'author' = 'editor') =>
    t().app.inject({ method: 'POST', url: `${ADMIN}/articles`, payload, headers: await t().auth(role) });
  let page: { id: number; slug: string; kind: string; url: string; storyId: number };
  let key: string;

  it('are created by editors through the Admin API with kind "page"', async () => {
    const older = await post({ language: 'en', title: 'Harbour opens its new quay', body: '<p>Ships dock from Monday.</p>', section: await sectionNamed(t().database, 'Port'), tags: ['Harbour'], status: 'published', publishedAt: '2026-11-20T08:00:00Z' });
    expect(older.statusCode).toBe(201);
    expect(older.json().kind).toBe('story');
    const created = await post({
      kind: 'page', language: 'en', title: 'About the Courier', body: '<p>An independent newsroom.</p>', section: await sectionNamed(t().database, 'Port'), tags: ['Harbour'], status: 'published', publishedAt: '2026-11-21T08:00:00Z',
    });
    expect(created.statusCode).toBe(201);
    page = created.json();
    expect(page.kind).toBe('page');
    const newer = await post({ language: 'en', title: 'Night shifts return to the docks', body: '<p>Crews are back.</p>', section: await sectionNamed(t().database, 'Port'), tags: ['Harbour'], status: 'published', publishedAt: '2026-11-22T08:00:00Z' });
    expect(newer.statusCode).toBe(201);
    expect((await post({ kind: 'leaflet', language: 'en', title: 'X' })).statusCode).toBe(400);
    key = (await createContentKey(t().database.db, { name: 'site menu' })).key;
  });

  it('keep their kind in every language version', async () => {
    const french = await post({ language: 'fr', title: 'À propos du Courrier', body: '<p>Une rédaction indépendante.</p>', translationOf: page.id, status: 'published' });
    expect(french.statusCode).toBe(201);
    expect(french.json().kind).toBe('page');
    const refused = await post({ language: 'ar', title: 'عن الصحيفة', translationOf: page.id, kind: 'story' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.fields).toEqual([{ field: 'kind', message: `a language version of article ${page.id} is a page as it is` }]);
  });

  it('are served at their own address without a date, previous/next, related stories or a NewsArticle', async () => {
    const { app } = t();
    const response = await app.inject({ url: `/en/${page.slug}` });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('An independent newsroom.');
    expect(response.body).not.toContain('class="meta dates"');
    expect(response.body).not.toContain('class="prev-next"');
    expect(response.body).not.toContain('class="related"');
    expect(response.body).toContain('<meta property="og:type" content="website"');
    expect(response.body).not.toContain('article:published_time');
    expect(response.body).not.toContain('NewsArticle');
  });

  it('are in no listing, feed, news sitemap, search or previous/next, and stories are', async () => {
    const { app } = t();
    const absent = (body: string) => {
      expect(body).not.toContain('About the Courier');
      expect(body).not.toContain(`/en/${page.slug}`);
    };
    const home = await app.inject({ url: '/en/' });
    expect(home.body).toContain('Night shifts return to the docks');
    absent(home.body);
    absent((await app.inject({ url: '/en/section/port' })).body);
    const tag = await app.inject({ url: '/en/tag/harbour' });
    expect(tag.body).toContain('Harbour opens its new quay');
    absent(tag.body);
    const feed = await app.inject({ url: '/en/feed.xml' });
    expect(feed.body).toContain('Night shifts return to the docks');
    absent(feed.body);
    absent((await app.inject({ url: '/en/tag/harbour/feed.xml' })).body);
    const news = await app.inject({ url: '/news-sitemap.xml' });
    expect(news.statusCode).toBe(200);
    absent(news.body);
    const search = await app.inject({ url: '/en/search?q=independent+newsroom' });
    expect(search.statusCode).toBe(200);
    absent(search.body);
    const found = await app.inject({ url: '/en/search?q=night+shifts' });
    expect(found.body).toContain('href="/en/night-shifts-return-to-the-docks"');
    // The two stories around the page are each other's neighbours.
    const older = await app.inject({ url: '/en/harbour-opens-its-new-quay' });
    expect(older.body).toMatch(/<a href="\/en\/night-shifts-return-to-the-docks" rel="next"/);
    absent(older.body.slice(older.body.indexOf('class="prev-next"')));
  });

  it('are found by the Content API by id and when asked for, and listed only then', async () => {
    const { app } = t();
    const listed = await app.inject({ url: `${CONTENT}/articles?language=en&key=${key}` });
    expect(listed.json().items.map((a: { title: string }) => a.title)).toEqual(['Night shifts return to the docks', 'Harbour opens its new quay']);
    expect(listed.json().pagination.total).toBe(2);
    const pages = await app.inject({ url: `${CONTENT}/articles?language=en&kind=page&key=${key}` });
    expect(pages.json().items.map((a: { title: string; kind: string }) => [a.title, a.kind])).toEqual([['About the Courier', 'page']]);
    const byId = await app.inject({ url: `${CONTENT}/articles/${page.id}?key=${key}` });
    expect(byId.json()).toMatchObject({ id: page.id, kind: 'page' });
    const searched = await app.inject({ url: `${CONTENT}/search?q=independent&key=${key}` });
    expect(searched.json().items).toEqual([]);
  });

  it('are listed for editors, who can ask for pages only', async () => {
    const { app } = t();
    const all = await app.inject({ url: `${ADMIN}/articles?language=en`, headers: await t().auth('editor') });
    expect(all.json().items.map((a: { kind: string }) => a.kind).sort()).toEqual(['page', 'story', 'story']);
    const pages = await app.inject({ url: `${ADMIN}/articles?kind=page`, headers: await t().auth('editor') });
    expect(pages.json().items.map((a: { title: string }) => a.title).sort()).toEqual(['About the Courier', 'À propos du Courrier']);
  });
});
