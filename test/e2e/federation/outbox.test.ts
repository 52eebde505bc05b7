/** Which writes queue which activity, for which edition: checked on the queue itself. */
import { expect, it } from 'vitest';
import { fanOutDue } from '../../../src/federation/delivery.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';

async function follower(t: TestApp, actor: string, name: string) {
  await t.database.db
    .insertInto('federation_followers')
    .values({ actor, follower_uri: `https://remote.example/users/${name}`, handle: '', inbox: `https://remote.example/users/${name}/inbox`, shared_inbox: 'https://remote.example/inbox', follow_id: `https://remote.example/follows/${name}`, created_at: new Date().toISOString() })
    .execute();
}

/** What the delivery worker does first: turn queued activities into deliveries (none is sent here). */
async function fanOut(t: TestApp) {
  await fanOutDue(t.app.fediverse.federation, t.app.fediverse.data);
}

async function queued(t: TestApp, articleId: number) {
  return (await t.database.db.selectFrom('federation_activities').select(['actor', 'type', 'activity_id']).where('article_id', '=', articleId).orderBy('id').execute());
}

describeEachEngineApp('the fediverse outbox', (t) => {
  it('queues nothing while federation is off, even for followed editions', async () => {
    await follower(t(), 'fr', 'early');
    const { authorization } = await t().auth('editor');
    const created = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Avant', status: 'published' } });
    expect(await queued(t(), created.json().id)).toEqual([]);
  });

  it('publish → Create, edit → Update, unpublish → Delete, publish again → a new Create; to the story’s own edition only', async () => {
    const { app, database } = t();
    await updateSettings(database.db, { federation: true });
    const { authorization } = await t().auth('editor');
    const created = (await app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Le port', status: 'published' } })).json();
    await fanOut(t());
    const edited = (await app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${created.id}`, headers: { authorization }, payload: { title: 'Le port rouvre', version: created.version } })).json();
    await fanOut(t());
    expect((await app.inject({ method: 'POST', url: `/api/admin/v1/articles/${created.id}/unpublish`, headers: { authorization } })).statusCode).toBe(200);
    await fanOut(t());
    // Edits of an unpublished story concern nobody out there.
    await app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${created.id}`, headers: { authorization }, payload: { title: 'Brouillon', version: edited.version + 1 } });
    expect((await app.inject({ method: 'POST', url: `/api/admin/v1/articles/${created.id}/publish`, headers: { authorization } })).statusCode).toBe(200);
    await fanOut(t());
    const activities = await queued(t(), created.id);
    expect(activities.map((a) => [a.actor, a.type])).toEqual([['fr', 'Create'], ['fr', 'Update'], ['fr', 'Delete'], ['fr', 'Create']]);
    expect(new Set(activities.map((a) => a.activity_id)).size).toBe(4);

    // Its English translation goes to the English edition, which nobody follows: nothing.
    const translation = await app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'en', title: 'The harbour', status: 'published', translationOf: created.id } });
    expect(translation.statusCode).toBe(201);
    expect(await queued(t(), translation.json().id)).toEqual([]);
    await follower(t(), 'en', 'reader');
    const another = await app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'en', title: 'The bridge', status: 'published' } });
    expect((await queued(t(), another.json().id)).map((a) => [a.actor, a.type])).toEqual([['en', 'Create']]);
  });

  it('what has not gone out yet is coalesced: an edit rides on the pending Create, a withdrawal cancels it', async () => {
    const { app } = t();
    const { authorization } = await t().auth('editor');
    const created = (await app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Vite', status: 'published' } })).json();
    await app.inject({ method: 'PATCH', url: `/api/admin/v1/articles/${created.id}`, headers: { authorization }, payload: { title: 'Vite, corrigé', version: created.version } });
    expect((await queued(t(), created.id)).map((a) => a.type)).toEqual(['Create']);
    await app.inject({ method: 'POST', url: `/api/admin/v1/articles/${created.id}/unpublish`, headers: { authorization } });
    expect(await queued(t(), created.id)).toEqual([]);
  });

  it('one delivery per server: followers sharing an inbox get the story once', async () => {
    const { app, database } = t();
    await follower(t(), 'fr', 'second');
    expect(await database.db.selectFrom('federation_followers').select('id').where('actor', '=', 'fr').execute()).toHaveLength(2);
    const { authorization } = await t().auth('editor');
    const created = (await app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Partagé', status: 'published' } })).json();
    await fanOut(t());
    const [activity] = await queued(t(), created.id);
    const row = await database.db.selectFrom('federation_activities').select('id').where('activity_id', '=', activity.activity_id).executeTakeFirstOrThrow();
    const deliveries = await database.db.selectFrom('federation_deliveries').select(['inbox', 'status']).where('activity_id', '=', row.id).execute();
    // Two French followers on remote.example share its inbox.
    expect(deliveries).toEqual([{ inbox: 'https://remote.example/inbox', status: 'pending' }]);
  });

  it('pages and drafts are never sent', async () => {
    const { authorization } = await t().auth('editor');
    const page = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'À propos', kind: 'page', status: 'published' } });
    const draft = await t().app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { language: 'fr', title: 'Brouillon' } });
    expect(await queued(t(), page.json().id)).toEqual([]);
    expect(await queued(t(), draft.json().id)).toEqual([]);
  });
});
