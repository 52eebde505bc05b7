import { expect, it } from 'vitest';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { sectionNamed } from '../../support/sections.js';

describeEachEngineApp('Admin API articles', (t) => {
  const post = async (url: string, payload: unknown, role: 'administrator' | 'editor' | 'author' | 'contributor' = 'administrator') =>
    t().app.inject({ method: 'POST', url, payload: payload as object, headers: await t().auth(role) });

  it('creates a French story with English and Chinese versions that each answer at their url', async () => {
    const fr = await post('/api/admin/v1/articles', {
      language: 'fr',
      title: 'Pékin accueille le sommet',
      standfirst: 'Les dirigeants arrivent jeudi.',
      body: 'Le sommet **commence** demain.',
      bodyFormat: 'markdown',
      section: await sectionNamed(t().database, 'Monde', 'fr'),
      tags: ['Chine', 'Diplomatie'],
      source: { name: 'Agence Exemple', url: 'https://example.org/a', publishedAt: '2026-11-20T10:00:00Z' },
      status: 'published',
    });
    expect(fr.statusCode).toBe(201);
    const french = fr.json();
    expect(french.url).toBe(`${TEST_BASE_URL}/fr/p%C3%A9kin-accueille-le-sommet`);
    expect(french.body).toBe('<p>Le sommet <strong>commence</strong> demain.</p>');
    expect(french.tags.map((tag: { name: string }) => tag.name)).toEqual(['Chine', 'Diplomatie']);
    expect(french.section.name).toBe('Monde');
    expect(french.version).toBe(1);

    const en = await post('/api/admin/v1/articles', {
      language: 'en', title: 'Beijing hosts the summit', body: '<p>The summit starts tomorrow.</p>', translationOf: french.id, status: 'published',
    });
    expect(en.statusCode).toBe(201);
    const zh = await post('/api/admin/v1/articles', {
      language: 'zh-Hant', title: '北京主辦高峰會', body: '<p>高峰會明天開始。</p>', translationOf: french.id, machineTranslated: true, status: 'published',
    });
    expect(zh.statusCode).toBe(201);
    const chinese = zh.json();
    expect(chinese.slug).toBe('北京主辦高峰會');
    expect(chinese.url).toBe(`${TEST_BASE_URL}/zh-Hant/${encodeURIComponent('北京主辦高峰會')}`);
    expect(chinese.storyId).toBe(french.storyId);
    expect(chinese.translatedFrom).toEqual({ id: french.id, language: 'fr' });

    const linked = (await t().app.inject({ url: `/api/admin/v1/articles/${french.id}`, headers: await t().auth('administrator') })).json();
    expect(linked.translations.map((tr: { language: string }) => tr.language).sort()).toEqual(['en', 'zh-Hant']);

    for (const article of [french, en.json(), chinese]) {
      const page = await t().app.inject({ url: new URL(article.url).pathname });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain(article.title);
      expect(page.body).toContain(`<html lang="${article.language}"`);
    }
    const page = await t().app.inject({ url: new URL(chinese.url).pathname });
    expect(page.body).toContain('hreflang="fr"');
    expect(page.body).toContain('hreflang="en"');
  });

  it('answers 400 naming the field for a missing title and a bad language tag', async () => {
    const noTitle = await post('/api/admin/v1/articles', { language: 'en', body: 'x' });
    expect(noTitle.statusCode).toBe(400);
    expect(noTitle.json().error.fields).toContainEqual({ field: 'title', message: 'is required', code: 'required' });

    const badLanguage = await post('/api/admin/v1/articles', { language: 'not a language!', title: 'x' });
    expect(badLanguage.statusCode).toBe(400);
    expect(badLanguage.json().error.fields.map((f: { field: string }) => f.field)).toEqual(['language']);

    const unsupported = await post('/api/admin/v1/articles', { language: 'ja', title: 'x' });
    expect(unsupported.statusCode).toBe(400);
    expect(unsupported.json().error.fields[0]).toMatchObject({ field: 'language' });

    const several = await post('/api/admin/v1/articles', { language: 'en', title: '', status: 'scheduled', featuredImage: { url: 'javascript:alert(1)' } });
    expect(several.statusCode).toBe(400);
    // An empty title is a missing one, in the codes a client translates.
    expect(several.json().error.fields).toContainEqual(expect.objectContaining({ field: 'title', code: 'required' }));

    const unknownField = await post('/api/admin/v1/articles', { language: 'en', title: 'x', colour: 'red' });
    expect(unknownField.statusCode).toBe(400);
    expect(unknownField.json().error.fields).toContainEqual({ field: 'colour', message: 'is not a known field', code: 'unknown_field' });

    const tooLong = await post('/api/admin/v1/articles', { language: 'en', title: 'x'.repeat(501) });
    expect(tooLong.json().error.fields).toContainEqual(expect.objectContaining({ field: 'title', code: 'too_long', limit: 500 }));
    const badStatus = await post('/api/admin/v1/articles', { language: 'en', title: 'x', status: 'gone' });
    expect(badStatus.json().error.fields).toContainEqual(expect.objectContaining({ field: 'status', code: 'invalid' }));

    const scheduledWithoutTime = await post('/api/admin/v1/articles', { language: 'en', title: 'Later', status: 'scheduled' });
    expect(scheduledWithoutTime.statusCode).toBe(400);
    expect(scheduledWithoutTime.json().error.fields).toContainEqual({ field: 'publishAt', message: 'is required to schedule a story', code: 'required' });
  });

  it('answers 401 without a token, and 401 for an unknown one', async () => {
    expect((await t().app.inject({ url: '/api/admin/v1/articles' })).statusCode).toBe(401);
    const wrong = await t().app.inject({ url: '/api/admin/v1/articles', headers: { authorization: 'Bearer nope' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe('UNAUTHORIZED');
  });

  it('answers 409 to a stale update and leaves the stored article unchanged', async () => {
    const headers = await t().auth('editor');
    const created = (await post('/api/admin/v1/articles', { language: 'en', title: 'First title' }, 'editor')).json();
    const first = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${created.id}`, headers, payload: { version: 1, title: 'Second title' } });
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(2);
    const stale = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${created.id}`, headers, payload: { version: 1, title: 'Lost edit' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const stored = (await t().app.inject({ url: `/api/admin/v1/articles/${created.id}`, headers })).json();
    expect(stored.title).toBe('Second title');
    expect(stored.version).toBe(2);
    const revisions = (await t().app.inject({ url: `/api/admin/v1/articles/${created.id}/revisions`, headers })).json();
    expect(revisions.items.map((r: { version: number }) => r.version)).toEqual([2, 1]);
    expect(revisions.items[1].article.title).toBe('First title');
  });

  it('answers 404 for unknown ids and 413 for oversized bodies', async () => {
    const headers = await t().auth('administrator');
    expect((await t().app.inject({ url: '/api/admin/v1/articles/999999', headers })).statusCode).toBe(404);
    expect((await t().app.inject({ url: '/api/admin/v1/articles/abc', headers })).statusCode).toBe(400);
    const huge = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: { ...headers, 'content-type': 'application/json' },
      payload: JSON.stringify({ language: 'en', title: 'x', body: 'a'.repeat(3 * 1024 * 1024) }),
    });
    expect(huge.statusCode).toBe(413);
    const broken = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: { ...headers, 'content-type': 'application/json' }, payload: '{"language":',
    });
    expect(broken.statusCode).toBe(400);
  });

  it('sanitizes bodies: scripts and event handlers never survive', async () => {
    const created = (await post('/api/admin/v1/articles', {
      language: 'en', title: 'Sanitized', body: '<p onclick="x()">Hi<script>alert(1)</script> <a href="javascript:alert(1)">link</a></p>',
    })).json();
    expect(created.body).toBe('<p>Hi <a>link</a></p>');
  });

  it('keeps the old URL of a published story answering with a 301 after a slug change', async () => {
    const headers = await t().auth('editor');
    const created = (await post('/api/admin/v1/articles', { language: 'en', title: 'Old headline', status: 'published' }, 'editor')).json();
    const renamed = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${created.id}`, headers, payload: { version: 1, slug: 'New headline' } });
    expect(renamed.json().slug).toBe('new-headline');
    const old = await t().app.inject({ url: '/en/old-headline' });
    expect(old.statusCode).toBe(301);
    expect(old.headers.location).toBe('/en/new-headline');
    expect((await t().app.inject({ url: '/en/new-headline' })).statusCode).toBe(200);
  });

  it('moves a story to the trash (the public page answers 410) and restores it', async () => {
    const headers = await t().auth('editor');
    const created = (await post('/api/admin/v1/articles', { language: 'en', title: 'Withdrawn story', status: 'published' }, 'editor')).json();
    const trashed = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/articles/${created.id}`, headers });
    expect(trashed.json().deletedAt).not.toBeNull();
    expect((await t().app.inject({ url: '/en/withdrawn-story' })).statusCode).toBe(410);
    const inTrash = (await t().app.inject({ url: '/api/admin/v1/articles?trashed=true', headers })).json();
    expect(inTrash.items.map((a: { id: number }) => a.id)).toContain(created.id);
    await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${created.id}/restore`, headers });
    expect((await t().app.inject({ url: '/en/withdrawn-story' })).statusCode).toBe(200);
    const notTrashed = await t().app.inject({ method: 'DELETE', url: `/api/admin/v1/articles/${created.id}?permanent=true`, headers });
    expect(notTrashed.statusCode).toBe(409);
  });

  it('publishes, unpublishes and lists by language and status', async () => {
    const headers = await t().auth('administrator');
    const draft = (await post('/api/admin/v1/articles', { language: 'ar', title: 'خبر عاجل' })).json();
    expect(draft.status).toBe('draft');
    expect((await t().app.inject({ url: draft.path })).statusCode).toBe(404);
    const published = (await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${draft.id}/publish`, headers })).json();
    expect(published.status).toBe('published');
    expect(published.publishedAt).not.toBeNull();
    const page = await t().app.inject({ url: draft.path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('dir="rtl"');
    const list = (await t().app.inject({ url: '/api/admin/v1/articles?language=ar&status=published', headers })).json();
    expect(list.items.map((a: { id: number }) => a.id)).toEqual([draft.id]);
    expect(list.pagination).toMatchObject({ page: 1, total: 1 });
    await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${draft.id}/unpublish`, headers });
    expect((await t().app.inject({ url: draft.path })).statusCode).toBe(404);
  });

  it('refuses a second version of a story in a language it already has', async () => {
    const original = (await post('/api/admin/v1/articles', { language: 'en', title: 'Only one English' })).json();
    const twin = await post('/api/admin/v1/articles', { language: 'en', title: 'Another English', translationOf: original.id });
    expect(twin.statusCode).toBe(400);
    expect(twin.json().error.fields[0].field).toBe('language');
  });
});
