import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../../src/app.js';
import { loadConfig } from '../../../src/config.js';
import { openSqlite } from '../../../src/db/database.js';
import { createContentKey, revokeContentKey } from '../../../src/people/content-keys.service.js';
import { createTestApp, describeEachEngineApp, TEST_BASE_URL, type TestApp } from '../../support/app.js';
import { createStore } from '../../support/engines.js';
import { createStory } from './reach-support.js';
import { sectionNamed } from '../../support/sections.js';

const API = '/api/content/v1';
const INTERNAL = ['status', 'version', 'createdBy', 'deletedAt', 'publishAt', 'createdAt', 'mediaId', 'email', 'password'];

describeEachEngineApp('Content API', (t) => {
  let key: string;
  let english: Awaited<ReturnType<typeof createStory>>;
  let french: Awaited<ReturnType<typeof createStory>>;
  let draft: Awaited<ReturnType<typeof createStory>>;
  const get = (url: string, headers: Record<string, string> = {}) =>
    t().app.inject({ url: `${API}${url}${url.includes('?') ? '&' : '?'}key=${key}`, headers });

  beforeAll(async () => {
    key = (await createContentKey(t().database.db, { name: 'mobile app' })).key;
    english = await createStory(t(), {
      language: 'en', title: 'Harbour reopens', body: '<p>Ships return.</p>', section: await sectionNamed(t().database, 'World'), tags: ['Ports'],
      featuredImage: { url: '/media/harbour.jpg', alt: 'Boats', caption: 'At dawn', credit: 'Herald' }, publishedAt: '2026-11-20T08:00:00.000Z',
    });
    french = await createStory(t(), { language: 'fr', title: 'Le port rouvre à Pékin', body: '<p>Les navires.</p>', translationOf: english.id, section: await sectionNamed(t().database, 'Monde', 'fr'), tags: ['Ports'], publishedAt: '2026-11-21T08:00:00.000Z' });
    draft = await createStory(t(), { language: 'en', title: 'Secret draft', status: 'draft', tags: ['Ports'] });
  });

  it('refuses requests without a valid key', async () => {
    expect((await t().app.inject({ url: `${API}/articles` })).statusCode).toBe(401);
    const wrong = await t().app.inject({ url: `${API}/articles?key=hck_nope` });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHORIZED');
    const admin = await t().auth('administrator');
    expect((await t().app.inject({ url: `${API}/articles`, headers: { authorization: admin.authorization } })).statusCode).toBe(401);
  });

  it('accepts the key in the query or in an Authorization header, and not once revoked', async () => {
    expect((await get('/articles')).statusCode).toBe(200);
    expect((await t().app.inject({ url: `${API}/articles`, headers: { authorization: `Key ${key}` } })).statusCode).toBe(200);
    const revoked = await createContentKey(t().database.db, { name: 'old' });
    await revokeContentKey(t().database, revoked.id);
    expect((await t().app.inject({ url: `${API}/tags?key=${revoked.key}` })).statusCode).toBe(401);
  });

  it('stops answering a revoked key from the page cache, revoked by the service or the Admin API', async () => {
    const admin = await t().auth('administrator');
    for (const revoke of [
      (id: number) => revokeContentKey(t().database, id),
      async (id: number) => {
        const response = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/content-keys/${id}`, headers: { authorization: admin.authorization } });
        expect(response.statusCode, response.body).toBe(204);
      },
    ]) {
      const doomed = await createContentKey(t().database.db, { name: 'soon revoked' });
      const url = `${API}/articles?key=${doomed.key}`;
      const first = await t().app.inject({ url });
      const second = await t().app.inject({ url });
      expect([first.statusCode, second.statusCode, second.headers['x-cache']]).toEqual([200, 200, 'HIT']);
      await revoke(doomed.id);
      const after = await t().app.inject({ url });
      expect(after.statusCode).toBe(401);
      expect(after.headers['x-cache']).not.toBe('HIT');
    }
  });

  it('lets only administrators manage content keys through the Admin API', async () => {
    for (const role of ['contributor', 'author', 'editor'] as const) {
      const { authorization } = await t().auth(role);
      expect((await t().app.inject({ url: '/api/admin/v1/content-keys', headers: { authorization } })).statusCode).toBe(403);
      expect((await t().app.inject({ method: 'POST', url: '/api/admin/v1/content-keys', headers: { authorization }, payload: { name: 'x' } })).statusCode).toBe(403);
    }
    const { authorization } = await t().auth('administrator');
    const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/content-keys', headers: { authorization }, payload: { name: 'App' } });
    expect(created.statusCode).toBe(201);
    expect((await t().app.inject({ url: `${API}/tags?key=${created.json().key}` })).statusCode).toBe(200);
    const listed = (await t().app.inject({ url: '/api/admin/v1/content-keys', headers: { authorization } })).json().items;
    expect(listed.map((k: { name: string }) => k.name)).toContain('App');
    expect(JSON.stringify(listed)).not.toContain(created.json().key);
  });

  it('lists published stories only, newest first, with no e-mail or internal field', async () => {
    const response = await get('/articles');
    const { items, pagination } = response.json();
    expect(items.map((a: { title: string }) => a.title)).toEqual(['Le port rouvre à Pékin', 'Harbour reopens']);
    expect(pagination).toEqual({ page: 1, limit: 20, total: 2, pages: 1 });
    expect(response.body).not.toContain('@herald.test');
    expect(response.body).not.toContain('Secret draft');
    for (const field of INTERNAL) expect(response.body).not.toContain(`"${field}"`);
    const harbour = items[1];
    expect(harbour.featuredImage).toEqual({ url: `${TEST_BASE_URL}/media/harbour.jpg`, caption: 'At dawn', credit: 'Herald', alt: 'Boats' });
    expect(harbour.translations).toEqual([{ id: french.id, language: 'fr', title: 'Le port rouvre à Pékin', url: french.url }]);
    expect(harbour.authors[0]).toEqual({ id: expect.any(Number), name: 'Test editor', slug: 'test-editor', bio: '', avatarUrl: null, website: null });
  });

  it('filters by language, section, tag, author and dates, and paginates', async () => {
    const titles = async (query: string) => (await get(`/articles?${query}`)).json().items.map((a: { title: string }) => a.title);
    expect(await titles('language=fr')).toEqual(['Le port rouvre à Pékin']);
    expect(await titles('language=en&section=world')).toEqual(['Harbour reopens']);
    expect(await titles('language=fr&tag=ports')).toEqual(['Le port rouvre à Pékin']);
    expect(await titles('author=test-editor&to=2026-11-20')).toEqual(['Harbour reopens']);
    expect(await titles('from=2026-11-21')).toEqual(['Le port rouvre à Pékin']);
    const second = (await get('/articles?limit=1&page=2')).json();
    expect(second.items.map((a: { id: number }) => a.id)).toEqual([english.id]);
    expect(second.pagination.pages).toBe(2);
  });

  it('selects fields, and names the field at fault for bad filters', async () => {
    const { items } = (await get('/articles?language=en&fields=title,url')).json();
    expect(items).toEqual([{ id: english.id, title: 'Harbour reopens', url: english.url }]);
    const badField = await get('/articles?fields=title,email');
    expect(badField.statusCode).toBe(400);
    expect(badField.json().error.fields).toEqual([{ field: 'fields', message: expect.stringContaining('email') }]);
    const noLanguage = await get('/articles?section=world');
    expect(noLanguage.json().error.fields[0].field).toBe('section');
    expect((await get('/articles?language=en&tag=unknown')).json().error.fields[0].field).toBe('tag');
    expect((await get('/articles?language=!!')).json().error.fields[0].field).toBe('language');
    expect((await get('/articles?from=soon')).json().error.fields[0].field).toBe('from');
    expect((await get('/articles?limit=1000')).statusCode).toBe(400);
  });

  it('reads one story by id or by language and slug, never a draft', async () => {
    const story = (await get(`/articles/${english.id}`)).json();
    expect(story.title).toBe('Harbour reopens');
    expect(story.body).toBe('<p>Ships return.</p>');
    expect((await get(`/articles/${draft.id}`)).statusCode).toBe(404);
    expect((await get('/articles/999999')).statusCode).toBe(404);
    const bySlug = await get(`/articles/slug/fr/${encodeURIComponent(french.slug)}`);
    expect(bySlug.json().id).toBe(french.id);
    expect((await get(`/articles/slug/en/${draft.slug}`)).statusCode).toBe(404);
  });

  it('lists sections per language, tags and the authors of published stories', async () => {
    const sections = (await get('/sections?language=fr')).json().items;
    expect(sections.map((s: { name: string }) => s.name)).toEqual(['Monde']);
    const tags = (await get('/tags')).json().items;
    expect(tags.map((tag: { language: string; name: string }) => `${tag.language}:${tag.name}`).sort()).toEqual(['en:Ports', 'fr:Ports']);
    const authors = await get('/authors');
    expect(authors.json().items.map((a: { slug: string }) => a.slug)).toEqual(['test-editor']);
    expect(authors.body).not.toContain('@');
  });

  it('searches published stories with highlights', async () => {
    const response = await get('/search?q=pekin');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.items.map((r: { article: { id: number } }) => r.article.id)).toEqual([french.id]);
    expect(body.items[0].highlight.title).toBe('Le port rouvre à <mark>Pékin</mark>');
    expect((await get('/search?q=secret')).json().items).toEqual([]);
    expect((await get('/search?q=pekin&language=en')).json().items).toEqual([]);
  });

  it('answers hostile searches with results or a 400, never a 500', async () => {
    for (const q of ['"', '*', 'NEAR(', 'a"b*c', 'title:', '%', '總', "')--"]) {
      const response = await get(`/search?q=${encodeURIComponent(q)}`);
      expect(response.statusCode, q).toBe(200);
    }
    const huge = await get(`/search?q=${'a'.repeat(10_240)}`);
    expect(huge.statusCode).toBe(400);
    expect(huge.json().error.fields[0].field).toBe('querystring.q');
    expect((await get('/search?q=')).statusCode).toBe(400);
    expect((await get('/search')).statusCode).toBe(400);
  });

  it('answers 304 when the reader already has the response', async () => {
    const first = await get('/articles?language=en');
    const again = await get('/articles?language=en', { 'if-none-match': String(first.headers.etag) });
    expect(again.statusCode).toBe(304);
  });

  it('publishes an OpenAPI document of the Content API', async () => {
    const response = await t().app.inject({ url: `${API}/openapi.json` });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([`${API}/articles`, `${API}/articles/{id}`, `${API}/sections`, `${API}/tags`, `${API}/authors`, `${API}/search`]),
    );
    expect(doc.components.securitySchemes.keyQuery).toEqual({ type: 'apiKey', in: 'query', name: 'key' });
  });
});

describe('Content API CORS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite', { HERALD_CONTENT_API_ORIGINS: 'https://app.example.org' });
  });
  afterAll(() => t.close());

  it('allows the configured origins only, and answers preflights without a key', async () => {
    const { key } = await createContentKey(t.database.db, { name: 'web app' });
    const allowed = await t.app.inject({ url: `${API}/tags?key=${key}`, headers: { origin: 'https://app.example.org' } });
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.org');
    const other = await t.app.inject({ url: `${API}/tags?key=${key}`, headers: { origin: 'https://evil.example' } });
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await t.app.inject({
      method: 'OPTIONS',
      url: `${API}/articles`,
      headers: { origin: 'https://app.example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toContain('Authorization');
  });
});

describe('herald key create', () => {
  it('prints a key, alone on its last line, that the Content API accepts', async () => {
    const store = await createStore('sqlite');
    try {
      const env = { ...process.env, HERALD_DATA_DIR: store.dataDir, HERALD_DEMO: 'off', HERALD_LOG_LEVEL: 'silent' };
      const out = execFileSync('node', ['bin/herald.js', 'key', 'create', '--name', 'reader app'], { env, encoding: 'utf8' });
      const key = out.trim().split('\n').pop()!;
      expect(key).toMatch(/^hck_[\w-]{32}$/);
      const database = openSqlite(`${store.dataDir}/herald.db`);
      const app = await buildApp({ config: loadConfig({ HERALD_DATA_DIR: store.dataDir, HERALD_DEMO: 'off' }), database, logger: false });
      try {
        expect((await app.inject({ url: `${API}/articles`, headers: { authorization: `Key ${key}` } })).statusCode).toBe(200);
      } finally {
        await app.close();
        await database.close();
      }
    } finally {
      await store.drop();
    }
  });
});
