import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { sectionNamed } from '../../support/sections.js';

describeEachEngineApp('a story’s section reference', (t) => {
  const create = async (section: unknown) => {
    const { authorization } = await t().auth('editor');
    return t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization },
      payload: { language: 'en', title: 'No section story', body: 'Text.', section },
    });
  };
  const sectionCount = async () => (await t().database.db.selectFrom('sections').select('id').execute()).length;

  it('files a story sent with section null in no section, creating none (the editor’s “No section”)', async () => {
    const before = await sectionCount();
    const response = await create(null);
    expect(response.statusCode).toBe(201);
    expect(response.json().section).toBeNull();
    expect(await sectionCount()).toBe(before);
  });

  it('answers 400 naming section for an id that names no section, written as a number or as digits', async () => {
    const before = await sectionCount();
    for (const section of [0, '0', 987654, '987654', ' 12 ', '99999999999999999999']) {
      const response = await create(section);
      expect(response.statusCode, JSON.stringify(section)).toBe(400);
      expect(response.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['section']);
    }
    expect(await sectionCount()).toBe(before);
    expect(await t().database.db.selectFrom('articles').select('id').where('title', '=', 'No section story').execute()).toHaveLength(1);
  });

  it('takes an existing id, and answers 400 naming section for a name, creating no section', async () => {
    const id = await sectionNamed(t().database, 'World');
    const byId = await create(id);
    expect(byId.statusCode, byId.body).toBe(201);
    expect(byId.json().section.id).toBe(id);
    const before = await sectionCount();
    // A name, even the name of the section that exists, is no reference: a story never makes a section.
    for (const section of ['Politics', 'World', String(id)]) {
      const response = await create(section);
      expect(response.statusCode, section).toBe(400);
      expect(response.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['section']);
    }
    expect(await sectionCount()).toBe(before);
    expect(await t().database.db.selectFrom('section_names').select('section_id').where('name', '=', 'Politics').execute()).toEqual([]);
  });

  it('answers 400 naming section when an edit names a section, and leaves the story where it was', async () => {
    const { authorization } = await t().auth('editor');
    const id = await sectionNamed(t().database, 'Business');
    const story = (await create(id)).json();
    const before = await sectionCount();
    const response = await t().app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/articles/${story.id}`,
      headers: { authorization },
      payload: { version: story.version, section: 'Economy' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['section']);
    expect(await sectionCount()).toBe(before);
    const kept = await t().app.inject({ method: 'GET', url: `/api/admin/v1/articles/${story.id}`, headers: { authorization } });
    expect(kept.json().section.id).toBe(id);
  });

  it('keeps JSON types as sent: a title given as a number is refused, not turned into text', async () => {
    const { authorization } = await t().auth('editor');
    const response = await t().app.inject({
      method: 'POST',
      url: '/api/admin/v1/articles',
      headers: { authorization },
      payload: { language: 'en', title: 12345, body: 'Text.' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields.map((f: { field: string }) => f.field)).toContain('title');
  });
});
