import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createTestApp, describeEachEngineApp, type TestApp } from '../../support/app.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../../fixtures/members', name), 'utf8');

async function newsletter(t: TestApp, name: string, language: string): Promise<number> {
  const response = await t.app.inject({ method: 'POST', url: '/api/admin/v1/newsletters', headers: await t.auth('editor'), payload: { name, language } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

async function importCsv(t: TestApp, csv: string, query = '') {
  const response = await t.app.inject({
    method: 'POST',
    url: `/api/admin/v1/members/import${query}`,
    headers: { ...(await t.auth('editor')), 'content-type': 'text/csv' },
    payload: csv,
  });
  return { status: response.statusCode, body: response.json() };
}

async function exportCsv(t: TestApp): Promise<string> {
  const response = await t.app.inject({ method: 'GET', url: '/api/admin/v1/members/export', headers: await t.auth('editor') });
  expect(response.statusCode).toBe(200);
  expect(response.headers['content-type']).toMatch(/^text\/csv/);
  return response.body;
}

async function memberNamed(t: TestApp, email: string) {
  const response = await t.app.inject({ method: 'GET', url: `/api/admin/v1/members?q=${encodeURIComponent(email)}`, headers: await t.auth('editor') });
  return response.json().items.find((m: { email: string }) => m.email === email);
}

describeEachEngineApp('importing and exporting members as CSV', (t) => {
  let english: number;
  let french: number;
  let chinese: number;
  beforeAll(async () => {
    english = await newsletter(t(), 'The Morning', 'en');
    french = await newsletter(t(), 'Le Quotidien', 'fr');
    chinese = await newsletter(t(), '每日新聞', 'zh-Hant');
  });

  it("reads Ghost's members export, reports the rows it cannot read by line, and imports the rest", async () => {
    const { status, body } = await importCsv(t(), fixture('ghost-members.csv'), `?newsletters=${english}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'ghost', rows: 7, created: 3, updated: 0, unchanged: 0 });
    expect(body.skipped).toEqual([
      { line: 4, reason: '"not-an-address" is not an e-mail address' },
      { line: 5, reason: 'subscribed_to_emails is "yes", not true or false' },
      { line: 7, reason: 'has 5 fields where the header has 11' },
      { line: 8, reason: 'created_at is "last tuesday", not a date and time' },
    ]);
    const amelie = await memberNamed(t(), 'amelie.durand@example.fr');
    expect(amelie).toMatchObject({ name: 'Amélie Durand', language: 'en', source: 'import:ghost', createdAt: '2023-03-09T12:01:22.000Z' });
    expect(amelie.subscriptions).toMatchObject([{ newsletterId: english, status: 'confirmed' }]);
    // Did not consent in Ghost: known, and recorded as having left, never confirmed.
    expect((await memberNamed(t(), 'jonas@example.de')).subscriptions).toMatchObject([{ newsletterId: english, status: 'unsubscribed' }]);
    expect(await memberNamed(t(), 'sam@example.com')).toMatchObject({ name: 'Sam "Sammy" Lee' });
  });

  it('imports the same file again without changing anything', async () => {
    const { body } = await importCsv(t(), fixture('ghost-members.csv'), `?newsletters=${english}`);
    expect(body).toMatchObject({ created: 0, updated: 0, unchanged: 3 });
    expect(body.skipped).toHaveLength(4);
  });

  it("reads Mailchimp's subscribed, unsubscribed and cleaned files; leaving wins and is never undone", async () => {
    const subscribed = await importCsv(t(), fixture('mailchimp-subscribed.csv'), `?newsletters=${french}`);
    expect(subscribed.body).toMatchObject({ format: 'mailchimp', rows: 4, created: 2 });
    expect(subscribed.body.skipped).toEqual([
      { line: 4, reason: 'has text after the closing quote of a field' },
      { line: 5, reason: 'has no e-mail address' },
    ]);
    const lucia = await memberNamed(t(), 'lucia@example.es');
    expect(lucia).toMatchObject({ name: 'Lucía García', language: 'fr', source: 'import:mailchimp', createdAt: '2022-11-02T09:16:41.000Z' });
    expect(lucia.subscriptions).toMatchObject([{ newsletterId: french, status: 'confirmed' }]);

    const unsubscribed = await importCsv(t(), fixture('mailchimp-unsubscribed.csv'), `?newsletters=${french}`);
    expect(unsubscribed.body).toMatchObject({ created: 1, updated: 1, skipped: [] });
    expect((await memberNamed(t(), 'lucia@example.es')).subscriptions).toMatchObject([{ status: 'unsubscribed' }]);
    expect((await memberNamed(t(), 'gone@example.com')).subscriptions).toMatchObject([{ status: 'unsubscribed' }]);
    // The older subscribed file does not bring her back.
    expect((await importCsv(t(), fixture('mailchimp-subscribed.csv'), `?newsletters=${french}`)).body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect((await memberNamed(t(), 'lucia@example.es')).subscriptions).toMatchObject([{ status: 'unsubscribed' }]);

    const cleaned = await importCsv(t(), fixture('mailchimp-cleaned.csv'), `?newsletters=${french}`);
    expect(cleaned.body).toMatchObject({ created: 1 });
    expect(await memberNamed(t(), 'bounced@example.com')).toMatchObject({ suppressedAt: '2022-06-30T23:00:00.000Z' });
  });

  it("reads Substack's subscriber export into the newsletters and language asked for", async () => {
    const { body } = await importCsv(t(), fixture('substack-subscribers.csv'), `?newsletters=${chinese},${english}&language=zh-Hant`);
    expect(body).toMatchObject({ format: 'substack', rows: 5, created: 3 });
    expect(body.skipped).toEqual([
      { line: 5, reason: 'email_disabled is "maybe", not true or false' },
      { line: 6, reason: 'has 8 fields where the header has 7' },
    ]);
    const reader = await memberNamed(t(), 'reader.one@example.com');
    expect(reader.language).toBe('zh-Hant');
    expect(reader.subscriptions).toMatchObject([
      { newsletterId: english, status: 'confirmed' },
      { newsletterId: chinese, status: 'confirmed' },
    ]);
    expect((await memberNamed(t(), 'quiet@example.com')).subscriptions.map((s: { status: string }) => s.status)).toEqual(['unsubscribed', 'unsubscribed']);
  });

  it('refuses a file it cannot name, a list without newsletters, and an unknown newsletter', async () => {
    expect((await importCsv(t(), 'address,when\r\na@example.com,now\r\n', `?newsletters=${english}`)).status).toBe(400);
    expect((await importCsv(t(), fixture('substack-subscribers.csv'))).body.error.fields).toEqual([
      { field: 'newsletters', message: 'name the newsletters this substack list subscribes its members to' },
    ]);
    expect((await importCsv(t(), fixture('substack-subscribers.csv'), '?newsletters=999999')).status).toBe(400);
    expect((await importCsv(t(), fixture('ghost-members.csv'), `?newsletters=${english}&format=substack`)).status).toBe(400);
  });

  it('exports what it imports: the export read back into a site with the same newsletters exports the same file', async () => {
    // A name a spreadsheet would run as a formula travels as text and comes back as typed.
    await t().app.inject({ method: 'POST', url: '/api/admin/v1/members', headers: await t().auth('editor'), payload: { email: 'formula@example.com', name: '=HYPERLINK("x")', newsletters: [french], consent: true } });
    const exported = await exportCsv(t());
    expect(exported.split('\r\n')[0]).toBe('email,name,language,created_at,source,suppressed_at,newsletter:The Morning [en],newsletter:Le Quotidien [fr],newsletter:每日新聞 [zh-Hant]');
    expect(exported).toContain(`formula@example.com,"'=HYPERLINK(""x"")",fr,`);

    expect((await importCsv(t(), exported)).body).toMatchObject({ format: 'herald', created: 0, updated: 0, skipped: [], notes: [] });

    const other = await createTestApp(t().engine);
    try {
      await newsletter(other, 'The Morning', 'en');
      await newsletter(other, 'Le Quotidien', 'fr');
      await newsletter(other, '每日新聞', 'zh-Hant');
      const { body } = await importCsv(other, exported);
      expect(body).toMatchObject({ format: 'herald', skipped: [] });
      expect(body.created).toBe(exported.trim().split('\r\n').length - 1);
      expect(await exportCsv(other)).toBe(exported);
      expect(await memberNamed(other, 'formula@example.com')).toMatchObject({ name: '=HYPERLINK("x")' });
    } finally {
      await other.close();
    }
  });

  it('exports only the members a filter names', async () => {
    const response = await t().app.inject({ method: 'GET', url: `/api/admin/v1/members/export?newsletter=${french}&status=unsubscribed`, headers: await t().auth('editor') });
    const emails = response.body.trim().split('\r\n').slice(1).map((line) => line.split(',')[0]).sort();
    expect(emails).toEqual(['gone@example.com', 'lucia@example.es']);
  });
});
