import { expect, it } from 'vitest';
import { MAX_FAILURES } from '../../../src/people/sign-in.service.js';
import { describeEachEngineApp } from '../../support/app.js';
import { cookieFrom, PASSWORD, person, signIn } from './people.js';

describeEachEngineApp('signing in to the newsroom', (t) => {
  it('signs in with e-mail and password and sets an HttpOnly, SameSite=Lax session cookie', async () => {
    const user = await person(t().database.db, 'author');
    const response = await t().app.inject({ method: 'POST', url: '/api/admin/v1/session', payload: { email: ` ${user.email.toUpperCase()} `, password: PASSWORD } });
    expect(response.statusCode).toBe(200);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/^herald_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);
    const body = response.json();
    expect(body.user).toMatchObject({ id: user.id, role: 'author', email: user.email });
    expect(body.permissions).toContain('articles.publish.own');
    expect(body.permissions).not.toContain('articles.publish.any');
    const stored = await t().database.db.selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(stored).toHaveLength(1);
    // Only a hash of the cookie's secret is stored.
    expect(stored[0].token_hash).not.toBe(cookieFrom(response.headers['set-cookie']).split('=')[1]);
  });

  it('ignores a forged X-Forwarded-Proto from a client that is no trusted proxy (see trust-proxy.test.ts)', async () => {
    const user = await person(t().database.db, 'editor');
    const response = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/session',
      headers: { 'x-forwarded-proto': 'https' },
      payload: { email: user.email, password: PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(String(response.headers['set-cookie'])).not.toMatch(/Secure/);
  });

  it('answers 401 with one message for a wrong password and an unknown e-mail alike', async () => {
    const user = await person(t().database.db, 'author');
    const wrong = await t().app.inject({ method: 'POST', url: '/api/admin/v1/session', payload: { email: user.email, password: 'nope nope nope' } });
    const unknown = await t().app.inject({ method: 'POST', url: '/api/admin/v1/session', payload: { email: 'nobody@herald.test', password: 'nope nope nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.message).toBe(unknown.json().error.message);
  });

  it(`locks sign-in for an e-mail after ${MAX_FAILURES} wrong passwords, even with the right one`, async () => {
    const user = await person(t().database.db, 'author');
    for (let i = 1; i < MAX_FAILURES; i++) {
      const response = await t().app.inject({ method: 'POST', url: '/api/admin/v1/session', payload: { email: user.email, password: `wrong ${i}` } });
      expect(response.statusCode).toBe(401);
    }
    const tenth = await t().app.inject({ method: 'POST', url: '/api/admin/v1/session', payload: { email: user.email, password: 'wrong 10' } });
    expect(tenth.statusCode).toBe(429);
    expect(tenth.json().error.message).toMatch(/locked/);
    const right = await t().app.inject({ method: 'POST', url: '/api/admin/v1/session', payload: { email: user.email, password: PASSWORD } });
    expect(right.statusCode).toBe(429);
    expect(right.json().error.lockedUntil).toBeTruthy();
  });

  it('uses the session for the Admin API and refuses a cookie-authenticated write without the CSRF token', async () => {
    const user = await person(t().database.db, 'author');
    const browser = await signIn(t().app, user.email);
    const read = await t().app.inject({ url: '/api/admin/v1/articles', headers: { cookie: browser.cookie } });
    expect(read.statusCode).toBe(200);
    const story = { language: 'en', title: 'Written in the browser' };
    const forged = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { cookie: browser.cookie }, payload: story });
    expect(forged.statusCode).toBe(403);
    expect(forged.json().error.message).toMatch(/CSRF/);
    const wrongToken = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { cookie: browser.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload: story,
    });
    expect(wrongToken.statusCode).toBe(403);
    const formPost = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { cookie: browser.cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'language=en&title=forged',
    });
    expect(formPost.statusCode).toBe(403);
    const real = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: browser.headers, payload: story });
    expect(real.statusCode).toBe(201);
    expect(real.json().authors.map((a: { id: number }) => a.id)).toEqual([user.id]);
  });

  it('signs out of one browser, or of every browser at once', async () => {
    const user = await person(t().database.db, 'editor');
    const first = await signIn(t().app, user.email);
    const second = await signIn(t().app, user.email);
    const third = await signIn(t().app, user.email);
    const out = await t().app.inject({ method: 'DELETE', url: '/api/admin/v1/session', headers: first.headers });
    expect(out.statusCode).toBe(204);
    expect((await t().app.inject({ url: '/api/admin/v1/session', headers: { cookie: first.cookie } })).statusCode).toBe(401);
    expect((await t().app.inject({ url: '/api/admin/v1/session', headers: { cookie: second.cookie } })).statusCode).toBe(200);
    const everywhere = await t().app.inject({ method: 'DELETE', url: '/api/admin/v1/sessions', headers: second.headers });
    expect(everywhere.statusCode).toBe(204);
    for (const browser of [second, third]) {
      expect((await t().app.inject({ url: '/api/admin/v1/articles', headers: { cookie: browser.cookie } })).statusCode).toBe(401);
    }
  });

  it('lets an editor sign an author out everywhere, but not another editor', async () => {
    const editor = await signIn(t().app, (await person(t().database.db, 'editor')).email);
    const author = await person(t().database.db, 'author');
    const colleague = await person(t().database.db, 'editor');
    const authorBrowsers = [await signIn(t().app, author.email), await signIn(t().app, author.email)];
    const colleagueBrowser = await signIn(t().app, colleague.email);
    const out = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/users/${author.id}/sessions`, headers: editor.headers });
    expect(out.statusCode).toBe(200);
    expect(out.json()).toEqual({ ended: 2 });
    for (const browser of authorBrowsers) {
      expect((await t().app.inject({ url: '/api/admin/v1/session', headers: { cookie: browser.cookie } })).statusCode).toBe(401);
    }
    const refused = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/users/${colleague.id}/sessions`, headers: editor.headers });
    expect(refused.statusCode).toBe(403);
    expect((await t().app.inject({ url: '/api/admin/v1/session', headers: { cookie: colleagueBrowser.cookie } })).statusCode).toBe(200);
    const missing = await t().app.inject({ method: 'DELETE', url: '/api/admin/v1/users/999999/sessions', headers: editor.headers });
    expect(missing.statusCode).toBe(404);
  });

  it('applies a change of role to sessions already open, and ends a session when it expires', async () => {
    const { db } = t().database;
    const user = await person(db, 'editor');
    const browser = await signIn(t().app, user.email);
    await db.updateTable('users').set({ role: 'contributor' }).where('id', '=', user.id).execute();
    const story = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: browser.headers, payload: { language: 'en', title: 'Now a contributor', status: 'published' } });
    expect(story.statusCode).toBe(403);
    await db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000).toISOString() }).where('user_id', '=', user.id).execute();
    expect((await t().app.inject({ url: '/api/admin/v1/session', headers: { cookie: browser.cookie } })).statusCode).toBe(401);
  });
});
