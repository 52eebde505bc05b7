import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';

const hour = 3_600_000;
const at = (fromNow: number) => new Date(Date.now() + fromNow).toISOString();

describeEachEngineApp('Admin API: embargo and expiry', (t) => {
  const create = async (payload: Record<string, unknown>) =>
    t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: await t().auth('editor'), payload: { language: 'en', title: 'Budget vote', ...payload } });
  const fieldsOf = (body: string) => (JSON.parse(body) as { error: { fields?: Array<{ field: string }> } }).error.fields?.map((f) => f.field);

  it('answers 400 naming the field: a date that is not one, an expiry not after publication, a time before the embargo', async () => {
    const notADate = await create({ embargoUntil: 'next tuesday' });
    expect(notADate.statusCode).toBe(400);
    expect(fieldsOf(notADate.body)).toEqual(['embargoUntil']);

    const expiresFirst = await create({ status: 'scheduled', publishAt: at(2 * hour), expiresAt: at(hour) });
    expect(expiresFirst.statusCode).toBe(400);
    expect(fieldsOf(expiresFirst.body)).toEqual(['expiresAt']);

    const pastExpiry = await create({ status: 'published', expiresAt: at(-hour) });
    expect(pastExpiry.statusCode).toBe(400);
    expect(fieldsOf(pastExpiry.body)).toEqual(['expiresAt']);

    const beforeEmbargo = await create({ status: 'scheduled', publishAt: at(hour), embargoUntil: at(2 * hour) });
    expect(beforeEmbargo.statusCode).toBe(400);
    expect(fieldsOf(beforeEmbargo.body)).toEqual(['publishAt']);

    const expiresInsideEmbargo = await create({ embargoUntil: at(2 * hour), expiresAt: at(hour) });
    expect(expiresInsideEmbargo.statusCode).toBe(400);
    expect(fieldsOf(expiresInsideEmbargo.body)).toEqual(['expiresAt']);

    const badExpiry = await create({ expiry: 'vanish' });
    expect(badExpiry.statusCode).toBe(400);
    // Nothing half-written: no story came of any of these.
    const list = await t().app.inject({ url: '/api/admin/v1/articles', headers: await t().auth('editor') });
    expect(list.json().items).toEqual([]);
  });

  it('refuses an embargo on a story already out, and publishing under an embargo schedules it for the embargo', async () => {
    const out = await create({ status: 'published' });
    const story = out.json() as { id: number; version: number };
    const late = await t().app.inject({
      method: 'PATCH', url: `/api/admin/v1/articles/${story.id}`, headers: await t().auth('editor'), payload: { version: story.version, embargoUntil: at(hour) },
    });
    expect(late.statusCode).toBe(400);
    expect(fieldsOf(late.body)).toEqual(['embargoUntil']);

    const embargo = at(hour);
    const draft = (await create({ embargoUntil: embargo, expiresAt: at(3 * hour), expiry: 'unlisted' })).json() as { id: number; status: string; embargoUntil: string; expiry: string };
    expect(draft).toMatchObject({ status: 'draft', embargoUntil: embargo, expiry: 'unlisted' });
    const published = await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${draft.id}/publish`, headers: await t().auth('editor') });
    expect(published.statusCode).toBe(200);
    expect(published.json()).toMatchObject({ status: 'scheduled', publishAt: embargo });
  });

  it('lets a contributor date its own draft, while publishing it stays refused', async () => {
    const own = await t().app.inject({
      method: 'POST', url: '/api/admin/v1/articles', headers: await t().auth('contributor'), payload: { language: 'en', title: 'Draft', expiresAt: at(hour) },
    });
    // A contributor's draft may carry the dates an editor will keep; publishing stays the editor's.
    expect(own.statusCode).toBe(201);
    const story = own.json() as { id: number; status: string; expiresAt: string };
    expect(story.status).toBe('draft');
    const publish = await t().app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story.id}/publish`, headers: await t().auth('contributor') });
    expect(publish.statusCode).toBe(403);
  });
});
