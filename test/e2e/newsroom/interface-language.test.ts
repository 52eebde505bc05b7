import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { person, signIn } from './people.js';

describeEachEngineApp('each person chooses the language they read the admin in', (t) => {
  it('keeps the choice on the account, for every session, and null goes back to the browser', async () => {
    const editor = await person(t().database.db, 'editor');
    const browser = await signIn(t().app, editor.email);
    const session = await t().app.inject({ url: '/api/admin/v1/session', headers: { cookie: browser.cookie } });
    expect(session.json().user.interfaceLanguage).toBeNull();

    const chosen = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/session', headers: browser.headers, payload: { interfaceLanguage: 'ar' } });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json().user.interfaceLanguage).toBe('ar');
    // Another sign-in (another browser) reads the admin in the same language.
    const elsewhere = await signIn(t().app, editor.email);
    const again = await t().app.inject({ url: '/api/admin/v1/session', headers: { cookie: elsewhere.cookie } });
    expect(again.json().user.interfaceLanguage).toBe('ar');

    const cleared = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/session', headers: browser.headers, payload: { interfaceLanguage: null } });
    expect(cleared.json().user.interfaceLanguage).toBeNull();
  });

  it('refuses a language the admin is not written in, naming the field, and a change without the CSRF token', async () => {
    const author = await person(t().database.db, 'author');
    const browser = await signIn(t().app, author.email);
    const unknown = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/session', headers: browser.headers, payload: { interfaceLanguage: 'tlh' } });
    expect(unknown.statusCode).toBe(400);
    expect(JSON.stringify(unknown.json().error)).toContain('interfaceLanguage');
    const forged = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/session', headers: { cookie: browser.cookie }, payload: { interfaceLanguage: 'fr' } });
    expect(forged.statusCode).toBe(403);
    const stored = await t().database.db.selectFrom('users').select('interface_language').where('id', '=', author.id).executeTakeFirstOrThrow();
    expect(stored.interface_language).toBeNull();
  });

  it('answers 401 to someone not signed in', async () => {
    const response = await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/session', payload: { interfaceLanguage: 'fr' } });
    expect(response.statusCode).toBe(401);
  });
});
