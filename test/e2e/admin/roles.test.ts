import { expect, it } from 'vitest';
import type { Role } from '../../../src/people/roles.js';
import { describeEachEngineApp } from '../../support/app.js';

describeEachEngineApp('Admin API roles', (t) => {
  const as = async (role: Role, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    t().app.inject({ method, url, payload, headers: await t().auth(role) });

  it('lets every role write a draft, and only authors and above publish', async () => {
    const contributorDraft = await as('contributor', 'POST', '/api/admin/v1/articles', { language: 'en', title: 'Contributor draft' });
    expect(contributorDraft.statusCode).toBe(201);
    const refused = await as('contributor', 'POST', '/api/admin/v1/articles', { language: 'en', title: 'Sneaky', status: 'published' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/contributor role may not publish/);
    // Told in stable terms too, for a client to say in its own language.
    expect(refused.json().error).toMatchObject({ code: 'FORBIDDEN', reason: 'role', verb: 'publish', role: 'contributor' });
    const id = contributorDraft.json().id;
    expect((await as('contributor', 'POST', `/api/admin/v1/articles/${id}/publish`)).statusCode).toBe(403);
    expect((await as('contributor', 'PATCH', `/api/admin/v1/articles/${id}`, { version: 1, status: 'published' })).statusCode).toBe(403);
    expect((await as('author', 'POST', '/api/admin/v1/articles', { language: 'en', title: 'Author story', status: 'published' })).statusCode).toBe(201);
  });

  it('lets authors edit and publish their own stories only; editors any', async () => {
    const mine = (await as('author', 'POST', '/api/admin/v1/articles', { language: 'en', title: 'Mine' })).json();
    const theirs = (await as('contributor', 'POST', '/api/admin/v1/articles', { language: 'en', title: 'Theirs' })).json();
    expect((await as('author', 'PATCH', `/api/admin/v1/articles/${mine.id}`, { version: 1, title: 'Mine, edited' })).statusCode).toBe(200);
    const forbidden = await as('author', 'PATCH', `/api/admin/v1/articles/${theirs.id}`, { version: 1, title: 'Hijacked' });
    expect(forbidden.statusCode).toBe(403);
    expect(forbidden.json().error.message).toMatch(/only edit its own/);
    expect(forbidden.json().error).toMatchObject({ code: 'FORBIDDEN', reason: 'own', verb: 'edit', role: 'author' });
    expect((await as('author', 'POST', `/api/admin/v1/articles/${theirs.id}/publish`)).statusCode).toBe(403);
    const trash = await as('author', 'DELETE', `/api/admin/v1/articles/${theirs.id}`);
    expect(trash.json().error).toMatchObject({ code: 'FORBIDDEN', reason: 'own', verb: 'delete', role: 'author' });
    expect((await as('contributor', 'PATCH', `/api/admin/v1/articles/${mine.id}`, { version: 2, title: 'x' })).statusCode).toBe(403);
    expect((await as('editor', 'PATCH', `/api/admin/v1/articles/${theirs.id}`, { version: 1, title: 'Edited by the editor' })).statusCode).toBe(200);
    expect((await as('editor', 'POST', `/api/admin/v1/articles/${theirs.id}/publish`)).statusCode).toBe(200);
    // Once published, the contributor may no longer change it.
    const tooLate = await as('contributor', 'PATCH', `/api/admin/v1/articles/${theirs.id}`, { version: 3, title: 'Too late' });
    expect(tooLate.json().error).toMatchObject({ code: 'FORBIDDEN', reason: 'published', verb: 'edit', role: 'contributor' });
  });

  it('lets only editors and administrators manage tags and sections', async () => {
    for (const role of ['contributor', 'author'] as const) {
      expect((await as(role, 'POST', '/api/admin/v1/tags', { language: 'en', name: `Tag by ${role}` })).statusCode).toBe(403);
      expect((await as(role, 'POST', '/api/admin/v1/sections', { names: { en: { name: `Section by ${role}` } } })).statusCode).toBe(403);
      expect((await as(role, 'GET', '/api/admin/v1/tags')).statusCode).toBe(200);
    }
    for (const role of ['editor', 'administrator'] as const) {
      const tag = await as(role, 'POST', '/api/admin/v1/tags', { language: 'fr', name: `Étiquette ${role}` });
      expect(tag.statusCode).toBe(201);
      const patched = await as(role, 'PATCH', `/api/admin/v1/tags/${tag.json().id}`, { description: 'd' });
      expect(patched.json().description).toBe('d');
      expect((await as(role, 'DELETE', `/api/admin/v1/tags/${tag.json().id}`)).statusCode).toBe(204);
      const section = await as(role, 'POST', '/api/admin/v1/sections', { names: { en: { name: `World ${role}` }, ar: { name: `العالم ${role}` } } });
      expect(section.statusCode).toBe(201);
      expect(section.json().names.ar.slug).toBe(`العالم-${role}`);
      expect((await as(role, 'DELETE', `/api/admin/v1/sections/${section.json().id}`)).statusCode).toBe(204);
    }
  });

  it('lets only administrators change settings, with 400 naming bad values', async () => {
    for (const role of ['contributor', 'author', 'editor'] as const) {
      expect((await as(role, 'PATCH', '/api/admin/v1/settings', { name: 'Hacked' })).statusCode).toBe(403);
      expect((await as(role, 'GET', '/api/admin/v1/settings')).statusCode).toBe(200);
    }
    const bad = await as('administrator', 'PATCH', '/api/admin/v1/settings', { timezone: 'Mars/Olympus', languages: ['en', '!!'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields.map((f: { field: string }) => f.field).sort()).toEqual(['languages', 'timezone']);
    const good = await as('administrator', 'PATCH', '/api/admin/v1/settings', { name: 'Le Courrier', timezone: 'Europe/Paris' });
    expect(good.json()).toMatchObject({ name: 'Le Courrier', timezone: 'Europe/Paris' });
  });

  it('suggests French tags with names and keywords and no stop-word', async () => {
    const text = 'Le gouvernement de Gabriel Attal a présenté mardi son budget. Le budget prévoit des économies pour la santé. Gabriel Attal défendra le budget devant l’Assemblée nationale.';
    const response = await as('contributor', 'GET', `/api/admin/v1/tags/suggest?language=fr&text=${encodeURIComponent(text)}`);
    expect(response.statusCode).toBe(200);
    const tags: string[] = response.json();
    expect(tags).toContain('Gabriel Attal');
    expect(tags).toContain('budget');
    for (const stop of ['pour', 'de', 'la', 'le', 'des']) expect(tags).not.toContain(stop);
    expect((await as('contributor', 'GET', '/api/admin/v1/tags/suggest?language=%%&text=x')).statusCode).toBe(400);
  });

  it('publishes its OpenAPI document', async () => {
    const doc = (await t().app.inject({ url: '/api/admin/v1/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/api/admin/v1/articles', '/api/admin/v1/articles/{id}', '/api/admin/v1/tags/suggest']));
  });
});
