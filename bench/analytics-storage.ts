/**
 * `npm run bench:analytics-storage`: how much disk a year of reader analytics takes. Generates a
 * year of 100,000 views a day across 10,000 stories and stores them as the roll-up leaves them
 * (minute rows for the last two days, hour rows until 90 days, day rows before), then reports
 * the size of the analytics table and its index.
 * Options: --engine sqlite|postgres  --views-per-day N (100000)  --stories N (10000)  --days N (365)
 *
 * The traffic is a newsroom's: stories published evenly through the year, read mostly in their
 * first days (weight ∝ quality / (1 + age in days)^1.2, quality log-normal, plus a long tail of
 * archive reads), 45 % direct, the rest from search, social networks and 200 smaller sites,
 * 8 % from a newsletter campaign, 60 % phones, 35 % computers, 5 % tablets, 30 % read to the end.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import type { AnalyticsViewsTable } from '../src/db/schema.js';
import { addViews } from '../src/analytics/views.repository.js';
import { DAY, HOUR, KEEP_HOURS, KEEP_MINUTES } from '../src/analytics/rollup.service.js';
import { freshStore } from './store.js';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    'views-per-day': { type: 'string', default: '100000' },
    stories: { type: 'string', default: '10000' },
    days: { type: 'string', default: '365' },
  },
});
const engine = args.engine === 'postgres' ? 'postgres' : 'sqlite';
const viewsPerDay = Number(args['views-per-day']);
const storyCount = Number(args.stories);
const days = Number(args.days);
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

async function main() {
  const store = await freshStore(engine, 'herald-analytics-storage');
  const database = openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl || undefined });
  try {
    await migrateToLatest(database);
    const endMinute = days * DAY;
    let rows = 0;
    const started = performance.now();
    for (let day = 0; day < days; day++) {
      const { cumulative } = weightsOn(day);
      const byKey = new Map<string, AnalyticsViewsTable>();
      for (let v = 0; v < viewsPerDay; v++) {
        const story = stories[sample(cumulative)];
        const minute = day * DAY + Math.floor(random() * DAY);
        const age = endMinute - minute;
        const width = age < KEEP_MINUTES ? 1 : age < KEEP_HOURS ? HOUR : DAY;
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
      await database.db.transaction().execute((trx) => addViews(trx, [...byKey.values()]));
      rows += byKey.size;
      process.stderr.write(`\r\x1b[K[storage] day ${day + 1}/${days}: ${rows.toLocaleString('en')} rows`);
    }
    process.stderr.write('\n');
    let bytes: number;
    if (engine === 'sqlite') {
      await sql`vacuum`.execute(database.db);
      const pages = await sql<{ pages: number }>`select sum(pgsize) as pages from dbstat where name in ('analytics_views', 'analytics_views_article')`.execute(database.db).catch(() => null);
      bytes = pages?.rows[0]?.pages ?? 0;
      if (!bytes) {
        const count = await sql<{ page_count: number }>`pragma page_count`.execute(database.db);
        const size = await sql<{ page_size: number }>`pragma page_size`.execute(database.db);
        bytes = count.rows[0].page_count * size.rows[0].page_size;
      }
    } else {
      await sql`vacuum analyze analytics_views`.execute(database.db);
      const size = await sql<{ bytes: string }>`select pg_total_relation_size('analytics_views') as bytes`.execute(database.db);
      bytes = Number(size.rows[0].bytes);
    }
    const views = viewsPerDay * days;
    console.log(`engine: ${engine}`);
    console.log(`views: ${views.toLocaleString('en')} (${viewsPerDay.toLocaleString('en')} a day for ${days} days across ${storyCount.toLocaleString('en')} stories)`);
    console.log(`rows: ${rows.toLocaleString('en')} (${(rows / views).toFixed(3)} per view)`);
    console.log(`analytics_views with its indexes: ${(bytes / 1024 / 1024).toFixed(0)} MB (${(bytes / views).toFixed(1)} bytes per view)`);
    console.log(`generated and written in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } finally {
    await database.close();
    await store.drop();
  }
}

await main();
