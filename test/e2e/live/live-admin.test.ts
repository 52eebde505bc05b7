import { expect, it } from 'vitest';
import type { Role } from '../../../src/people/roles.js';
import { describeEachEngineApp } from '../../support/app.js';

describeEachEngineApp('Live blogs through the Admin API', (t) => {
  const as = async (role: Role, method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t().app.inject({ method, url, payload, headers: await t().auth(role) });
  const liveStory = async (role: Role, title: string) => {
    const story = await as(role, 'POST', '/api/admin/v1/articles', { language: 'en', title, status: role === 'contributor' ? 'draft' : 'published' });
    expect(story.statusCode).toBe(201);
    const id: number = story.json().id;
    expect((await as(role === 'contributor' ? 'editor' : role, 'POST', `/api/admin/v1/articles/${id}/live`)).statusCode).toBe(201);
    return id;
  };

  it('lets an administrator write, pin, edit and delete entries, newest first with the pinned one on top', async () => {
    const id = await liveStory('administrator', 'Election night');
    const base = `/api/admin/v1/articles/${id}/live/entries`;
    const first = await as('administrator', 'POST', base, { body: '<p>Polls close.</p><script>alert(1)</script>' });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ body: '<p>Polls close.</p>', author: { name: 'Test administrator' }, pinned: false, language: 'en' });
    const second = await as('administrator', 'POST', base, { body: '**First results**', bodyFormat: 'markdown', embed: 'https://youtu.be/dQw4w9WgXcQ' });
    expect(second.json()).toMatchObject({ body: '<p><strong>First results</strong></p>', embedUrl: 'https://www.youtube.com/watch?v=dQw4w9WgXcQ' });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const third = await as('administrator', 'POST', base, { body: '<p>Turnout at 61 %.</p>', picture: { url: 'https://example.org/p.jpg', alt: 'Queue', credit: 'AP' } });
    expect(third.json().picture).toEqual({ url: 'https://example.org/p.jpg', alt: 'Queue', caption: '', credit: 'AP' });

    const order = async () => (await as('administrator', 'GET', `/api/admin/v1/articles/${id}/live`)).json().entries.map((e: { id: number }) => e.id);
    expect(await order()).toEqual([third.json().id, second.json().id, first.json().id]);
    expect((await as('administrator', 'PATCH', `${base}/${first.json().id}`, { pinned: true })).json().pinned).toBe(true);
    expect(await order()).toEqual([first.json().id, third.json().id, second.json().id]);

    const edited = await as('administrator', 'PATCH', `${base}/${second.json().id}`, { body: '<p>Results: 52–48.</p>', embed: null });
    expect(edited.json()).toMatchObject({ body: '<p>Results: 52–48.</p>', embedUrl: null });
    expect((await as('administrator', 'DELETE', `${base}/${third.json().id}`)).statusCode).toBe(204);
    expect(await order()).toEqual([first.json().id, second.json().id]);
    expect((await as('administrator', 'DELETE', `${base}/${third.json().id}`)).statusCode).toBe(404);
  });

  it('names the fields at fault', async () => {
    const id = await liveStory('editor', 'Storm watch');
    const base = `/api/admin/v1/articles/${id}/live/entries`;
    const bad = await as('editor', 'POST', base, { body: '<p> </p>', picture: { url: 'javascript:alert(1)' }, embed: 'https://example.org/not-a-video' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['body', 'embed', 'picture.url']);
    expect((await as('editor', 'POST', base, { text: 'no body' })).statusCode).toBe(400);
    const notLive = (await as('editor', 'POST', '/api/admin/v1/articles', { language: 'en', title: 'Plain story' })).json().id;
    expect((await as('editor', 'POST', `/api/admin/v1/articles/${notLive}/live/entries`, { body: 'x' })).statusCode).toBe(404);
    expect((await as('editor', 'GET', `/api/admin/v1/articles/${notLive}/live`)).json()).toMatchObject({ blog: null, entries: [] });
  });

  it('lets editors write on any live blog', async () => {
    const id = await liveStory('administrator', 'Summit');
    const entry = await as('editor', 'POST', `/api/admin/v1/articles/${id}/live/entries`, { body: 'Leaders arrive.' });
    expect(entry.statusCode).toBe(201);
    expect((await as('editor', 'PATCH', `/api/admin/v1/articles/${id}/live/entries/${entry.json().id}`, { pinned: true })).statusCode).toBe(200);
    expect((await as('editor', 'POST', `/api/admin/v1/articles/${id}/live/state`, { state: 'closed' })).statusCode).toBe(200);
  });

  it('lets the author of the story write on its live blog, and no other author', async () => {
    const mine = await liveStory('author', 'My match report');
    const written = await as('author', 'POST', `/api/admin/v1/articles/${mine}/live/entries`, { body: 'Kick-off.' });
    expect(written.statusCode).toBe(201);
    expect(written.json().author.name).toBe('Test author');
    expect((await as('author', 'DELETE', `/api/admin/v1/articles/${mine}/live/entries/${written.json().id}`)).statusCode).toBe(204);
    const theirs = await liveStory('editor', 'Not yours');
    const refused = await as('author', 'POST', `/api/admin/v1/articles/${theirs}/live/entries`, { body: 'Sneaky.' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/only publish its own/);
    expect((await as('author', 'POST', `/api/admin/v1/articles/${theirs}/live/state`, { state: 'archived' })).statusCode).toBe(403);
  });

  it('refuses contributors, who may not publish', async () => {
    const id = await liveStory('contributor', 'Contributor draft');
    const refused = await as('contributor', 'POST', `/api/admin/v1/articles/${id}/live/entries`, { body: 'Hello.' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/contributor role may not publish/);
    expect((await as('contributor', 'POST', `/api/admin/v1/articles/${id}/live/state`, { state: 'closed' })).statusCode).toBe(403);
    expect((await as('contributor', 'GET', `/api/admin/v1/articles/${id}/live`)).statusCode).toBe(200);
  });

  it('closes, reopens and archives; an archived blog answers 409 to every change', async () => {
    const id = await liveStory('editor', 'Floods');
    const base = `/api/admin/v1/articles/${id}/live`;
    const entry = (await as('editor', 'POST', `${base}/entries`, { body: 'Water rising.' })).json();
    const closed = await as('editor', 'POST', `${base}/state`, { state: 'closed' });
    expect(closed.json().closedAt).toEqual(expect.any(String));
    // Closed is not read-only: a last word may still be added.
    expect((await as('editor', 'POST', `${base}/entries`, { body: 'Coverage ends here.' })).statusCode).toBe(201);
    expect((await as('editor', 'POST', `${base}/state`, { state: 'open' })).json().closedAt).toBeNull();
    const archived = await as('editor', 'POST', `${base}/state`, { state: 'archived' });
    expect(archived.json()).toMatchObject({ archivedAt: expect.any(String), closedAt: expect.any(String) });
    for (const [method, url, payload] of [
      ['POST', `${base}/entries`, { body: 'Too late.' }],
      ['PATCH', `${base}/entries/${entry.id}`, { body: 'Edited.' }],
      ['DELETE', `${base}/entries/${entry.id}`, undefined],
      ['POST', `${base}/state`, { state: 'open' }],
    ] as const) {
      const answer = await as('administrator', method, url, payload);
      expect(answer.statusCode).toBe(409);
      expect(answer.headers['content-type']).toMatch(/application\/json/);
      expect(answer.json().error).toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(/archived/) });
    }
    expect((await as('editor', 'GET', base)).json().entries[0].body).toBe('Coverage ends here.');
  });
});
