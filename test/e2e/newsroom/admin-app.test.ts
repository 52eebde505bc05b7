import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_DIST } from '../../../src/admin/admin.site.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ensureAdminBuilt } from './admin-build.js';

describe('the admin app at /admin', () => {
  let t: TestApp;
  beforeAll(async () => {
    await ensureAdminBuilt();
    t = await createTestApp('sqlite');
  });
  afterAll(() => t?.close());

  it('redirects /admin to /admin/ and serves the app there', async () => {
    const redirect = await t.app.inject({ url: '/admin' });
    expect(redirect.statusCode).toBe(302);
    expect(redirect.headers.location).toBe('/admin/');
    const page = await t.app.inject({ url: '/admin/' });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('<div id="app">');
    expect(page.headers['content-security-policy']).toMatch(/script-src 'self';.*frame-ancestors 'none'/);
  });

  it('answers the app for deep links so its router shows the screen', async () => {
    const page = await t.app.inject({ url: '/admin/stories/12' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<div id="app">');
  });

  it('serves the hashed assets with a long cache lifetime', async () => {
    const script = readdirSync(`${ADMIN_DIST}/assets`).find((f) => f.endsWith('.js'))!;
    const asset = await t.app.inject({ url: `/admin/assets/${script}` });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toContain('immutable');
  });
});
