import type { InjectOptions } from 'fastify';
import { expect, it } from 'vitest';
import { describeEachEngineApp, type TestApp } from '../../support/app.js';

async function call(t: TestApp, options: InjectOptions) {
  const response = await t.app.inject({ ...options, url: `/api/admin/v1${options.url}`, headers: await t.auth('editor') });
  return { status: response.statusCode, body: response.body ? response.json() : null };
}

describeEachEngineApp('newsletters and members in the newsroom', (t) => {
  it('creates a newsletter with its digest on the site clock, checks what it is given, and archives one that was sent', async () => {
    const created = await call(t(), {
      method: 'POST',
      url: '/newsletters',
      payload: { name: 'La Semaine', language: 'fr', senderName: 'La rédaction', replyTo: 'redaction@example.fr', cadence: 'weekly', sendTime: '18:30', sendWeekday: 5, visibility: 'public' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: 'La Semaine', cadence: 'weekly', sendTime: '18:30', sendWeekday: 5, authorsMaySend: false, archived: false, members: { confirmed: 0, pending: 0 } });

    const wrong = await call(t(), { method: 'POST', url: '/newsletters', payload: { name: 'Bad', language: 'de', replyTo: 'nobody', sendTime: '25:00' } });
    expect(wrong.status).toBe(400);
    expect(wrong.body.error.fields.map((f: { field: string }) => f.field)).toEqual(['language', 'replyTo', 'sendTime']);

    const { id } = created.body;
    await t().database.db
      .insertInto('newsletter_sends')
      .values({ newsletter_id: id, kind: 'digest', period_start: '2026-11-27T00:00:00.000Z', period_end: '2026-12-04T00:00:00.000Z', subject: 'La Semaine', status: 'sent', created_by: 'test', created_at: new Date().toISOString() })
      .execute();
    expect((await call(t(), { method: 'DELETE', url: `/newsletters/${id}` })).status).toBe(409);
    expect((await call(t(), { method: 'PATCH', url: `/newsletters/${id}`, payload: { archived: true } })).body.archived).toBe(true);
    const current = await call(t(), { method: 'GET', url: '/newsletters?language=fr&archived=false' });
    expect(current.body.items.map((n: { id: number }) => n.id)).not.toContain(id);
  });

  it('adds members only with their consent, finds them by address or name, filters by newsletter and state, and removes them', async () => {
    const daily = (await call(t(), { method: 'POST', url: '/newsletters', payload: { name: 'Daily', language: 'en' } })).body.id;
    const breaking = (await call(t(), { method: 'POST', url: '/newsletters', payload: { name: 'Breaking', language: 'en' } })).body.id;

    const unasked = await call(t(), { method: 'POST', url: '/members', payload: { email: 'noconsent@example.com', newsletters: [daily], consent: false } });
    expect(unasked.status).toBe(400);
    expect(unasked.body.error.fields[0].field).toBe('consent');

    const ada = await call(t(), { method: 'POST', url: '/members', payload: { email: ' Ada@Example.COM ', name: 'Ada Lovelace', newsletters: [daily, breaking], consent: true } });
    expect(ada.status).toBe(201);
    expect(ada.body).toMatchObject({ email: 'ada@example.com', language: 'en', source: 'admin' });
    expect(ada.body.subscriptions.map((s: { status: string }) => s.status)).toEqual(['confirmed', 'confirmed']);
    expect((await call(t(), { method: 'POST', url: '/members', payload: { email: 'ada@example.com', newsletters: [], consent: false } })).status).toBe(400);

    const bob = (await call(t(), { method: 'POST', url: '/members', payload: { email: 'bob@example.org', name: 'Bob', newsletters: [daily], consent: true } })).body;
    await call(t(), { method: 'PATCH', url: `/members/${bob.id}`, payload: { unsubscribe: [daily] } });

    const find = async (query: string) => (await call(t(), { method: 'GET', url: `/members?${query}` })).body.items.map((m: { email: string }) => m.email);
    expect(await find('q=LOVELACE')).toEqual(['ada@example.com']);
    expect(await find('q=example.org')).toEqual(['bob@example.org']);
    expect(await find(`newsletter=${daily}&status=confirmed`)).toEqual(['ada@example.com']);
    expect(await find(`newsletter=${daily}&status=unsubscribed`)).toEqual(['bob@example.org']);
    expect(await find(`newsletter=${breaking}`)).toEqual(['ada@example.com']);

    const counted = (await call(t(), { method: 'GET', url: `/newsletters/${daily}` })).body;
    expect(counted.members).toEqual({ confirmed: 1, pending: 0 });

    expect((await call(t(), { method: 'DELETE', url: `/members/${ada.body.id}` })).status).toBe(204);
    expect((await call(t(), { method: 'GET', url: `/members/${ada.body.id}` })).status).toBe(404);
    expect((await call(t(), { method: 'GET', url: `/newsletters/${daily}` })).body.members).toEqual({ confirmed: 0, pending: 0 });
  });
});
