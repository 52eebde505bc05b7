import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteSecret } from '../../../src/core/signing.js';
import { MEMBER_COOKIE, startMemberSession } from '../../../src/members/member-sessions.js';
import { subscribeFormToken } from '../../../src/members/subscribe-form.js';
import { unsubscribeUrl } from '../../../src/members/unsubscribe-link.js';
import { createTestApp, type TestApp } from '../../support/app.js';
import { checkHtmlFiles, describeMessage } from '../../support/nu-checker.js';
import { freshIp, publishStory } from '../comments/helpers.js';

/** Warnings that are real problems (as the site's own validity test counts them). */
const REAL_PROBLEMS = [/appears to be written in/i, /\blang\b/i, /aria-|\brole\b/i, /heading/i, /duplicate id/i];

describe('members’ pages are valid HTML (W3C Nu checker)', () => {
  let t: TestApp;
  const folder = mkdtempSync(join(tmpdir(), 'herald-members-html-'));
  const files: string[] = [];

  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(async () => {
    await t?.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('keeps every page a reader sees of newsletters, in French and in Arabic', async () => {
    const at = new Date().toISOString();
    const ids: number[] = [];
    for (const [name, language] of [['La Lettre du matin', 'fr'], ['Alertes', 'fr'], ['النشرة الصباحية', 'ar']]) {
      const row = await t.database.db.insertInto('newsletters').values({ name, language, description: `${name}.`, created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
      ids.push(row.id);
    }
    const french = await publishStory(t, { language: 'fr', title: 'Le port rouvre après la tempête', body: 'Les bateaux de pêche sont revenus au port lundi matin, et le marché a rouvert après trois jours de calme.' });
    const arabic = await publishStory(t, { language: 'ar', title: 'الميناء يعيد فتح أبوابه بعد العاصفة', body: 'عادت قوارب الصيد إلى الميناء صباح يوم الاثنين، وفتح السوق أبوابه من جديد بعد ثلاثة أيام هادئة.' });
    const token = await subscribeFormToken(t.database.db, Date.now() - 10_000);
    const post = (payload: string) =>
      t.app.inject({ method: 'POST', url: '/subscribe', remoteAddress: freshIp(), headers: { 'content-type': 'application/x-www-form-urlencoded' }, payload });
    const member = await t.database.db.insertInto('members').values({ email: 'samir@example.org', language: 'ar', source: 'form', created_at: at, updated_at: at }).returning('id').executeTakeFirstOrThrow();
    await t.database.db.insertInto('member_subscriptions').values({ member_id: member.id, newsletter_id: ids[2], status: 'confirmed', created_at: at }).execute();
    const session = await startMemberSession(t.database.db, member.id, Date.now());
    const unsubscribe = new URL(unsubscribeUrl('http://herald.test', await siteSecret(t.database.db), { member: member.id, newsletter: ids[2] })).pathname;

    const pages: Record<string, Promise<{ statusCode: number; body: string }>> = {
      'story-fr': t.app.inject({ url: french.path }),
      'story-ar': t.app.inject({ url: arabic.path }),
      'home-fr': t.app.inject({ url: '/fr/' }),
      'subscribe-fr': t.app.inject({ url: '/fr/subscribe' }),
      'sent-fr': post(`lang=fr&token=${encodeURIComponent(token)}&newsletters=${ids[0]}&email=claire%40example.org`),
      'again-fr': post(`lang=fr&token=${encodeURIComponent(token)}&email=claire%40example.org`),
      'sign-in-ar': t.app.inject({ url: '/account/sign-in?lang=ar' }),
      'link-ar': t.app.inject({ url: '/account/link/abc?lang=ar' }),
      'account-ar': t.app.inject({ url: '/account', headers: { cookie: `${MEMBER_COOKIE}=${session.token}` } }),
      'unsubscribe-ar': t.app.inject({ url: unsubscribe }),
    };
    expect((await pages['story-ar']).body).toContain('action="/subscribe"');
    expect((await pages['account-ar']).body).toContain('name="csrf"');
    for (const [name, answer] of Object.entries(pages)) {
      const { statusCode, body } = await answer;
      expect(statusCode, name).toBeLessThan(500);
      expect(body, name).toMatch(/^<!doctype html>/);
      const file = join(folder, `${name}.html`);
      writeFileSync(file, body);
      files.push(file);
    }
  });

  it('finds no error, and no warning that points to a real problem', async () => {
    const messages = await checkHtmlFiles(files);
    expect(messages.filter((m) => m.type === 'error').map(describeMessage)).toEqual([]);
    expect(messages.filter((m) => REAL_PROBLEMS.some((pattern) => pattern.test(m.message))).map(describeMessage)).toEqual([]);
  });
});
