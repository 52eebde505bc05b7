import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';

const DAY = 24 * 60 * 60 * 1000;

describeEachEngineApp('preview links', (t) => {
  const admin = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, role: 'contributor' | 'editor' = 'contributor', payload?: object) => {
    const { authorization } = await t().auth(role);
    return t().app.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization }, ...(payload ? { payload } : {}) });
  };
  const draft = async (title: string) =>
    (await admin('POST', '/articles', 'contributor', { language: 'en', title, body: '<p>Not out yet: the council votes on Friday.</p>' })).json();
  const previewOf = async (id: number, role: 'contributor' | 'editor' = 'contributor') => {
    const answer = await admin('POST', `/articles/${id}/preview`, role);
    expect(answer.statusCode).toBe(200);
    return answer.json() as { url: string; expiresAt: string };
  };
  const visit = (url: string) => t().app.inject({ url: new URL(url).pathname });

  it('shows a draft, as readers will see it, to anyone with the link: no account, no cache, no search engine, no comments', async () => {
    const story = await draft('Council vote preview');
    const link = await previewOf(story.id);
    expect(link.url).toMatch(/^http:\/\/herald\.test\/preview\/[\w-]+\.[\w-]+$/);
    expect(Date.parse(link.expiresAt) - Date.now()).toBeGreaterThan(6 * DAY);
    const page = await visit(link.url);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Council vote preview</h1>');
    expect(page.body).toContain('Not out yet: the council votes on Friday.');
    expect(page.body).toMatch(/Preview: this story is not published yet\. This link works until/);
    expect(page.body).toContain('<meta name="robots" content="noindex, nofollow"');
    expect(page.headers['cache-control']).toBe('private, no-store');
    expect(page.headers['x-robots-tag']).toBe('noindex, nofollow');
    expect(page.headers['referrer-policy']).toBe('no-referrer');
    expect(page.body).not.toContain('id="comments"');
    // The public address still answers 404 until it is published.
    expect((await t().app.inject({ url: `/en/${story.slug}` })).statusCode).toBe(404);
  });

  it('shows each edit at once (no cached copy), then leads to the live page once the story is published', async () => {
    const story = await draft('Budget preview');
    const link = await previewOf(story.id);
    expect((await visit(link.url)).body).toContain('Not out yet');
    await admin('PATCH', `/articles/${story.id}`, 'contributor', { version: story.version, body: '<p>Edited: the vote moved to Monday.</p>' });
    expect((await visit(link.url)).body).toContain('Edited: the vote moved to Monday.');
    expect((await admin('POST', `/articles/${story.id}/publish`, 'editor')).statusCode).toBe(200);
    const moved = await visit(link.url);
    expect(moved.statusCode).toBe(302);
    expect(moved.headers.location).toBe(`/en/${story.slug}`);
  });

  it('answers 404 to a link changed by one character, to an expired one and to one of a story moved to the trash', async () => {
    const story = await draft('Trash preview');
    const link = await previewOf(story.id);
    const path = new URL(link.url).pathname;
    const forged = path.slice(0, -1) + (path.endsWith('A') ? 'B' : 'A');
    expect((await t().app.inject({ url: forged })).statusCode).toBe(404);
    // Another story's id in a copied signature does not pass either.
    const [body, signature] = path.slice('/preview/'.length).split('.');
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), article: story.id + 1 })).toString('base64url');
    expect((await t().app.inject({ url: `/preview/${other}.${signature}` })).statusCode).toBe(404);
    expect((await t().app.inject({ url: '/preview/nonsense' })).statusCode).toBe(404);

    const later = await previewOf((await draft('Expiring preview')).id);
    t().advanceClock(8 * DAY);
    expect((await visit(later.url)).statusCode).toBe(404);

    t().advanceClock(-8 * DAY);
    expect((await visit(link.url)).statusCode).toBe(200);
    expect((await admin('DELETE', `/articles/${story.id}`, 'editor')).statusCode).toBe(200);
    expect((await visit(link.url)).statusCode).toBe(404);
  });

  it('is made for staff of every role, for a story that exists, and never without signing in', async () => {
    const story = await draft('Roles preview');
    for (const role of ['contributor', 'author', 'editor', 'administrator'] as const) {
      const { authorization } = await t().auth(role);
      const answer = await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story.id}/preview`, headers: { authorization } });
      expect(answer.statusCode, role).toBe(200);
    }
    expect((await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story.id}/preview` })).statusCode).toBe(401);
    expect((await admin('POST', '/articles/999999/preview')).statusCode).toBe(404);
    expect((await admin('POST', '/articles/0/preview')).statusCode).toBe(400);
  });
});
