import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';

describeEachEngineApp('people and tokens', (t) => {
  const as = async (role: 'author' | 'administrator') => ({ authorization: (await t().auth(role)).authorization });

  it('shows names to everyone but e-mails only to administrators', async () => {
    const forAuthor = (await t().app.inject({ url: '/api/admin/v1/users', headers: await as('author') })).json();
    expect(forAuthor.items[0]).not.toHaveProperty('email');
    const forAdmin = (await t().app.inject({ url: '/api/admin/v1/users', headers: await as('administrator') })).json();
    expect(forAdmin.items.find((u: { role: string }) => u.role === 'author')).toMatchObject({ email: 'author@herald.test', active: false });
  });

  it("shows editors the e-mails of contributors and authors only, and lets them edit only those people's profiles", async () => {
    const { authorization } = await t().auth('editor');
    const { userId: authorId } = await t().auth('author');
    const { userId: adminId } = await t().auth('administrator');
    const items: Array<{ id: number; role: string; email?: string }> = (await t().app.inject({ url: '/api/admin/v1/users', headers: { authorization } })).json().items;
    expect(items.find((u) => u.id === authorId)).toMatchObject({ email: 'author@herald.test', active: false });
    expect(items.find((u) => u.id === adminId)).not.toHaveProperty('email');
    const bio = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/users/${authorId}`, headers: { authorization }, payload: { bio: 'Covers the port.' } });
    expect(bio.json()).toMatchObject({ id: authorId, bio: 'Covers the port.' });
    const refused = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/users/${adminId}`, headers: { authorization }, payload: { bio: 'Runs the place.' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/only manage contributors and authors, not administrators/);
  });

  it('keeps at least one administrator', async () => {
    const headers = await as('administrator');
    const { userId } = await t().auth('administrator');
    const demote = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/users/${userId}`, headers, payload: { role: 'editor' } });
    expect(demote.statusCode).toBe(409);
    expect(demote.json().error.message).toMatch(/only administrator/);
    const { userId: authorId } = await t().auth('author');
    const promote = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/users/${authorId}`, headers, payload: { role: 'editor' } });
    expect(promote.json()).toMatchObject({ id: authorId, role: 'editor' });
  });

  it('removes a person through the API, answering 4xx naming the field for what it refuses', async () => {
    const { authorization, userId: me } = await t().auth('administrator');
    const headers = { authorization };
    const remove = (id: number, query = '') => t().app.inject({ method: 'DELETE', url: `/api/admin/v1/users/${id}${query}`, headers });
    const fieldsOf = (response: { json(): { error: { fields?: Array<{ field: string }> } } }) => response.json().error.fields?.map((f) => f.field);
    const leaving = (await t().app.inject({ method: 'POST', url: '/api/admin/v1/users/invitations', headers, payload: { email: 'leaving@herald.test', name: 'Leaving', role: 'author' } })).json().user;
    const story = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers, payload: { language: 'en', title: 'Leaving words', authors: [leaving.id] } });

    const self = await remove(me, `?reassignTo=${leaving.id}`);
    expect([self.statusCode, fieldsOf(self)]).toEqual([400, ['id']]);
    const nobody = await remove(leaving.id);
    expect([nobody.statusCode, fieldsOf(nobody)]).toEqual([400, ['reassignTo']]);
    const malformed = await remove(leaving.id, '?reassignTo=someone');
    expect(malformed.statusCode).toBe(400);
    expect(JSON.stringify(malformed.json())).toContain('reassignTo');

    const done = await remove(leaving.id, `?reassignTo=${me}`);
    expect(done.json()).toEqual({ removed: { id: leaving.id, name: 'Leaving' }, reassigned: { to: me, name: 'Test administrator', versions: 1 } });
    const article = (await t().app.inject({ url: `/api/admin/v1/articles/${story.json().id}`, headers })).json();
    expect(article.authors.map((a: { id: number }) => a.id)).toEqual([me]);
    expect((await remove(leaving.id, `?reassignTo=${me}`)).statusCode).toBe(404);
  });

  it('creates an Admin API token that works at once and stops working when revoked', async () => {
    const headers = await as('administrator');
    const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/tokens', headers, payload: { name: 'Newsletter', role: 'author' } });
    expect(created.statusCode).toBe(201);
    const { id, token } = created.json();
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t().app.inject({ url: '/api/admin/v1/articles', headers: bearer })).statusCode).toBe(200);
    const listed = (await t().app.inject({ url: '/api/admin/v1/tokens', headers })).json();
    expect(listed.items.find((i: { id: number }) => i.id === id)).toMatchObject({ name: 'Newsletter', role: 'author' });
    expect(JSON.stringify(listed)).not.toContain(token);
    expect((await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/tokens/${id}`, headers })).statusCode).toBe(204);
    expect((await t().app.inject({ url: '/api/admin/v1/articles', headers: bearer })).statusCode).toBe(401);
  });
});
