import { beforeAll, expect, it } from 'vitest';
import type { Role } from '../../../src/people/roles.js';
import { readCsv } from '../../../src/members/csv/csv.js';
import { setInterfaceLanguage } from '../../../src/people/users.service.js';
import { writeViews, type PendingViews } from '../../../src/analytics/views.repository.js';
import { describeEachEngineApp } from '../../support/app.js';
import { sectionNamed } from '../../support/sections.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** `n` views of an article at an instant by `visitors` distinct readers, `reads` of them to the end. */
function views(at: number, articleId: number, language: string, n: number, visitors: number, fields: Partial<PendingViews> = {}): PendingViews {
  const minute = Math.floor(at / MINUTE_MS);
  const day = Math.floor(at / DAY_MS);
  const hashes = Array.from({ length: visitors }, (_, i) => `${articleId}-${language}-${minute}-${i}`);
  return {
    minute, article_id: articleId, language, page_kind: 'story', referrer: '', source: '', medium: '', campaign: '', device: 'desktop', country: '',
    views: n, reads: 0, ...fields,
    newVisitors: hashes.map((visitor) => ({ day, page: `a${articleId}`, visitor })),
    newSiteVisitors: hashes.map((visitor) => ({ day, page: 'site', visitor })),
  };
}

describeEachEngineApp('Reader numbers through the Admin API', (t) => {
  const get = async (role: Role, url: string) => t().app.inject({ method: 'GET', url: `/api/admin/v1${url}`, headers: await t().auth(role) });
  let now: number;
  let authorId: number;
  let vote: { story: number; en: number; fr: number };
  let match: { story: number; en: number };

  beforeAll(async () => {
    const send = async (role: Role, method: 'POST' | 'PATCH', url: string, payload: object) => {
      const answer = await t().app.inject({ method, url: `/api/admin/v1${url}`, payload, headers: await t().auth(role) });
      expect(answer.statusCode, answer.body).toBe(method === 'POST' ? 201 : 200);
      return answer.json();
    };
    const post = (role: Role, url: string, payload: object) => send(role, 'POST', url, payload);
    authorId = (await t().auth('author')).userId;
    const en = await post('author', '/articles', { language: 'en', title: 'Votes counted', section: await sectionNamed(t().database, 'Politics'), status: 'published' });
    const draft = await post('author', `/articles/${en.id}/translations`, { language: 'fr' });
    const fr = await send('author', 'PATCH', `/articles/${draft.id}`, { version: draft.version, title: 'Les votes comptés' });
    const sport = await post('editor', '/articles', { language: 'en', title: 'Match won', section: await sectionNamed(t().database, 'Sport'), status: 'published' });
    vote = { story: en.storyId, en: en.id, fr: fr.id };
    match = { story: sport.storyId, en: sport.id };
    now = Date.now();
    await writeViews(t().database.db, [
      views(now, vote.en, 'en', 6, 3, { reads: 2, referrer: 'news.google.com', device: 'mobile', country: 'FR' }),
      views(now, vote.fr, 'fr', 2, 1, { country: 'FR' }),
      views(now - 10 * DAY_MS, match.en, 'en', 4, 2, { source: 'newsletter', reads: 1 }),
      views(now - 100 * DAY_MS, match.en, 'en', 5, 5, { source: '=HYPERLINK("http://evil.test")' }),
    ]);
  });

  it('gives editors and administrators every story’s numbers: totals, a series with every step, named top lists', async () => {
    for (const role of ['editor', 'administrator'] as const) {
      const answer = await get(role, '/stats?period=30d');
      expect(answer.statusCode).toBe(200);
      const report = answer.json();
      expect(report.scope).toBeNull();
      expect(report.period).toMatchObject({ name: '30d', step: 'day', timeZone: 'UTC' });
      expect(report.totals).toEqual({ views: 12, visitors: 6, reads: 3 });
      expect(report.series).toHaveLength(30);
      expect(report.series.reduce((sum: number, point: { views: number }) => sum + point.views, 0)).toBe(12);
      expect(report.series.at(-1).views).toBe(8);
      expect(report.top.stories.map((e: { name: string; views: number; articleId: number }) => [e.name, e.views, e.articleId])).toEqual([
        ['Votes counted', 8, vote.en],
        ['Match won', 4, match.en],
      ]);
      expect(report.top.sections.map((e: { name: string; views: number }) => [e.name, e.views])).toEqual([['Politics', 8], ['Sport', 4]]);
      expect(report.top.authors[0]).toMatchObject({ key: String(authorId), name: 'Test author', views: 8 });
      expect(report.top.sources.map((e: { key: string; views: number }) => [e.key, e.views])).toEqual([['news.google.com', 6], ['newsletter', 4], ['', 2]]);
      expect(report.top.languages.map((e: { key: string; views: number }) => [e.key, e.views])).toEqual([['en', 10], ['fr', 2]]);
      expect(report.top.devices.map((e: { key: string; views: number }) => [e.key, e.views])).toEqual([['desktop', 6], ['mobile', 6]]);
      expect(report.top.countries.map((e: { key: string; views: number }) => [e.key, e.views])).toEqual([['FR', 8], ['', 4]]);
      expect(report.translations).toBeNull();
    }
    expect((await get('editor', '/stats?period=365d')).json().totals.views).toBe(17);
    expect((await get('editor', '/stats')).json().period.name).toBe('30d');
  });

  it('compares a story’s translations side by side, and answers the last 30 minutes minute by minute', async () => {
    const story = (await get('editor', `/stats?period=7d&story=${vote.story}`)).json();
    expect(story.totals).toEqual({ views: 8, visitors: 4, reads: 2 });
    expect(story.translations.map((e: { language: string; name: string; views: number; articleId: number }) => [e.language, e.name, e.views, e.articleId])).toEqual([
      ['en', 'Votes counted', 6, vote.en],
      ['fr', 'Les votes comptés', 2, vote.fr],
    ]);
    const realtime = (await get('editor', '/stats?period=realtime')).json();
    expect(realtime.period.step).toBe('minute');
    expect(realtime.series).toHaveLength(30);
    expect(realtime.totals.views).toBe(8);
    const today = (await get('editor', '/stats?period=today&language=fr')).json();
    expect(today.period.step).toBe('hour');
    expect(today.totals).toEqual({ views: 2, visitors: 1, reads: 0 });
    const filtered = (await get('editor', `/stats?period=30d&device=mobile&country=FR&section=${(await get('editor', '/stats')).json().top.sections[0].key}`)).json();
    expect(filtered.totals.views).toBe(6);
    expect((await get('editor', '/stats?period=30d&source=newsletter')).json().totals.views).toBe(4);
    expect((await get('editor', '/stats?period=30d&source=')).json().totals.views).toBe(2);
  });

  it('names countries in the asker’s admin language: the one they chose, else their browser’s, in the answer and the CSV', async () => {
    const countries = async (headers: Record<string, string> = {}) => {
      const answer = await t().app.inject({ url: '/api/admin/v1/stats?period=30d', headers: { ...(await t().auth('editor')), ...headers } });
      return answer.json().top.countries.map((e: { key: string; name: string }) => [e.key, e.name]);
    };
    expect(await countries()).toEqual([['FR', 'France'], ['', '']]);
    expect(await countries({ 'accept-language': 'de-AT,de;q=0.9,en;q=0.5' })).toEqual([['FR', 'Frankreich'], ['', '']]);
    expect(await countries({ 'accept-language': 'zh-TW' })).toEqual([['FR', '法國'], ['', '']]);
    const { userId } = await t().auth('editor');
    await setInterfaceLanguage(t().database.db, userId, 'ar');
    expect(await countries({ 'accept-language': 'de' })).toEqual([['FR', 'فرنسا'], ['', '']]);
    const csv = readCsv((await t().app.inject({ url: '/api/admin/v1/stats.csv?period=30d', headers: await t().auth('editor') })).body);
    expect(csv.filter((r) => r.fields[0] === 'countries').map((r) => r.fields.slice(1, 4))).toEqual([['FR', 'فرنسا', '8'], ['', '', '4']]);
    await setInterfaceLanguage(t().database.db, userId, null);
  });

  it('reads a period of your own given as days (the last one included) or instants', async () => {
    const day = (offset: number) => new Date(now + offset * DAY_MS).toISOString().slice(0, 10);
    const days = (await get('editor', `/stats?from=${day(-11)}&to=${day(-9)}`)).json();
    expect(days.period).toMatchObject({ name: 'custom', step: 'hour', from: `${day(-11)}T00:00:00.000Z`, to: `${day(-8)}T00:00:00.000Z` });
    expect(days.totals.views).toBe(4);
    const instants = (await get('editor', `/stats?from=${new Date(now - 200 * DAY_MS).toISOString()}&to=${new Date(now - 50 * DAY_MS).toISOString()}`)).json();
    expect(instants.period.step).toBe('day');
    expect(instants.totals.views).toBe(5);
  });

  it('shows authors the numbers of their own stories only', async () => {
    const report = (await get('author', '/stats?period=365d')).json();
    expect(report.scope).toEqual({ authorId });
    expect(report.top.stories.map((e: { name: string }) => e.name)).toEqual(['Votes counted']);
    expect(report.totals.views).toBe(8);
    expect((await get('author', `/stats?period=365d&story=${match.story}`)).json().totals.views).toBe(0);
    const theirs = await get('author', `/stats?author=${(await t().auth('editor')).userId}`);
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().error.message).toMatch(/its own stories/);
    expect((await get('author', `/stats?author=${authorId}`)).statusCode).toBe(200);
    const csv = readCsv((await get('author', '/stats.csv?period=365d')).body);
    expect(csv.filter((r) => r.fields[0] === 'stories').map((r) => r.fields[2])).toEqual(['Votes counted']);
  });

  it('says whether readers are being counted now, and still answers what was counted once analytics is switched off', async () => {
    expect((await get('editor', '/stats')).json().counting).toBe(true);
    const headers = await t().auth('administrator');
    expect((await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', payload: { analytics: false }, headers })).statusCode).toBe(200);
    const off = (await get('editor', '/stats?period=365d')).json();
    expect(off).toMatchObject({ counting: false, totals: { views: 17 } });
    expect((await t().app.inject({ method: 'PATCH', url: '/api/admin/v1/settings', payload: { analytics: true }, headers })).statusCode).toBe(200);
  });

  it('refuses contributors, whose role sees no reader numbers, in JSON and CSV alike', async () => {
    for (const url of ['/stats', '/stats?format=csv', '/stats.csv', `/stats?story=${vote.story}`]) {
      const answer = await get('contributor', url);
      expect(answer.statusCode).toBe(403);
      expect(answer.json().error.code).toBe('FORBIDDEN');
    }
  });

  it('names the field at fault', async () => {
    const cases: [string, string][] = [
      ['period=week', 'period'],
      ['from=2026-13-01', 'from'],
      ['from=2026-12-01T10:00', 'from'],
      ['to=2026-12-01', 'from'],
      ['from=2026-12-02&to=2026-11-30', 'to'],
      ['from=2020-01-01&to=2026-01-01', 'from'],
      ['device=fridge', 'device'],
      ['country=fr', 'country'],
      ['story=0', 'story'],
      ['limit=1000', 'limit'],
      ['format=xml', 'format'],
      ['colour=red', 'colour'],
    ];
    for (const [search, field] of cases) {
      const answer = await get('editor', `/stats?${search}`);
      expect(answer.statusCode, search).toBe(400);
      // Fields the schema refuses are named as Fastify found them, in the query string.
      const named = answer.json().error.fields.map((f: { field: string }) => f.field.replace(/^querystring\./, ''));
      expect(named, search).toContain(field);
    }
  });

  it('exports the same numbers as CSV, with nothing a spreadsheet would run', async () => {
    const viaFormat = await get('editor', '/stats?period=365d&format=csv');
    const viaPath = await get('editor', '/stats.csv?period=365d');
    expect(viaFormat.statusCode).toBe(200);
    expect(viaFormat.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(viaFormat.headers['content-disposition']).toMatch(/^attachment; filename="stats-365d-\d{4}-\d{2}-\d{2}\.csv"$/);
    // The same table, but for the instant each answer was made at (the period's end).
    const withoutNow = (body: string) => body.replace(/Z\/[^,]+,/, 'Z/now,');
    expect(withoutNow(viaPath.body)).toBe(withoutNow(viaFormat.body));
    const records = readCsv(viaFormat.body);
    expect(records.every((r) => !r.fault)).toBe(true);
    expect(records[0].fields).toEqual(['table', 'key', 'name', 'views', 'visitors', 'read_to_end']);
    expect(records[1].fields.slice(0, 1).concat(records[1].fields.slice(3))).toEqual(['total', '17', '11', '3']);
    const days = records.filter((r) => r.fields[0] === 'by_day');
    expect(days).toHaveLength(365);
    expect(days.reduce((sum, r) => sum + Number(r.fields[3]), 0)).toBe(17);
    expect(records.find((r) => r.fields[0] === 'stories' && r.fields[2] === 'Votes counted')?.fields.slice(3)).toEqual(['8', '4', '2']);
    expect(records.find((r) => r.fields[0] === 'sources' && r.fields[3] === '5')?.fields[1]).toBe(`'=HYPERLINK("http://evil.test")`);
    const story = readCsv((await get('editor', `/stats.csv?story=${vote.story}`)).body).filter((r) => r.fields[0] === 'translations');
    expect(story.map((r) => [r.fields[1], r.fields[3]])).toEqual([['en', '6'], ['fr', '2']]);
  });
});
