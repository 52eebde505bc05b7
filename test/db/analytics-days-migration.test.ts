import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { DAY, HOUR, MINUTE_MS } from '../../src/analytics/rollup.service.js';
import { statsSummary, type StatsFilter, type TopDimension } from '../../src/analytics/stats.service.js';
import { createArticle } from '../../src/content/articles.service.js';
import { createTranslation } from '../../src/content/translations.service.js';
import type { AnalyticsViewsTable } from '../../src/db/schema.js';
import { migrations } from '../../src/db/migrations/index.js';
import type { Actor } from '../../src/people/permissions.js';
import { createUser } from '../../src/people/users.service.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';
import { sectionNamed } from '../support/sections.js';

const MIGRATION = '2026-12-05-40-analytics-days';
const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const DIMENSIONS: TopDimension[] = ['article', 'story', 'language', 'section', 'author', 'source', 'referrer', 'medium', 'campaign', 'device', 'country', 'pageKind'];

describeEachEngine('the analytics days migration', (database, engine) => {
  it('moves the rows rolled up before it into packed days, and every answer stays the same', async () => {
    const store = database();
    const db = store.db;
    await updateSettings(db, { languages: ['en', 'fr'] });
    const author = await createUser(db, { email: `migration-${engine}@herald.test`, name: 'Ada Counts', role: 'author' });
    const floods = await createArticle(store, { language: 'en', title: 'Floods', section: await sectionNamed(store, 'Weather'), authors: [author.id] }, editor, 'http://herald.test');
    const crues = await createTranslation(store, floods.id, { language: 'fr' }, editor, 'http://herald.test', null);
    const harbour = await createArticle(store, { language: 'en', title: 'Harbour', section: await sectionNamed(store, 'Culture') }, editor, 'http://herald.test');

    // The rows as the old roll-up left them: minutes for two days, then hours, then UTC days.
    const nowMinute = Math.floor(Date.now() / MINUTE_MS);
    const today = nowMinute - (nowMinute % DAY);
    const old: AnalyticsViewsTable[] = [];
    const row = (minute: number, article: { id: number; language: string } | null, n: number, fields: Partial<AnalyticsViewsTable> = {}) =>
      old.push({
        minute, article_id: article?.id ?? 0, language: article?.language ?? 'fr', page_kind: article ? 'story' : 'home', referrer: '', source: '', medium: '',
        campaign: '', device: 'desktop', country: '', views: n, visitors: Math.ceil(n / 2), site_visitors: Math.floor(n / 3), reads: n % 3, ...fields,
      });
    for (const [age, n] of [[300, 4], [200, 7], [120, 3], [95, 5]]) {
      row(today - age * DAY, floods, n, { referrer: 'news.google.com', device: 'mobile', country: 'FR' });
      row(today - age * DAY, crues, n + 1, { source: 'newsletter', medium: 'email', campaign: 'matin' });
      row(today - age * DAY, harbour, 2 * n, { referrer: 't.co', country: 'DE' });
      row(today - age * DAY, null, n, { referrer: 'www.qwant.com', device: 'tablet' });
    }
    const hourRows: [number, number[]][] = [[60, [0, 7, 23]], [30, [3, 4, 12]], [10, [1, 18]], [5, [0, 9, 22]]];
    for (const [age, hours] of hourRows) {
      for (const [i, hour] of hours.entries()) {
        const minute = today - age * DAY + hour * HOUR;
        row(minute, floods, 3 + i, { device: i % 2 ? 'mobile' : 'desktop', country: 'FR' });
        row(minute, floods, 1, { referrer: 'news.google.com', device: 'mobile', country: 'FR' });
        row(minute, crues, 2 + i, { source: 'mastodon', referrer: 'mastodon.social' });
        row(minute, harbour, 1 + i, { referrer: 'www.qwant.com', device: 'tablet', country: 'BE' });
        row(minute, null, 5, { page_kind: 'section', language: 'en' });
      }
    }
    for (const ago of [60 * 30, 90, 7]) {
      row(nowMinute - ago, floods, 2, { device: 'mobile' });
      row(nowMinute - ago, harbour, 1, { referrer: 't.co' });
    }
    await db.insertInto('analytics_views').values(old).execute();

    const timeZone = 'Asia/Tokyo';
    const at = (minute: number) => new Date(minute * MINUTE_MS);
    const periods: [StatsFilter['from'], StatsFilter['to'], 'hour' | 'day'][] = [
      [at(today - 364 * DAY), at(nowMinute), 'day'],
      [at(today - 29 * DAY), at(nowMinute), 'day'],
      // Cut inside the hours of packed days.
      [at(today - 30 * DAY + 4 * HOUR), at(today - 28 * DAY + 30), 'hour'],
      [at(today - 62 * DAY), at(today - 10 * DAY + 2 * HOUR), 'day'],
    ];
    const filters: Partial<StatsFilter>[] = [
      {}, { language: 'fr' }, { storyId: floods.storyId }, { articleId: harbour.id }, { sectionId: harbour.section!.id }, { authorId: author.id },
      { source: 'news.google.com' }, { source: 'mastodon' }, { source: '' }, { device: 'mobile', country: 'FR' }, { country: 'BE' },
    ];
    const answers = async () => {
      const all = [];
      for (const [from, to, step] of periods) {
        for (const filter of filters) all.push(await statsSummary(db, { from, to, ...filter }, { step, timeZone, dimensions: DIMENSIONS, limit: 20 }));
      }
      return all;
    };
    const before = await answers();
    const total = (pick: (row: AnalyticsViewsTable) => number) => old.reduce((sum, r) => sum + pick(r), 0);
    expect(before[0].totals).toEqual({ views: total((r) => r.views), visitors: total((r) => r.site_visitors), reads: total((r) => r.reads) });

    // Run the migration again from where it started (its tables empty), inside a transaction as the migrator does.
    await db.transaction().execute(async (trx) => {
      await migrations[MIGRATION].down!(trx as Kysely<any>);
      await migrations[MIGRATION].up(trx as Kysely<any>);
    });
    expect(await answers()).toEqual(before);

    // Only the last days' rows are left as they were; the older ones are packed, by the hour or per day.
    const left = await db.selectFrom('analytics_views').select('minute').execute();
    expect(left.length).toBeGreaterThan(0);
    expect(left.every((r) => r.minute >= today - 2 * DAY)).toBe(true);
    const days = await db.selectFrom('analytics_days').select(['day', 'grain']).distinct().orderBy('day').execute();
    const todayDay = today / DAY;
    expect(days).toEqual([
      ...[300, 200, 120, 95].map((age) => ({ day: todayDay - age, grain: DAY })),
      ...[60, 30, 10, 5].map((age) => ({ day: todayDay - age, grain: HOUR })),
    ]);
    expect(await db.selectFrom('analytics_segments').select('id').execute()).toHaveLength(new Set(old.filter((r) => r.minute < today - 2 * DAY).map((r) => JSON.stringify([r.language, r.page_kind, r.referrer, r.source, r.medium, r.campaign, r.device, r.country]))).size);
  });
});
