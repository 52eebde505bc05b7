import type { Kysely } from 'kysely';
import type { Schema } from '../../../src/db/schema.js';
import type { TestApp } from '../../support/app.js';

/** A newsletter as an editor would make it (the newsletters API is tested on its own). */
export async function newsletter(db: Kysely<Schema>, values: { name: string; language: string; authorsMaySend?: boolean; senderName?: string; replyTo?: string; cadence?: string; sendTime?: string; createdAt?: string }): Promise<number> {
  const now = values.createdAt ?? new Date().toISOString();
  const row = await db
    .insertInto('newsletters')
    .values({
      name: values.name,
      language: values.language,
      authors_may_send: values.authorsMaySend ? 1 : 0,
      sender_name: values.senderName ?? '',
      reply_to: values.replyTo ?? '',
      cadence: values.cadence ?? 'each',
      send_time: values.sendTime ?? '07:00',
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Members subscribed to a newsletter, inserted in chunks (thousands of them for the crash test). */
export async function members(db: Kysely<Schema>, newsletterId: number, emails: string[], status = 'confirmed', language = 'fr'): Promise<number[]> {
  const now = new Date().toISOString();
  const ids: number[] = [];
  for (let at = 0; at < emails.length; at += 500) {
    const rows = await db
      .insertInto('members')
      .values(emails.slice(at, at + 500).map((email) => ({ email, language, source: 'admin', created_at: now, updated_at: now })))
      .returning('id')
      .execute();
    await db
      .insertInto('member_subscriptions')
      .values(rows.map(({ id }) => ({ member_id: id, newsletter_id: newsletterId, status, created_at: now, confirmed_at: status === 'confirmed' ? now : null })))
      .execute();
    ids.push(...rows.map((row) => row.id));
  }
  return ids;
}

export async function publishedStory(t: TestApp, role: 'author' | 'editor', values: { language: string; title: string; standfirst?: string; body?: string }): Promise<number> {
  const { authorization } = await t.auth(role);
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/articles', headers: { authorization }, payload: { ...values, status: 'published' } });
  if (response.statusCode !== 201) throw new Error(`story not created: ${response.statusCode} ${response.body}`);
  return response.json().id as number;
}
