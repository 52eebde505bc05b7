import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import type { ArticleActions } from '../../../src/content/articles.access.js';
import { ROLES, type Role } from '../../../src/people/roles.js';
import { createUser } from '../../../src/people/users.service.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';
import { multipart, png } from './media-files.js';

type Headers = { authorization: string };
type Owner = 'own' | "someone else's";
type State = 'draft' | 'published' | 'trashed';

const inADay = () => new Date(Date.now() + 86_400_000).toISOString();

/** What the admin does for each flag, on a story as it was read. */
const ACTIONS: Record<keyof ArticleActions, (story: { id: number; version: number }) => Omit<InjectOptions, 'headers'>> = {
  edit: (s) => ({ method: 'PATCH', url: `/articles/${s.id}`, payload: { version: s.version, title: 'Changed headline' } }),
  publish: (s) => ({ method: 'POST', url: `/articles/${s.id}/publish` }),
  schedule: (s) => ({ method: 'PATCH', url: `/articles/${s.id}`, payload: { version: s.version, status: 'scheduled', publishAt: inADay() } }),
  unpublish: (s) => ({ method: 'POST', url: `/articles/${s.id}/unpublish` }),
  trash: (s) => ({ method: 'DELETE', url: `/articles/${s.id}` }),
  restore: (s) => ({ method: 'POST', url: `/articles/${s.id}/restore` }),
  delete: (s) => ({ method: 'DELETE', url: `/articles/${s.id}?permanent=true` }),
  translate: (s) => ({ method: 'POST', url: `/articles/${s.id}/translations`, payload: { language: 'fr' } }),
  submit: (s) => ({ method: 'POST', url: `/articles/${s.id}/submit` }),
  sendBack: (s) => ({ method: 'POST', url: `/articles/${s.id}/send-back`, payload: { note: 'Please check the names.' } }),
};

async function call(t: TestApp, headers: Headers, options: Omit<InjectOptions, 'headers'>) {
  return t.app.inject({ ...options, url: `/api/admin/v1${options.url}`, headers } as InjectOptions);
}

/** A story in `state`, written by the actor under test or by another editor; an administrator sets it up. */
async function storyOf(t: TestApp, authorId: number, state: State): Promise<number> {
  const admin = await t.auth('administrator');
  const created = await call(t, admin, {
    method: 'POST',
    url: '/articles',
    payload: { language: 'en', title: `A ${state} story`, authors: [authorId], status: state === 'published' ? 'published' : 'draft' },
  });
  expect(created.statusCode, created.body).toBe(201);
  const { id } = created.json();
  if (state === 'trashed') expect((await call(t, admin, { method: 'DELETE', url: `/articles/${id}` })).statusCode).toBe(200);
  return id;
}

describeEachEngineApp('each story says what the signed-in person may do with it, and the API agrees', (t) => {
  let otherId = 0;
  const other = async () => (otherId ||= (await createUser(t().database.db, { email: 'someone-else@herald.test', name: 'Someone else', role: 'editor' })).id);

  for (const role of ROLES) {
    for (const owner of ['own', "someone else's"] as Owner[]) {
      for (const state of ['draft', 'published', 'trashed'] as State[]) {
        it(`${role}, ${owner} ${state} story: every flag matches the answer to the action`, async () => {
          const me = await t().auth(role);
          const authorId = owner === 'own' ? me.userId : await other();
          const read = async (id: number) => {
            const response = await call(t(), me, { method: 'GET', url: `/articles/${id}` });
            expect(response.statusCode).toBe(200);
            return response.json() as { id: number; version: number; allowed: ArticleActions };
          };
          const first = await read(await storyOf(t(), authorId, state));
          // A list says the same as the story on its own.
          const list = await call(t(), me, { method: 'GET', url: `/articles?limit=100${state === 'trashed' ? '&trashed=true' : ''}` });
          expect(list.json().items.find((a: { id: number }) => a.id === first.id).allowed).toEqual(first.allowed);

          for (const [action, request] of Object.entries(ACTIONS) as Array<[keyof ArticleActions, (typeof ACTIONS)['edit']]>) {
            // Every action on a story of its own, as it was when read, since each changes it.
            const story = action === 'edit' ? first : await read(await storyOf(t(), authorId, state));
            expect(story.allowed[action], `${action} says the same on two identical stories`).toBe(first.allowed[action]);
            const response = await call(t(), me, request(story));
            if (story.allowed[action]) expect(response.statusCode, `${action}: ${response.body}`).toBeLessThan(300);
            else {
              expect([403, 409], `${action}: ${response.body}`).toContain(response.statusCode);
              expect(response.json().error.message).toBeTruthy();
            }
          }
        });
      }
    }
  }

  it('a contributor may edit and trash its own draft but not publish it, and nothing but translate on an editor\'s', async () => {
    const me = await t().auth('contributor');
    const ownDraft = (await call(t(), me, { method: 'GET', url: `/articles/${await storyOf(t(), me.userId, 'draft')}` })).json();
    expect(ownDraft.allowed).toMatchObject({ edit: true, trash: true, publish: false, schedule: false, unpublish: false, submit: true, sendBack: false });
    const theirs = (await call(t(), me, { method: 'GET', url: `/articles/${await storyOf(t(), await other(), 'draft')}` })).json();
    expect(theirs.allowed).toEqual({ edit: false, publish: false, schedule: false, unpublish: false, trash: false, restore: false, delete: false, translate: true, submit: false, sendBack: false });
  });

  it('an editor may do everything with anyone\'s story, deleting for good only from the trash', async () => {
    const me = await t().auth('editor');
    const draft = (await call(t(), me, { method: 'GET', url: `/articles/${await storyOf(t(), await other(), 'draft')}` })).json();
    expect(draft.allowed).toEqual({ edit: true, publish: true, schedule: true, unpublish: true, trash: true, restore: true, delete: false, translate: true, submit: false, sendBack: false });
    const trashed = (await call(t(), me, { method: 'GET', url: `/articles/${await storyOf(t(), await other(), 'trashed')}` })).json();
    expect(trashed.allowed).toMatchObject({ delete: true, publish: false });
  });
});

describeEachEngineApp('each picture of the library says whether the signed-in person may describe it, and the API agrees', (t) => {
  let size = 20;
  /** A new picture (its own size makes it one of its own), uploaded by an administrator and recorded as `owner`'s. */
  const picture = async (owner: string) => {
    const admin = await t().auth('administrator');
    const body = multipart('pixel.png', 'image/png', await png(++size, 17));
    const response = await t().app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...body.headers, ...admin }, payload: body.payload });
    expect(response.statusCode, response.body).toBe(201);
    const { id } = response.json();
    await t().database.db.updateTable('media').set({ uploaded_by: owner }).where('id', '=', id).execute();
    return id as number;
  };

  for (const role of ROLES) {
    it(`${role}: the flag of its own picture, one used by someone else's story, and someone else's, matches the answer to describing it`, async () => {
      const me = await t().auth(role);
      const mine = await picture(`user:${me.userId}`);
      const usedByOthers = await picture(`user:${me.userId}`);
      const editor = await createUser(t().database.db, { email: `editor-${role}@herald.test`, name: 'An editor', role: 'editor' });
      await call(t(), await t().auth('administrator'), { method: 'POST', url: '/articles', payload: { language: 'en', title: 'Theirs', authors: [editor.id], featuredImage: { mediaId: usedByOthers, alt: 'x' } } });
      await t().database.db.updateTable('articles').set({ created_by: `user:${editor.id}` }).where('title', '=', 'Theirs').execute();
      const theirs = await picture('user:999999');

      const list = (await call(t(), me, { method: 'GET', url: '/media?limit=100' })).json().items as Array<{ id: number; allowed: { describe: boolean } }>;
      const flags = Object.fromEntries([mine, usedByOthers, theirs].map((id) => [id, list.find((item) => item.id === id)!.allowed.describe]));
      if (role === 'author') expect(flags).toEqual({ [mine]: true, [usedByOthers]: false, [theirs]: false });
      for (const id of [mine, usedByOthers, theirs]) {
        // One picture asked for on its own says the same as the list.
        expect((await call(t(), me, { method: 'GET', url: `/media/${id}` })).json().allowed).toEqual({ describe: flags[id] });
        const response = await call(t(), me, { method: 'PATCH', url: `/media/${id}`, payload: { alt: 'Described' } });
        if (flags[id]) expect(response.statusCode, response.body).toBe(200);
        else expect(response.statusCode, response.body).toBe(403);
      }
    });
  }
});
