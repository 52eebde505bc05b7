import { expect, it } from 'vitest';
import { createArticle } from '../../src/content/articles.service.js';
import { createTranslation } from '../../src/content/translations.service.js';
import type { Actor } from '../../src/people/permissions.js';
import { createUser } from '../../src/people/users.service.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { DAY, HOUR, MINUTE_MS, rollUpViews } from '../../src/analytics/rollup.service.js';
import { statsSeries, statsTop, statsTotals, type StatsFilter } from '../../src/analytics/stats.service.js';
import { writeViews, type PendingViews, type VisitorMark } from '../../src/analytics/views.repository.js';
import { decodeDayCounts } from '../../src/analytics/day-counts.js';
import { describeEachEngine } from '../support/engines.js';
import { sectionNamed } from '../support/sections.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';
// 2026-12-01T00:00Z, a Tuesday.
const T0 = Date.UTC(2026, 11, 1);
const minute = (at: number) => Math.floor(at / MINUTE_MS);
const day = (at: number) => Math.floor(at / (DAY * MINUTE_MS));

function pending(at: number, fields: Partial<PendingViews> = {}): PendingViews {
  return {
    minute: minute(at), article_id: 0, language: 'en', page_kind: 'home', referrer: '', source: '', medium: '', campaign: '',
    device: 'desktop', country: '', views: 1, reads: 0, newVisitors: [], newSiteVisitors: [], ...fields,
  };
}

function marks(at: number, page: string, visitor: string): VisitorMark[] {
  return [{ day: day(at), page, visitor }];
}

const period = (from: number, to: number, extra: Partial<StatsFilter> = {}): StatsFilter => ({ from: new Date(from), to: new Date(to), ...extra });

describeEachEngine('analytics storage: counts written in batches, rolled up and queried', (database, engine) => {
  it('adds batches into the same rows and counts a visitor once a day however many processes saw them', async () => {
    const db = database().db;
    const at = T0 + 5 * MINUTE_MS;
    await writeViews(db, [pending(at, { article_id: 1, page_kind: 'story', views: 2, newVisitors: marks(at, 'a1', 'v1'), newSiteVisitors: marks(at, 'site', 'v1') })]);
    // Another process saw the same visitor (same salted hash) on the same page and the site.
    await writeViews(db, [pending(at, { article_id: 1, page_kind: 'story', views: 3, reads: 1, newVisitors: marks(at, 'a1', 'v1'), newSiteVisitors: marks(at, 'site', 'v1') })]);
    // The next day the same hash is a new visitor (in practice the salt changed, and the hash with it).
    const next = at + DAY * MINUTE_MS;
    await writeViews(db, [pending(next, { article_id: 1, page_kind: 'story', newVisitors: marks(next, 'a1', 'v1'), newSiteVisitors: marks(next, 'site', 'v1') })]);
    expect(await statsTotals(db, period(T0, T0 + 2 * DAY * MINUTE_MS, { articleId: 1 }))).toEqual({ views: 6, visitors: 2, reads: 1 });
    expect(await statsTotals(db, period(T0, T0 + DAY * MINUTE_MS))).toEqual({ views: 5, visitors: 1, reads: 1 });
    await db.deleteFrom('analytics_views').execute();
    await db.deleteFrom('analytics_visitors').execute();
  });

  it('loses no count when batches with the same rows are flushed at the same time (PostgreSQL: on separate connections)', async () => {
    const db = database().db;
    const at = T0 + 30 * MINUTE_MS;
    const batch = (process: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        pending(at + (i % 7) * MINUTE_MS, {
          article_id: 1 + (i % 3), page_kind: 'story', device: i % 2 ? 'mobile' : 'desktop', views: 1 + (i % 4), reads: i % 5 === 0 ? 1 : 0,
          newVisitors: marks(at, `a${1 + (i % 3)}`, `${process}-${i % 11}`), newSiteVisitors: marks(at, 'site', `shared-${i % 13}`),
        }),
      );
    const a = batch('a', 400);
    const b = batch('b', 400);
    const sum = (list: PendingViews[], pick: (row: PendingViews) => number) => list.reduce((total, row) => total + pick(row), 0);
    await Promise.all([writeViews(db, a), writeViews(db, b), writeViews(db, batch('a', 400))]);
    const totals = await statsTotals(db, period(T0, T0 + DAY * MINUTE_MS));
    expect(totals.views).toBe(sum(a, (r) => r.views) * 2 + sum(b, (r) => r.views));
    expect(totals.reads).toBe(sum(a, (r) => r.reads) * 2 + sum(b, (r) => r.reads));
    // 13 distinct site hashes, however often and by whoever they were seen.
    expect(totals.visitors).toBe(13);
    const stored = await db.selectFrom('analytics_visitors').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(Number(stored.n)).toBe(13 + 3 * 11 * 2);
    await db.deleteFrom('analytics_views').execute();
    await db.deleteFrom('analytics_visitors').execute();
  });

  it('packs each day two days old into a row per page by the hour, one bucket after 90 days, keeping every count', async () => {
    const db = database().db;
    const rows: PendingViews[] = [];
    // Three views an hour for 100 days before T0, at :10, :20 and :30, on two kinds of device.
    for (let hour = 0; hour < 100 * 24; hour++) {
      for (const m of [10, 20, 30]) {
        rows.push(pending(T0 - (hour + 1) * HOUR * MINUTE_MS + m * MINUTE_MS, { article_id: 7, page_kind: 'story', reads: m === 10 ? 1 : 0, device: m === 30 ? 'mobile' : 'desktop' }));
      }
    }
    await writeViews(db, rows);
    const all = period(T0 - 101 * DAY * MINUTE_MS, T0 + DAY * MINUTE_MS);
    const before = await statsTotals(db, all);
    expect(before).toEqual({ views: 7200, visitors: 0, reads: 2400 });
    const mobileBefore = await statsTotals(db, period(T0 - 101 * DAY * MINUTE_MS, T0, { device: 'mobile' }));
    // Two processes rolling up at once count nothing twice.
    await Promise.all([rollUpViews(db, T0, { packedBefore: null, oneBucketBefore: null }), rollUpViews(db, T0, { packedBefore: null, oneBucketBefore: null })]);
    expect(await statsTotals(db, all)).toEqual(before);
    expect(await statsTotals(db, period(T0 - 101 * DAY * MINUTE_MS, T0, { device: 'mobile' }))).toEqual(mobileBefore);

    const recent = await db.selectFrom('analytics_views').select('minute').where('article_id', '=', 7).execute();
    expect(recent).toHaveLength(2 * 24 * 3);
    expect(recent.every((row) => row.minute >= minute(T0) - 2 * DAY)).toBe(true);
    const days = await db.selectFrom('analytics_days').selectAll().where('article_id', '=', 7).orderBy('day').execute();
    expect(days.map((row) => row.day)).toEqual(Array.from({ length: 98 }, (_, i) => day(T0) - 100 + i));
    expect(days.filter((row) => row.grain === DAY).map((row) => row.day)).toEqual(Array.from({ length: 10 }, (_, i) => day(T0) - 100 + i));
    const segmentOf = async (device: string) => (await db.selectFrom('analytics_segments').select('id').where('device', '=', device).executeTakeFirstOrThrow()).id;
    const desktop = await segmentOf('desktop');
    const mobile = await segmentOf('mobile');
    const bySegment = (a: { segment: number }, b: { segment: number }) => a.segment - b.segment;
    const byHour = decodeDayCounts(days.at(-1)!.counts);
    expect(byHour).toHaveLength(48);
    expect(byHour.filter((count) => count.segment === desktop)).toEqual(
      Array.from({ length: 24 }, (_, hour) => ({ hour, segment: desktop, views: 2, visitors: 0, siteVisitors: 0, reads: 1 })),
    );
    expect(decodeDayCounts(days[0].counts).sort(bySegment)).toEqual(
      [{ hour: 0, segment: desktop, views: 48, visitors: 0, siteVisitors: 0, reads: 24 }, { hour: 0, segment: mobile, views: 24, visitors: 0, siteVisitors: 0, reads: 0 }].sort(bySegment),
    );
    // A packed day still answers hour by hour.
    const hours = await statsSeries(db, period(T0 - 10 * DAY * MINUTE_MS, T0 - 9 * DAY * MINUTE_MS), 'hour');
    expect(hours.map((point) => point.views)).toEqual(Array(24).fill(3));

    // A second pass (another process, or the next tick) changes nothing.
    expect(await rollUpViews(db, T0, { packedBefore: null, oneBucketBefore: null })).toBe(0);
    // Counts arriving late for a packed day are added into its row.
    await writeViews(db, [pending(T0 - 50 * DAY * MINUTE_MS, { article_id: 7, page_kind: 'story', device: 'mobile' })]);
    // A day later: one more day packed, one more day made one bucket.
    const progress = { packedBefore: null, oneBucketBefore: null };
    await rollUpViews(db, T0 + DAY * MINUTE_MS, progress);
    expect(progress).toEqual({ packedBefore: day(T0) - 1, oneBucketBefore: day(T0) - 89 });
    expect(await statsTotals(db, all)).toEqual({ ...before, views: before.views + 1 });
    expect(await db.selectFrom('analytics_views').select('minute').where('article_id', '=', 7).execute()).toHaveLength(24 * 3);
    const after = await db.selectFrom('analytics_days').select(['day', 'grain']).where('article_id', '=', 7).orderBy('day').execute();
    expect(after).toHaveLength(99);
    expect(after.filter((row) => row.grain === DAY)).toHaveLength(11);
    await db.deleteFrom('analytics_views').execute();
    await db.deleteFrom('analytics_days').execute();
  });

  it('forgets the visitor hashes of past days', async () => {
    const db = database().db;
    await writeViews(db, [pending(T0 - 60_000, { newSiteVisitors: marks(T0 - 60_000, 'site', 'yesterday') }), pending(T0, { newSiteVisitors: marks(T0, 'site', 'today') })]);
    await rollUpViews(db, T0 + 1000, { packedBefore: null, oneBucketBefore: null });
    expect((await db.selectFrom('analytics_visitors').select('visitor').execute()).map((r) => r.visitor)).toEqual(['today']);
    await db.deleteFrom('analytics_views').execute();
    await db.deleteFrom('analytics_visitors').execute();
  });

  it('answers series and top lists filtered by period, language, story, section, author, source, device and country', async () => {
    const store = database();
    await updateSettings(store.db, { languages: ['en', 'fr'] });
    const author = await createUser(store.db, { email: `stats-${engine}@herald.test`, name: 'Ada Stats', role: 'author' });
    const politics = await createArticle(store, { language: 'en', title: 'Votes counted', section: await sectionNamed(store, 'Politics'), authors: [author.id] }, editor, BASE);
    const french = await createTranslation(store, politics.id, { language: 'fr' }, editor, BASE, null);
    const sport = await createArticle(store, { language: 'en', title: 'Match won', section: await sectionNamed(store, 'Sport') }, editor, BASE);
    const at = T0 + 3 * HOUR * MINUTE_MS;
    const visit = (offsetMinutes: number, article: { id: number; language: string }, visitor: string, fields: Partial<PendingViews> = {}) => {
      const when = at + offsetMinutes * MINUTE_MS;
      return pending(when, {
        article_id: article.id, language: article.language, page_kind: 'story',
        newVisitors: marks(when, `a${article.id}`, visitor), newSiteVisitors: marks(when, 'site', visitor), ...fields,
      });
    };
    await writeViews(store.db, [
      visit(0, politics, 'p1', { referrer: 'news.example', device: 'mobile', country: 'FR' }),
      visit(1, politics, 'p2', { source: 'newsletter', medium: 'email', campaign: 'daily', reads: 1 }),
      visit(2, politics, 'p3', { referrer: 'news.example', source: 'mastodon', device: 'tablet', country: 'DE' }),
      visit(61, french, 'p1', { device: 'mobile', country: 'FR', newSiteVisitors: [] }),
      visit(62, sport, 'p4', { referrer: 'search.example', reads: 1 }),
      visit(120, sport, 'p4', { referrer: 'search.example', newVisitors: [], newSiteVisitors: [] }),
    ]);
    const day0 = (extra: Partial<StatsFilter> = {}) => period(T0, T0 + DAY * MINUTE_MS, extra);
    expect(await statsTotals(store.db, day0())).toEqual({ views: 6, visitors: 4, reads: 2 });
    expect(await statsTotals(store.db, day0({ language: 'fr' }))).toEqual({ views: 1, visitors: 0, reads: 0 });
    expect(await statsTotals(store.db, day0({ storyId: politics.storyId }))).toEqual({ views: 4, visitors: 4, reads: 1 });
    expect(await statsTotals(store.db, day0({ articleId: sport.id }))).toEqual({ views: 2, visitors: 1, reads: 1 });
    expect(await statsTotals(store.db, day0({ sectionId: sport.section!.id }))).toEqual({ views: 2, visitors: 1, reads: 1 });
    expect(await statsTotals(store.db, day0({ authorId: author.id }))).toEqual({ views: 3, visitors: 3, reads: 1 });
    expect(await statsTotals(store.db, day0({ source: 'news.example' }))).toEqual({ views: 1, visitors: 1, reads: 0 });
    expect(await statsTotals(store.db, day0({ source: 'mastodon' }))).toEqual({ views: 1, visitors: 1, reads: 0 });
    expect(await statsTotals(store.db, day0({ device: 'mobile' }))).toEqual({ views: 2, visitors: 1, reads: 0 });
    expect(await statsTotals(store.db, day0({ country: 'FR', device: 'mobile' }))).toEqual({ views: 2, visitors: 1, reads: 0 });
    expect(await statsTotals(store.db, period(T0, at + 60 * MINUTE_MS))).toEqual({ views: 3, visitors: 3, reads: 1 });

    expect(await statsTop(store.db, day0(), 'article')).toEqual([
      { key: String(politics.id), views: 3, visitors: 3, reads: 1 },
      { key: String(sport.id), views: 2, visitors: 1, reads: 1 },
      { key: String(french.id), views: 1, visitors: 0, reads: 0 },
    ]);
    expect(await statsTop(store.db, day0(), 'story', 1)).toEqual([{ key: String(politics.storyId), views: 4, visitors: 3, reads: 1 }]);
    expect((await statsTop(store.db, day0(), 'language')).map((e) => [e.key, e.views])).toEqual([['en', 5], ['fr', 1]]);
    expect((await statsTop(store.db, day0(), 'section')).map((e) => [e.key, e.views])).toEqual([[String(politics.section!.id), 4], [String(sport.section!.id), 2]]);
    expect((await statsTop(store.db, day0(), 'author')).map((e) => [e.key, e.views])).toEqual([[String(author.id), 3]]);
    expect((await statsTop(store.db, day0(), 'source')).map((e) => [e.key, e.views])).toEqual([['search.example', 2], ['', 1], ['mastodon', 1], ['news.example', 1], ['newsletter', 1]]);
    expect((await statsTop(store.db, day0({ storyId: politics.storyId }), 'device')).map((e) => [e.key, e.views])).toEqual([['mobile', 2], ['desktop', 1], ['tablet', 1]]);
    expect((await statsTop(store.db, day0(), 'country')).map((e) => [e.key, e.views])).toEqual([['', 3], ['FR', 2], ['DE', 1]]);
    expect((await statsTop(store.db, day0(), 'campaign')).map((e) => [e.key, e.views])).toEqual([['', 5], ['daily', 1]]);

    const hours = await statsSeries(store.db, period(T0, T0 + 6 * HOUR * MINUTE_MS), 'hour');
    expect(hours.map((p) => p.views)).toEqual([0, 0, 0, 3, 2, 1]);
    expect(hours[3]).toEqual({ start: '2026-12-01T03:00:00.000Z', views: 3, visitors: 3, reads: 1 });
    const minutes = await statsSeries(store.db, period(at, at + 3 * MINUTE_MS), 'minute');
    expect(minutes.map((p) => [p.start.slice(11, 16), p.views])).toEqual([['03:00', 1], ['03:01', 1], ['03:02', 1]]);
    // Days on the site's clock: in Tokyo (UTC+9) 03:00 and 05:00 UTC are the same day, 1 December.
    const days = await statsSeries(store.db, period(T0 - 9 * HOUR * MINUTE_MS, T0 + 39 * HOUR * MINUTE_MS), 'day', 'Asia/Tokyo');
    expect(days).toEqual([
      { start: '2026-11-30T15:00:00.000Z', views: 6, visitors: 4, reads: 2 },
      { start: '2026-12-01T15:00:00.000Z', views: 0, visitors: 0, reads: 0 },
    ]);
  });
});
