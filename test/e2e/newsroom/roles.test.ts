import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import { ROLES, type Role } from '../../../src/people/roles.js';
import { createApiToken } from '../../../src/people/tokens.service.js';
import { createUser } from '../../../src/people/users.service.js';
import { multipart, png } from './media-files.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';

type Headers = { authorization: string };

interface Fixtures {
  me: Headers & { userId: number };
  /** Another writer's token: their stories are not "own" for any role under test. */
  other: Headers;
  otherUserId: number;
  /** An author's id: editors manage contributors and authors, not editors. */
  writerUserId: number;
  story(owner: Headers, fields?: Record<string, unknown>): Promise<{ id: number; version: number }>;
  /** A draft of `owner`'s, submitted for review by its owner. */
  submitted(owner: Headers): Promise<number>;
  /** A story of `owner`'s, moved to the trash by its owner. */
  trashed(owner: Headers): Promise<number>;
  tag(): Promise<number>;
  section(): Promise<number>;
  /** A picture an administrator uploaded. */
  media(): Promise<number>;
  /** A picture recorded as uploaded by `me`, used on no story. */
  ownMedia(): Promise<number>;
}

interface Case {
  route: string;
  allowed: readonly Role[];
  request(f: Fixtures): Promise<InjectOptions>;
}

const everyone = ROLES;
const authorUp: Role[] = ['author', 'editor', 'administrator'];
const editorUp: Role[] = ['editor', 'administrator'];
const adminOnly: Role[] = ['administrator'];
const unique = () => Math.random().toString(36).slice(2, 8);
let ownPictures = 0;

/** Every Admin API route, what it is asked to do, and which roles may do it (src/people/permissions.ts). */
const CASES: Case[] = [
  { route: 'GET /articles', allowed: everyone, request: async () => ({ method: 'GET', url: '/articles' }) },
  { route: 'POST /articles (draft)', allowed: everyone, request: async () => ({ method: 'POST', url: '/articles', payload: { language: 'en', title: 'Draft' } }) },
  { route: 'POST /articles (published)', allowed: authorUp, request: async () => ({ method: 'POST', url: '/articles', payload: { language: 'en', title: 'Out now', status: 'published' } }) },
  { route: 'GET /articles/:id', allowed: everyone, request: async (f) => ({ method: 'GET', url: `/articles/${(await f.story(f.other)).id}` }) },
  { route: 'PATCH /articles/:id (own draft)', allowed: everyone, request: async (f) => { const s = await f.story(f.me); return { method: 'PATCH', url: `/articles/${s.id}`, payload: { version: s.version, title: 'Mine, better' } }; } },
  { route: "PATCH /articles/:id (another's)", allowed: editorUp, request: async (f) => { const s = await f.story(f.other); return { method: 'PATCH', url: `/articles/${s.id}`, payload: { version: s.version, title: 'Theirs, changed' } }; } },
  { route: 'POST /articles/:id/publish (own)', allowed: authorUp, request: async (f) => ({ method: 'POST', url: `/articles/${(await f.story(f.me)).id}/publish` }) },
  { route: "POST /articles/:id/publish (another's)", allowed: editorUp, request: async (f) => ({ method: 'POST', url: `/articles/${(await f.story(f.other)).id}/publish` }) },
  { route: "POST /articles/:id/unpublish (another's)", allowed: editorUp, request: async (f) => ({ method: 'POST', url: `/articles/${(await f.story(f.other, { status: 'published' })).id}/unpublish` }) },
  { route: 'DELETE /articles/:id (own)', allowed: everyone, request: async (f) => ({ method: 'DELETE', url: `/articles/${(await f.story(f.me)).id}` }) },
  { route: "DELETE /articles/:id (another's)", allowed: editorUp, request: async (f) => ({ method: 'DELETE', url: `/articles/${(await f.story(f.other)).id}` }) },
  { route: "POST /articles/:id/restore (another's, from the trash)", allowed: editorUp, request: async (f) => ({ method: 'POST', url: `/articles/${await f.trashed(f.other)}/restore` }) },
  { route: 'DELETE /articles/:id?permanent=true (own, from the trash)', allowed: everyone, request: async (f) => ({ method: 'DELETE', url: `/articles/${await f.trashed(f.me)}?permanent=true` }) },
  { route: "DELETE /articles/:id?permanent=true (another's)", allowed: editorUp, request: async (f) => ({ method: 'DELETE', url: `/articles/${await f.trashed(f.other)}?permanent=true` }) },
  { route: 'POST /articles/:id/submit (own draft)', allowed: everyone, request: async (f) => ({ method: 'POST', url: `/articles/${(await f.story(f.me)).id}/submit` }) },
  { route: "POST /articles/:id/submit (another's)", allowed: [], request: async (f) => ({ method: 'POST', url: `/articles/${(await f.story(f.other)).id}/submit` }) },
  { route: "POST /articles/:id/send-back (another's, submitted)", allowed: editorUp, request: async (f) => ({ method: 'POST', url: `/articles/${await f.submitted(f.other)}/send-back`, payload: { note: 'Check the figures.' } }) },
  { route: 'GET /articles/:id/revisions', allowed: everyone, request: async (f) => ({ method: 'GET', url: `/articles/${(await f.story(f.other)).id}/revisions` }) },
  { route: 'GET /tags', allowed: everyone, request: async () => ({ method: 'GET', url: '/tags' }) },
  { route: 'GET /tags/suggest', allowed: everyone, request: async () => ({ method: 'GET', url: '/tags/suggest?language=en&text=Elections%20in%20Paris' }) },
  { route: 'POST /tags', allowed: editorUp, request: async () => ({ method: 'POST', url: '/tags', payload: { language: 'en', name: `Tag ${unique()}` } }) },
  { route: 'PATCH /tags/:id', allowed: editorUp, request: async (f) => ({ method: 'PATCH', url: `/tags/${await f.tag()}`, payload: { description: 'Changed' } }) },
  { route: 'DELETE /tags/:id', allowed: editorUp, request: async (f) => ({ method: 'DELETE', url: `/tags/${await f.tag()}` }) },
  { route: 'GET /sections', allowed: everyone, request: async () => ({ method: 'GET', url: '/sections' }) },
  { route: 'POST /sections', allowed: editorUp, request: async () => ({ method: 'POST', url: '/sections', payload: { names: { en: { name: `Section ${unique()}` } } } }) },
  { route: 'PATCH /sections/:id', allowed: editorUp, request: async (f) => ({ method: 'PATCH', url: `/sections/${await f.section()}`, payload: { position: 3 } }) },
  { route: 'DELETE /sections/:id', allowed: editorUp, request: async (f) => ({ method: 'DELETE', url: `/sections/${await f.section()}` }) },
  { route: 'GET /settings', allowed: everyone, request: async () => ({ method: 'GET', url: '/settings' }) },
  { route: 'PATCH /settings', allowed: adminOnly, request: async () => ({ method: 'PATCH', url: '/settings', payload: { description: 'Changed' } }) },
  { route: 'GET /users', allowed: everyone, request: async () => ({ method: 'GET', url: '/users' }) },
  { route: 'POST /users/invitations (an author)', allowed: editorUp, request: async () => ({ method: 'POST', url: '/users/invitations', payload: { email: `${unique()}@herald.test`, name: 'Invited', role: 'author' } }) },
  { route: 'POST /users/invitations (a contributor)', allowed: editorUp, request: async () => ({ method: 'POST', url: '/users/invitations', payload: { email: `${unique()}@herald.test`, name: 'Invited', role: 'contributor' } }) },
  { route: 'POST /users/invitations (an editor)', allowed: adminOnly, request: async () => ({ method: 'POST', url: '/users/invitations', payload: { email: `${unique()}@herald.test`, name: 'Invited', role: 'editor' } }) },
  { route: 'POST /users/invitations (an administrator)', allowed: adminOnly, request: async () => ({ method: 'POST', url: '/users/invitations', payload: { email: `${unique()}@herald.test`, name: 'Invited', role: 'administrator' } }) },
  { route: 'PATCH /users/:id (an editor)', allowed: adminOnly, request: async (f) => ({ method: 'PATCH', url: `/users/${f.otherUserId}`, payload: { name: 'Renamed' } }) },
  { route: 'PATCH /users/:id (an author: profile)', allowed: editorUp, request: async (f) => ({ method: 'PATCH', url: `/users/${f.writerUserId}`, payload: { name: 'Renamed', bio: 'Writes about ports.' } }) },
  { route: 'PATCH /users/:id (an author made contributor)', allowed: editorUp, request: async (f) => ({ method: 'PATCH', url: `/users/${f.writerUserId}`, payload: { role: 'contributor' } }) },
  { route: 'PATCH /users/:id (an author made editor)', allowed: adminOnly, request: async (f) => ({ method: 'PATCH', url: `/users/${f.writerUserId}`, payload: { role: 'editor' } }) },
  { route: "DELETE /users/:id/sessions (an editor's)", allowed: adminOnly, request: async (f) => ({ method: 'DELETE', url: `/users/${f.otherUserId}/sessions` }) },
  { route: "DELETE /users/:id/sessions (an author's)", allowed: editorUp, request: async (f) => ({ method: 'DELETE', url: `/users/${f.writerUserId}/sessions` }) },
  { route: 'DELETE /users/:id (an author, stories to an editor)', allowed: adminOnly, request: async (f) => ({ method: 'DELETE', url: `/users/${f.writerUserId}?reassignTo=${f.otherUserId}` }) },
  { route: 'GET /demo-content', allowed: adminOnly, request: async () => ({ method: 'GET', url: '/demo-content' }) },
  { route: 'DELETE /demo-content', allowed: adminOnly, request: async () => ({ method: 'DELETE', url: '/demo-content' }) },
  { route: 'POST /media', allowed: authorUp, request: async () => ({ method: 'POST', url: '/media', ...multipart('pixel.png', 'image/png', await png(40, 30)) }) },
  { route: 'GET /media', allowed: everyone, request: async () => ({ method: 'GET', url: '/media?q=pixel' }) },
  { route: "PATCH /media/:id (another's picture)", allowed: editorUp, request: async (f) => ({ method: 'PATCH', url: `/media/${await f.media()}`, payload: { alt: 'A pixel' } }) },
  { route: 'PATCH /media/:id (own picture)', allowed: authorUp, request: async (f) => ({ method: 'PATCH', url: `/media/${await f.ownMedia()}`, payload: { alt: 'My pixel' } }) },
  { route: 'PATCH /media/settings', allowed: adminOnly, request: async () => ({ method: 'PATCH', url: '/media/settings', payload: { maxUploadMb: 20 } }) },
  { route: 'GET /articles/:id/translations', allowed: everyone, request: async (f) => ({ method: 'GET', url: `/articles/${(await f.story(f.other)).id}/translations` }) },
  { route: 'POST /articles/:id/translations (a draft)', allowed: everyone, request: async (f) => ({ method: 'POST', url: `/articles/${(await f.story(f.other)).id}/translations`, payload: { language: 'fr' } }) },
  { route: 'GET /machine-translation', allowed: everyone, request: async () => ({ method: 'GET', url: '/machine-translation' }) },
  { route: 'PUT /machine-translation', allowed: adminOnly, request: async () => ({ method: 'PUT', url: '/machine-translation', payload: { provider: null } }) },
  { route: 'GET /tokens', allowed: adminOnly, request: async () => ({ method: 'GET', url: '/tokens' }) },
  { route: 'POST /tokens', allowed: adminOnly, request: async () => ({ method: 'POST', url: '/tokens', payload: { name: 'CI', role: 'author' } }) },
  { route: 'GET /content-keys', allowed: adminOnly, request: async () => ({ method: 'GET', url: '/content-keys' }) },
  { route: 'POST /content-keys', allowed: adminOnly, request: async () => ({ method: 'POST', url: '/content-keys', payload: { name: 'App' } }) },
];

async function fixtures(t: TestApp, role: Role): Promise<Fixtures> {
  const me = await t.auth(role);
  const owner = await createUser(t.database.db, { email: `owner-${unique()}@herald.test`, name: 'Other writer', role: 'editor' });
  const other = { authorization: `Bearer ${(await createApiToken(t.database.db, { name: 'other', role: 'editor', userId: owner.id })).token}` };
  const writer = await createUser(t.database.db, { email: `writer-${unique()}@herald.test`, name: 'A writer', role: 'author' });
  const admin = await t.auth('administrator');
  const post = async (headers: Headers, url: string, payload: object) => {
    const response = await t.app.inject({ method: 'POST', url: `/api/admin/v1${url}`, headers, payload });
    if (response.statusCode !== 201) throw new Error(`fixture ${url}: ${response.body}`);
    return response.json();
  };
  return {
    me,
    other,
    otherUserId: owner.id,
    writerUserId: writer.id,
    story: (owner, fields = {}) => post(owner, '/articles', { language: 'en', title: `Story ${unique()}`, ...fields }),
    submitted: async (owner) => {
      const { id } = await post(owner, '/articles', { language: 'en', title: `Submitted ${unique()}` });
      await t.app.inject({ method: 'POST', url: `/api/admin/v1/articles/${id}/submit`, headers: owner });
      return id;
    },
    trashed: async (owner) => {
      const { id } = await post(owner, '/articles', { language: 'en', title: `Trashed ${unique()}` });
      await t.app.inject({ method: 'DELETE', url: `/api/admin/v1/articles/${id}`, headers: owner });
      return id;
    },
    tag: async () => (await post(admin, '/tags', { language: 'en', name: `Fixture ${unique()}` })).id,
    media: async () => {
      const body = multipart('fixture.png', 'image/png', await png(41, 31));
      const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, authorization: admin.authorization }, payload: body.payload });
      return response.json().id;
    },
    ownMedia: async () => {
      // Uploaded by an administrator and recorded as `me`'s: a contributor cannot upload, but
      // may hold pictures uploaded while an author. Its own size makes it a picture of its own.
      const body = multipart('mine.png', 'image/png', await png(50 + ++ownPictures, 33));
      const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, authorization: admin.authorization }, payload: body.payload });
      const { id } = response.json();
      await t.database.db.updateTable('media').set({ uploaded_by: `user:${me.userId}` }).where('id', '=', id).execute();
      return id;
    },
    section: async () => (await post(admin, '/sections', { names: { en: { name: `Fixture ${unique()}` } } })).id,
  };
}

describeEachEngineApp('what each role may do through the Admin API', (t) => {
  for (const testCase of CASES) {
    for (const role of ROLES) {
      const allowed = testCase.allowed.includes(role);
      it(`${role} ${allowed ? 'may' : 'may not'} ${testCase.route}`, async () => {
        const f = await fixtures(t(), role);
        const options = await testCase.request(f);
        const response = await t().app.inject({
          ...options,
          url: `/api/admin/v1${options.url}`,
          headers: { ...(options.headers ?? {}), authorization: f.me.authorization },
        });
        if (allowed) {
          expect(response.statusCode, response.body).toBeLessThan(300);
        } else {
          expect(response.statusCode, response.body).toBe(403);
          expect(response.json().error.code).toBe('FORBIDDEN');
          expect(response.json().error.message).toMatch(new RegExp(`The ${role} role may`));
        }
      });
    }
  }
});
