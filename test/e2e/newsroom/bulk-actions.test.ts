import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';
import { sectionNamed } from '../../support/sections.js';

type Headers = { authorization: string };

async function call(t: TestApp, headers: Headers, options: Omit<InjectOptions, 'headers'>) {
  return t.app.inject({ ...options, url: `/api/admin/v1${options.url}`, headers } as InjectOptions);
}

async function story(t: TestApp, headers: Headers, payload: Record<string, unknown>): Promise<number> {
  const created = await call(t, headers, { method: 'POST', url: '/articles', payload: { language: 'en', ...payload } });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

const statusOf = async (t: TestApp, id: number) => (await call(t, await t.auth('administrator'), { method: 'GET', url: `/articles/${id}` })).json();

describeEachEngineApp('bulk actions on stories go through the single actions, story by story', (t) => {
  it("refuses a contributor's bulk publish story by story, with each reason, and changes nothing", async () => {
    const contributor = await t().auth('contributor');
    const editor = await t().auth('editor');
    const own = await story(t(), contributor, { title: 'Contributor draft' });
    const others = await story(t(), editor, { title: "Editor's draft" });
    const response = await call(t(), contributor, { method: 'POST', url: '/articles/bulk', payload: { action: 'publish', ids: [own, others] } });
    expect(response.statusCode, response.body).toBe(200);
    const { done, refused } = response.json();
    expect(done).toEqual([]);
    expect(refused).toEqual([
      // With the codes the admin words the refusal by, in the person's language.
      { id: own, title: 'Contributor draft', code: 'FORBIDDEN', role: 'contributor', reason: 'role', verb: 'publish', message: expect.stringContaining('contributor role may not publish') },
      { id: others, title: "Editor's draft", code: 'FORBIDDEN', role: 'contributor', reason: 'role', verb: 'publish', message: expect.stringContaining('contributor role may not publish') },
    ]);
    expect((await statusOf(t(), own)).status).toBe('draft');
  });

  it("carries out an editor's bulk publish, unpublish, section change and trash, and reports a missing story", async () => {
    const editor = await t().auth('editor');
    const author = await t().auth('author');
    const mine = await story(t(), editor, { title: 'First for bulk' });
    const theirs = await story(t(), author, { title: 'Second for bulk' });
    const published = await call(t(), editor, { method: 'POST', url: '/articles/bulk', payload: { action: 'publish', ids: [mine, theirs, 999_999] } });
    expect(published.statusCode, published.body).toBe(200);
    expect(published.json().done.map((a: { id: number; status: string }) => [a.id, a.status])).toEqual([[mine, 'published'], [theirs, 'published']]);
    expect(published.json().refused).toEqual([{ id: 999_999, title: null, code: 'NOT_FOUND', message: expect.any(String) }]);

    const politics = await sectionNamed(t().database, 'Bulk politics');
    const moved = await call(t(), editor, { method: 'POST', url: '/articles/bulk', payload: { action: 'section', ids: [mine, theirs], section: politics } });
    expect(moved.json().refused).toEqual([]);
    expect((await statusOf(t(), theirs)).section.name).toBe('Bulk politics');
    // A name is no section reference: refused whole, naming the field, and nothing is created.
    const sections = async () => (await t().database.db.selectFrom('sections').select('id').execute()).length;
    const before = await sections();
    for (const section of ['Bulk sport', '0', 0]) {
      const named = await call(t(), editor, { method: 'POST', url: '/articles/bulk', payload: { action: 'section', ids: [mine], section } });
      expect(named.statusCode, JSON.stringify(section)).toBe(400);
      expect(named.json().error.fields.map((f: { field: string }) => f.field)).toContain('section');
    }
    expect(await sections()).toBe(before);
    expect((await statusOf(t(), mine)).section.id).toBe(politics);

    // An author may unpublish its own story only: one is done, the other refused.
    const unpublished = await call(t(), author, { method: 'POST', url: '/articles/bulk', payload: { action: 'unpublish', ids: [theirs, mine] } });
    expect(unpublished.json().done.map((a: { id: number }) => a.id)).toEqual([theirs]);
    expect(unpublished.json().refused).toEqual([
      { id: mine, title: 'First for bulk', code: 'FORBIDDEN', role: 'author', reason: 'own', verb: 'publish', message: expect.stringContaining('only publish its own') },
    ]);
    expect((await statusOf(t(), theirs)).status).toBe('draft');
    expect((await statusOf(t(), mine)).status).toBe('published');

    const trashed = await call(t(), editor, { method: 'POST', url: '/articles/bulk', payload: { action: 'trash', ids: [mine, theirs] } });
    expect(trashed.json().done.every((a: { deletedAt: string | null }) => a.deletedAt !== null)).toBe(true);
  });

  it('answers 400 naming the field for a bad bulk request or list parameter', async () => {
    const editor = await t().auth('editor');
    const cases: Array<[Omit<InjectOptions, 'headers'>, string]> = [
      [{ method: 'POST', url: '/articles/bulk', payload: { action: 'archive', ids: [1] } }, 'action'],
      [{ method: 'POST', url: '/articles/bulk', payload: { action: 'publish', ids: [] } }, 'ids'],
      [{ method: 'POST', url: '/articles/bulk', payload: { action: 'publish', ids: [1, 1] } }, 'ids'],
      [{ method: 'POST', url: '/articles/bulk', payload: { action: 'section', ids: [1] } }, 'section'],
      [{ method: 'GET', url: '/articles?translation=lost' }, 'translation'],
      [{ method: 'GET', url: `/articles?q=${'x'.repeat(201)}` }, 'q'],
    ];
    for (const [request, field] of cases) {
      const response = await call(t(), editor, request);
      expect(response.statusCode, `${request.url} ${JSON.stringify(request.payload)}`).toBe(400);
      expect(JSON.stringify(response.json().error.fields ?? response.json().error), response.body).toContain(field);
    }
  });

  it('searches headlines and filters by translation state through the list', async () => {
    const editor = await t().auth('editor');
    const id = await story(t(), editor, { title: 'A 100% unique_headline' });
    const found = await call(t(), editor, { method: 'GET', url: `/articles?q=${encodeURIComponent('100% UNIQUE_')}` });
    expect(found.json().items.map((a: { id: number }) => a.id)).toEqual([id]);
    const missing = await call(t(), editor, { method: 'GET', url: `/articles?translation=missing&q=unique_headline` });
    expect(missing.json().items.map((a: { id: number }) => a.id)).toEqual([id]);
    const inProgress = await call(t(), editor, { method: 'GET', url: `/articles?translation=in-progress&q=unique_headline` });
    expect(inProgress.json().items).toEqual([]);
  });
});
