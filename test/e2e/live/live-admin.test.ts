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

  it('keeps a deleted entry restorable for a while: the editor lists it, a restore brings it back where it was and to readers', async () => {
    const id = await liveStory('editor', 'Wildfire');
    const base = `/api/admin/v1/articles/${id}/live`;
    const first = (await as('editor', 'POST', `${base}/entries`, { body: 'Fire reported north of town.' })).json();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = (await as('editor', 'POST', `${base}/entries`, { body: 'Evacuation ordered.' })).json();
    expect((await as('editor', 'DELETE', `${base}/entries/${second.id}`)).statusCode).toBe(204);
    const listed = (await as('editor', 'GET', base)).json();
    expect(listed.entries.map((e: { id: number }) => e.id)).toEqual([first.id]);
    expect(listed.deleted).toEqual([expect.objectContaining({ id: second.id, body: expect.stringContaining('Evacuation ordered.'), deletedAt: expect.any(String) })]);
    const cursor = new Date().toISOString();
    const restored = await as('editor', 'POST', `${base}/entries/${second.id}/restore`);
    expect(restored.statusCode).toBe(200);
    expect(restored.json()).toMatchObject({ id: second.id, deletedAt: null, publishedAt: second.publishedAt });
    const after = (await as('editor', 'GET', base)).json();
    expect(after.entries.map((e: { id: number }) => e.id)).toEqual([second.id, first.id]);
    expect(after.deleted).toEqual([]);
    // Readers' pages get it back as they get a new entry.
    const updates = (await t().app.inject({ url: `/live/${id}/updates?since=${encodeURIComponent(cursor)}` })).json().updates;
    expect(updates.find((u: { id: number }) => u.id === second.id)).toMatchObject({ deleted: false, html: expect.stringContaining('Evacuation ordered.') });
    expect((await t().app.inject({ url: new URL((await as('editor', 'GET', `/api/admin/v1/articles/${id}`)).json().url).pathname })).body).toContain('Evacuation ordered.');
    // Only a deleted entry can be restored.
    expect((await as('editor', 'POST', `${base}/entries/${second.id}/restore`)).statusCode).toBe(404);
  });

  it('lets restore whoever may write on the blog: administrators and editors, the story\'s author, no other author nor a contributor', async () => {
    const deletedOn = async (storyId: number, role: Role) => {
      const entry = (await as(role, 'POST', `/api/admin/v1/articles/${storyId}/live/entries`, { body: 'Gone for now.' })).json();
      expect((await as(role, 'DELETE', `/api/admin/v1/articles/${storyId}/live/entries/${entry.id}`)).statusCode).toBe(204);
      return `/api/admin/v1/articles/${storyId}/live/entries/${entry.id}/restore`;
    };
    const editors = await liveStory('editor', 'Desk story');
    expect((await as('administrator', 'POST', await deletedOn(editors, 'editor'))).statusCode).toBe(200);
    expect((await as('editor', 'POST', await deletedOn(editors, 'administrator'))).statusCode).toBe(200);
    const refusedAuthor = await as('author', 'POST', await deletedOn(editors, 'editor'));
    expect(refusedAuthor.statusCode).toBe(403);
    expect(refusedAuthor.json().error.message).toMatch(/only publish its own/);
    const mine = await liveStory('author', 'Author story');
    expect((await as('author', 'POST', await deletedOn(mine, 'author'))).statusCode).toBe(200);
    const drafted = await liveStory('contributor', 'Contributor story');
    const refusedContributor = await as('contributor', 'POST', await deletedOn(drafted, 'editor'));
    expect(refusedContributor.statusCode).toBe(403);
  });

  it('keeps deleted entries restorable 30 days, and not once the blog is archived', async () => {
    const id = await liveStory('editor', 'Drought');
    const base = `/api/admin/v1/articles/${id}/live`;
    const old = (await as('editor', 'POST', `${base}/entries`, { body: 'Reservoirs at 20 %.' })).json();
    const recent = (await as('editor', 'POST', `${base}/entries`, { body: 'Hosepipe ban.' })).json();
    await as('editor', 'DELETE', `${base}/entries/${old.id}`);
    await as('editor', 'DELETE', `${base}/entries/${recent.id}`);
    await t().database.db.updateTable('live_entries').set({ deleted_at: new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString() }).where('id', '=', old.id).execute();
    expect((await as('editor', 'GET', base)).json().deleted.map((e: { id: number }) => e.id)).toEqual([recent.id]);
    expect((await as('editor', 'POST', `${base}/entries/${old.id}/restore`)).statusCode).toBe(404);
    await as('editor', 'POST', `${base}/state`, { state: 'archived' });
    expect((await as('editor', 'GET', base)).json().deleted).toEqual([]);
    const refused = await as('editor', 'POST', `${base}/entries/${recent.id}/restore`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/archived/);
  });
});
