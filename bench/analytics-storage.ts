/**
 * `npm run bench:analytics-storage`: how much disk a year of reader analytics takes. Generates a
 * year of 100,000 views a day across 10,000 stories and stores it as the roll-up leaves it: minute
 * rows for the last two days, then each day packed into a row per page (analytics_days), by the
 * hour until 90 days and as one bucket before. Reports each table's size with its indexes.
 * Options: --engine sqlite|postgres  --views-per-day N (100000)  --stories N (10000)  --days N (365)
 *          --sample-days N: a projection in a few minutes. The minute days are written in full,
 *          but of the packed days only N, spread evenly over the hour days and the one-bucket
 *          days in proportion; each kind's measured bytes are scaled up to all its days.
 *          --time-stats: then times the Stats screen's report (statsReport, as GET /stats builds
 *          it: totals, series and every top list) for each period, three times each, and prints
 *          the median. Meaningful without --sample-days (a projection leaves most days empty).
 *
 * The traffic is a newsroom's: stories published evenly through the year, read mostly in their
 * first days (weight ∝ quality / (1 + age in days)^1.2, quality log-normal, plus a long tail of
 * archive reads), 45 % direct, the rest from search, social networks and 200 smaller sites,
 * 8 % from a newsletter campaign, 60 % phones, 35 % computers, 5 % tablets, 30 % read to the end.
 * No country (no address to look up).
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { Database } from '../src/db/database.js';
import type { AnalyticsViewsTable } from '../src/db/schema.js';
import { addViews } from '../src/analytics/views.repository.js';
import { addDayCounts } from '../src/analytics/days.repository.js';
import { DAY, HOUR, KEEP_HOURS, KEEP_MINUTES, MINUTE_MS } from '../src/analytics/rollup.service.js';
import { PERIODS } from '../src/analytics/periods.js';
import { statsReport } from '../src/analytics/stats.report.js';
import type { Actor } from '../src/people/permissions.js';
import { freshStore } from './store.js';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    'views-per-day': { type: 'string', default: '100000' },
    stories: { type: 'string', default: '10000' },
    days: { type: 'string', default: '365' },
    'sample-days': { type: 'string' },
    'time-stats': { type: 'boolean', default: false },
  },
});
const engine = args.engine === 'postgres' ? 'postgres' : 'sqlite';
const viewsPerDay = Number(args['views-per-day']);
const storyCount = Number(args.stories);
const days = Number(args.days);
const sampleDays = args['sample-days'] === undefined ? null : Number(args['sample-days']);
const LANGUAGES = ['en', 'fr', 'ar'];

// A fixed seed: the same year every run (mulberry32).
let state = 0x9e3779b9;
function random(): number {
  state = (state + 0x6d2b79f5) | 0;
  let t = Math.imul(state ^ (state >>> 15), 1 | state);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const otherHosts = Array.from({ length: 200 }, (_, i) => `site-${i}.example`);
function referrer(): string {
  const r = random();
  if (r < 0.45) return '';
  if (r < 0.7) return 'www.google.com';
  if (r < 0.8) return 'news.google.com';
  if (r < 0.85) return 't.co';
  if (r < 0.9) return 'www.facebook.com';
  // Zipf-like over the smaller sites.
  return otherHosts[Math.floor(otherHosts.length * random() ** 3)];
}
function device(): string {
  const r = random();
  return r < 0.6 ? 'mobile' : r < 0.95 ? 'desktop' : 'tablet';
}

const stories = Array.from({ length: storyCount }, (_, i) => ({
  id: i + 1,
  language: LANGUAGES[i % 3],
  publishedDay: Math.floor((i / storyCount) * days),
  quality: Math.exp(gaussian()),
}));

/** The cumulative weights of the stories out by `day`, for sampling by binary search. */
function weightsOn(day: number): { cumulative: Float64Array; out: number } {
  const out = stories.filter((s) => s.publishedDay <= day).length;
  const cumulative = new Float64Array(out);
  let total = 0;
  for (let i = 0; i < out; i++) {
    const age = day - stories[i].publishedDay;
    total += stories[i].quality * (1 / (1 + age) ** 1.2 + 0.02);
    cumulative[i] = total;
  }
  return { cumulative, out };
}
function sample(cumulative: Float64Array): number {
  const target = random() * cumulative[cumulative.length - 1];
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid] < target) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** One day's views, added up into the rows of the bucket width its age gives it at the end of the year. */
function dayOfViews(day: number, width: number): AnalyticsViewsTable[] {
  const { cumulative } = weightsOn(day);
  const byKey = new Map<string, AnalyticsViewsTable>();
  for (let v = 0; v < viewsPerDay; v++) {
    const story = stories[sample(cumulative)];
    const minute = day * DAY + Math.floor(random() * DAY);
    const newsletter = random() < 0.08;
    const row: AnalyticsViewsTable = {
      minute: minute - (minute % width), article_id: story.id, language: story.language, page_kind: 'story',
      referrer: newsletter ? '' : referrer(), source: newsletter ? 'newsletter' : '', medium: newsletter ? 'email' : '',
      campaign: newsletter ? pick(['morning', 'evening']) : '', device: device(), country: '',
      views: 1, visitors: random() < 0.7 ? 1 : 0, site_visitors: random() < 0.4 ? 1 : 0, reads: random() < 0.3 ? 1 : 0,
    };
    const key = `${row.minute}|${row.article_id}|${row.referrer}|${row.source}|${row.campaign}|${row.device}`;
    const into = byKey.get(key);
    if (into) {
      into.views += 1;
      into.visitors += row.visitors;
      into.site_visitors += row.site_visitors;
      into.reads += row.reads;
    } else byKey.set(key, row);
  }
  return [...byKey.values()];
}

/** `count` days spread evenly over `[from, to)`. */
function spread(from: number, to: number, count: number): number[] {
  const length = to - from;
  if (count >= length) return Array.from({ length }, (_, i) => from + i);
  return Array.from({ length: count }, (_, i) => from + Math.floor(((i + 0.5) * length) / count));
}

const TABLES = ['analytics_views', 'analytics_days', 'analytics_segments'] as const;
type Sizes = Record<(typeof TABLES)[number], number>;

/** Each analytics table's bytes with its indexes (and PostgreSQL's TOAST), after a vacuum. */
async function sizes(database: Database): Promise<Sizes> {
  const result = { analytics_views: 0, analytics_days: 0, analytics_segments: 0 };
  if (engine === 'sqlite') {
    await sql`vacuum`.execute(database.db);
    const rows = await sql<{ table: keyof Sizes; bytes: number }>`
      select m.tbl_name as "table", sum(d.pgsize) as bytes from dbstat d join sqlite_master m on m.name = d.name
      where m.tbl_name in (${sql.join([...TABLES])}) group by m.tbl_name`.execute(database.db);
    for (const row of rows.rows) result[row.table] = Number(row.bytes);
  } else {
    for (const table of TABLES) {
      await sql`vacuum analyze ${sql.table(table)}`.execute(database.db);
      const size = await sql<{ bytes: string }>`select pg_total_relation_size(${table}) as bytes`.execute(database.db);
      result[table] = Number(size.rows[0].bytes);
    }
  }
  return result;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

const ADMINISTRATOR: Actor = { role: 'administrator', userId: 1, principal: 'user:1', name: 'Bench' };

/** How long the Stats screen waits for each period's report, at the end of the generated year. */
async function timeReports(database: Database, now: number): Promise<void> {
  const context = { actor: ADMINISTRATOR, language: 'en', now, timeZone: 'UTC', defaultLanguage: 'en', counting: true };
  for (const period of PERIODS) {
    const times: number[] = [];
    let views = 0;
    for (let round = 0; round < 3; round++) {
      const started = performance.now();
      views = (await statsReport(database.db, { period }, context)).totals.views;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    console.log(`stats report, ${period}: ${times[1].toFixed(0)} ms (rounds ${times.map((ms) => ms.toFixed(0)).join(', ')} ms), ${views.toLocaleString('en')} views`);
  }
}

async function main() {
  const store = await freshStore(engine, 'herald-analytics-storage');
  const database = openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl || undefined });
  try {
    await migrateToLatest(database);
    const endMinute = days * DAY;
    // The roll-up's cut-offs at the end of the last day (rollup.service.ts).
    const packBefore = Math.floor((endMinute - KEEP_MINUTES) / DAY);
    const oneBucketBefore = Math.floor((endMinute - KEEP_HOURS) / DAY);
    const kinds = [
      { name: 'one-bucket days', from: 0, to: Math.max(0, oneBucketBefore), width: DAY },
      { name: 'hour days', from: Math.max(0, oneBucketBefore), to: packBefore, width: HOUR },
    ];
    const packedDays = packBefore;
    const sampled = sampleDays === null ? null : Math.max(1, Math.min(sampleDays, packedDays));
    let rows = 0;
    let written = 0;
    const started = performance.now();
    const progress = () => process.stderr.write(`\r\x1b[K[storage] ${written} days written: ${rows.toLocaleString('en')} aggregates`);
    // Each kind's bytes of analytics_days, scaled from its sample to all its days.
    let packedBytes = 0;
    let before = 0;
    for (const kind of kinds) {
      const length = kind.to - kind.from;
      const share = sampled === null ? length : Math.max(1, Math.round((sampled * length) / packedDays));
      const chosen = spread(kind.from, kind.to, share);
      for (const day of chosen) {
        const dayRows = dayOfViews(day, kind.width);
        await database.db.transaction().execute((trx) => addDayCounts(trx, day, kind.width === DAY, dayRows));
        rows += dayRows.length;
        written++;
        progress();
      }
      if (chosen.length === 0) continue;
      const after = (await sizes(database)).analytics_days;
      packedBytes += ((after - before) * length) / chosen.length;
      process.stderr.write(`\n[storage] ${kind.name}: ${chosen.length} of ${length} written, ${mb(after - before)}${chosen.length < length ? `, ${mb(((after - before) * length) / chosen.length)} projected` : ''}\n`);
      before = after;
    }
    for (let day = packBefore; day < days; day++) {
      const dayRows = dayOfViews(day, 1);
      await database.db.transaction().execute((trx) => addViews(trx, dayRows));
      rows += dayRows.length;
      written++;
      progress();
    }
    process.stderr.write('\n');
    const measured = await sizes(database);
    const total = measured.analytics_views + packedBytes + measured.analytics_segments;
    const views = viewsPerDay * days;
    console.log(`engine: ${engine}`);
    console.log(`views: ${views.toLocaleString('en')} (${viewsPerDay.toLocaleString('en')} a day for ${days} days across ${storyCount.toLocaleString('en')} stories)`);
    if (sampled !== null && sampled < packedDays) {
      console.log(`projection: ${written} of ${days} days written (${days - packBefore} minute days in full, ${sampled} of ${packedDays} packed days spread evenly), the packed days' bytes scaled up`);
    }
    console.log(`aggregates written: ${rows.toLocaleString('en')}`);
    console.log(`analytics_views (minute rows of the last ${days - packBefore} days) with its indexes: ${mb(measured.analytics_views)}`);
    console.log(`analytics_days (packed days) with its indexes: ${mb(packedBytes)}${sampled !== null && sampled < packedDays ? ' (projected)' : ''}`);
    console.log(`analytics_segments with its index: ${mb(measured.analytics_segments)}`);
    console.log(`a year of analytics: ${mb(total)} (${(total / views).toFixed(1)} bytes per view)`);
    console.log(`generated and written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
    // A moment before the generated year ends: "today" is then its whole last day.
    if (args['time-stats']) await timeReports(database, endMinute * MINUTE_MS - 1);
  } finally {
    await database.close();
    await store.drop();
  }
}

await main();
