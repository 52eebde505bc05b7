import { expect, it, vi } from 'vitest';
import { firstAdministratorLink } from '../../../src/people/setup.js';
import { describeEachEngineApp } from '../../support/app.js';
import { person, signIn } from './people.js';

const tokenOf = (url: string) => url.split('/admin/link/')[1];

describeEachEngineApp('one-time links: set-up, invitations and password resets', (t) => {
  it('gives a fresh site a set-up link that makes its first administrator, once', async () => {
    const link = await firstAdministratorLink(t().database.db, 'http://herald.test');
    expect(link).toMatch(/^http:\/\/herald\.test\/admin\/link\//);
    const token = tokenOf(link!);
    expect((await t().app.inject({ url: `/api/admin/v1/links/${token}` })).json().purpose).toBe('setup');
    const used = await t().app.inject({
      method: 'POST',
      url: `/api/admin/v1/links/${token}`,
      payload: { email: 'chief@herald.test', name: 'Chief', password: 'a long enough password' },
    });
    expect(used.statusCode).toBe(200);
    expect(used.json().user).toMatchObject({ role: 'administrator', email: 'chief@herald.test' });
    expect(used.headers['set-cookie']).toBeTruthy();
    const again = await t().app.inject({
      method: 'POST',
      url: `/api/admin/v1/links/${token}`,
      payload: { email: 'other@herald.test', name: 'Other', password: 'a long enough password' },
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.message).toMatch(/already used or expired/);
    // Someone can sign in now: no further set-up link.
    expect(await firstAdministratorLink(t().database.db, 'http://herald.test')).toBeNull();
  });

  it('lets an administrator invite a person, who chooses a password through the link', async () => {
    const admin = await signIn(t().app, (await person(t().database.db, 'administrator')).email);
    const invited = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/users/invitations',
      headers: admin.headers,
      payload: { email: 'new.writer@herald.test', name: 'New Writer', role: 'contributor' },
    });
    expect(invited.statusCode).toBe(201);
    expect(invited.json().delivery).toBe('logged');
    const token = tokenOf(invited.json().url);
    expect((await t().app.inject({ url: `/api/admin/v1/links/${token}` })).json()).toMatchObject({
      purpose: 'invitation',
      email: 'new.writer@herald.test',
      role: 'contributor',
    });
    const short = await t().app.inject({ method: 'POST', url: `/api/admin/v1/links/${token}`, payload: { password: 'short' } });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.fields[0].field).toBe('password');
    const accepted = await t().app.inject({ method: 'POST', url: `/api/admin/v1/links/${token}`, payload: { password: 'my own new password' } });
    expect(accepted.statusCode).toBe(200);
    await signIn(t().app, 'new.writer@herald.test', 'my own new password');
  });

  it('resets a forgotten password by link, signing out everywhere and lifting a lock-out', async () => {
    const user = await person(t().database.db, 'author');
    const old = await signIn(t().app, user.email);
    const unknown = await t().app.inject({ method: 'POST', url: '/api/admin/v1/password-reset', payload: { email: 'nobody@herald.test' } });
    const known = await t().app.inject({ method: 'POST', url: '/api/admin/v1/password-reset', payload: { email: user.email } });
    expect(known.statusCode).toBe(202);
    expect(known.json()).toEqual(unknown.json());
    // The link is made after the answer (see password-reset.test.ts).
    await vi.waitFor(async () => {
      const link = await t().database.db.selectFrom('user_links').selectAll().where('user_id', '=', user.id).where('purpose', '=', 'reset').execute();
      expect(link).toHaveLength(1);
    });
    // The link's secret is not stored; make a second, known link through the service to use it.
    const { createLink } = await import('../../../src/people/links.service.js');
    const { token } = await createLink(t().database.db, 'reset', user.id, 'test');
    const reset = await t().app.inject({ method: 'POST', url: `/api/admin/v1/links/${token}`, payload: { password: 'a brand new password' } });
    expect(reset.statusCode).toBe(200);
    expect((await t().app.inject({ url: '/api/admin/v1/session', headers: { cookie: old.cookie } })).statusCode).toBe(401);
    await signIn(t().app, user.email, 'a brand new password');
  });

  it('refuses invitations of administrators from anyone but an administrator', async () => {
    const refusals = { contributor: 'contributor role may not', author: 'author role may not', editor: 'editor role may only manage contributors and authors' };
    for (const [role, message] of Object.entries(refusals) as Array<['contributor' | 'author' | 'editor', string]>) {
      const browser = await signIn(t().app, (await person(t().database.db, role)).email);
      const response = await t().app.inject({
        method: 'POST',
        url: '/api/admin/v1/users/invitations',
        headers: browser.headers,
        payload: { email: `x-${role}@herald.test`, name: 'X', role: 'administrator' },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.message).toContain(message);
    }
  });
});
