import { expect, it } from 'vitest';
import { signUp, type MemberMailer } from '../../src/members/subscriptions.service.js';
import { describeEachEngine } from '../support/engines.js';

describeEachEngine('signing up', (database) => {
  it('mails one confirmation when the same address signs up several times at once', async () => {
    const { db } = database();
    const at = new Date().toISOString();
    const { id } = await db
      .insertInto('newsletters')
      .values({ name: 'Le Quotidien', language: 'fr', visibility: 'public', description: '', created_at: at, updated_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    const mailed: string[] = [];
    const mailer: MemberMailer = {
      confirmation: async (to) => void mailed.push(to),
      signIn: async () => undefined,
      emailChange: async () => undefined,
    };
    // The form answers without waiting for signUp, so five quick sends run side by side.
    const request = { email: 'popular@example.org', language: 'fr', newsletterIds: [id] };
    await Promise.all(Array.from({ length: 5 }, () => signUp(db, request, Date.now(), mailer, 'https://herald.test')));
    expect(mailed).toEqual(['popular@example.org']);
    const links = await db.selectFrom('member_links').select('id').where('purpose', '=', 'confirm').execute();
    expect(links).toHaveLength(1);
  });
});
