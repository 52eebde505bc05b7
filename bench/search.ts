/**
 * Search latency over 10,000 stories on SQLite: `npm run bench:search` (STORIES=… QUERIES=…);
 * with DATABASE_URL=postgres://… (an empty database) it measures PostgreSQL instead.
 * Stories are written straight into a throw-away database and indexed through the migration's
 * backfill path; queries then go through the same service as the site and the Content API
 * (search, load the articles, highlight), one at a time, and the percentiles are printed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { refreshPlannerStatistics } from '../src/db/statistics.js';
import { reindexAll, searchArticles } from '../src/search/search.service.js';
import { updateSettings } from '../src/settings/settings.service.js';

const STORIES = Number(process.env.STORIES ?? 10_000);
const QUERIES = Number(process.env.QUERIES ?? 1_000);

// A fixed pseudo-random sequence: every run measures the same corpus and the same queries.
let seed = 42;
const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];

const EN = 'harbour storm election minister budget river bridge school hospital market festival court police train airport climate energy farmers museum strike council mayor vote border trade water forest rain coast island village city report'.split(' ');
const FR = 'port tempête élection ministre budget rivière pont école hôpital marché festival tribunal police train aéroport climat énergie agriculteurs musée grève conseil maire vote frontière commerce eau forêt pluie côte île village ville Pékin'.split(' ');
const ZH = '總統 選舉 颱風 港口 市場 學校 醫院 火車 機場 氣候 能源 農民 博物館 罷工 議會 市長 投票 邊境 貿易 森林 海岸 島嶼 城市 報告 台北'.split(' ');

function text(words: string[], count: number, join = ' ') {
  return Array.from({ length: count }, () => pick(words)).join(join);
}

const dir = mkdtempSync(join(tmpdir(), 'herald-bench-search-'));
const database = openDatabase({ dataDir: dir, databaseUrl: process.env.DATABASE_URL || undefined });
try {
  await migrateToLatest(database);
  await updateSettings(database.db, { languages: ['en', 'fr', 'zh-Hant'], defaultLanguage: 'en' });
  const started = Date.now();
  await database.db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    for (let i = 0; i < STORIES; i++) {
      const language = i % 10 < 6 ? 'en' : i % 10 < 9 ? 'fr' : 'zh-Hant';
      const words = language === 'en' ? EN : language === 'fr' ? FR : ZH;
      const sep = language === 'zh-Hant' ? '' : ' ';
      const { id: storyId } = await trx.insertInto('stories').values({ created_at: now }).returning('id').executeTakeFirstOrThrow();
      const published = new Date(Date.now() - i * 600_000).toISOString();
      await trx
        .insertInto('articles')
        .values({
          story_id: storyId, language, title: text(words, 6, sep), standfirst: text(words, 20, sep),
          body: Array.from({ length: 5 }, () => `<p>${text(words, 60, sep)}</p>`).join(''),
          slug: `story-${i}`, status: 'published', published_at: published, created_at: published, updated_at: published,
          version: 1, created_by: 'bench',
        })
        .execute();
    }
    await reindexAll(trx);
  });
  await refreshPlannerStatistics(database.db);
  console.log(`wrote and indexed ${STORIES} stories in ${((Date.now() - started) / 1000).toFixed(1)} s`);

  const shapes: Array<() => { q: string; language?: string }> = [
    () => ({ q: pick(EN), language: 'en' }),
    () => ({ q: `${pick(EN)} ${pick(EN)}`, language: 'en' }),
    () => ({ q: `${pick(FR)} ${pick(FR)}` }),
    () => ({ q: pick(FR).slice(0, 4), language: 'fr' }),
    () => ({ q: 'pekin', language: 'fr' }),
    () => ({ q: pick(ZH.filter((w) => w.length === 2)) }),
    () => ({ q: pick(ZH.filter((w) => w.length === 3)) }),
    () => ({ q: `"${pick(EN)}" NEAR(` }),
  ];
  const times: number[] = [];
  const byShape = shapes.map(() => [] as number[]);
  for (let i = 0; i < QUERIES; i++) {
    const { q, language } = shapes[i % shapes.length]();
    const t0 = process.hrtime.bigint();
    await searchArticles(database.db, { q, language, page: 1 + (i % 3), limit: 10 }, 'http://bench.test', 'public');
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    times.push(ms);
    byShape[i % shapes.length].push(ms);
  }
  if (process.env.BY_SHAPE) {
    byShape.forEach((list, i) => console.log(`  shape ${i}: median ${list.sort((a, b) => a - b)[Math.floor(list.length / 2)].toFixed(2)} ms`));
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))].toFixed(2);
  console.log(`${QUERIES} searches over ${STORIES} stories (${database.capabilities.engine}, 10 results with highlights each):`);
  console.log(`  p50 ${at(50)} ms   p95 ${at(95)} ms   p99 ${at(99)} ms   max ${times[times.length - 1].toFixed(2)} ms`);
} finally {
  await database.close();
  if (process.env.KEEP) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
