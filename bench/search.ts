/**
 * `npm run bench:search`: search latency by kind of query, on SQLite or PostgreSQL.
 * Stories (60 % English, 30 % French, 10 % Traditional Chinese) are written from Zipf-ranked
 * vocabularies (bench/vocabulary.ts: real text first, made-up rare words after) straight into a
 * throw-away database and indexed through the migration's backfill path. Each kind of query —
 * common, rare and absent words, two words, prefixes, accents left out, Chinese, hostile
 * syntax — is drawn from the corpus by how many stories hold its words, and every query goes
 * through the same service as the site and the Content API (search, load the articles,
 * highlight), one at a time, the kinds taking turns. p50/p95/p99 per kind are printed and
 * written to bench/results/<date>-<label>.json. Options:
 *   --engine sqlite|postgres (a fresh database, dropped after)   --stories N (10000; or STORIES)
 *   --queries N per kind (200; or QUERIES)   --label NAME (search-<engine>)
 * DATABASE_URL=postgres://… (an empty database) measures that database instead of a fresh one.
 */
import { relative } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { refreshPlannerStatistics } from '../src/db/statistics.js';
import { reindexAll, searchArticles } from '../src/search/search.service.js';
import { fold } from '../src/search/text.js';
import { updateSettings } from '../src/settings/settings.service.js';
import { describeRun, loadAverage, startRun, writeResult } from './results.js';
import { percentiles, seededRandom, spread, Zipf, type Percentiles } from './stats.js';
import { freshStore } from './store.js';
import { buildVocabulary, defaultWxrFolder, wxrFolderFound, type BenchLanguage, type Vocabulary } from './vocabulary.js';

const { values: args } = parseArgs({
  options: {
    engine: { type: 'string', default: process.env.DATABASE_URL ? 'postgres' : 'sqlite' },
    stories: { type: 'string', default: process.env.STORIES ?? '10000' },
    queries: { type: 'string', default: process.env.QUERIES ?? '200' },
    label: { type: 'string' },
  },
});
const engine = args.engine === 'postgres' ? 'postgres' : 'sqlite';
const STORIES = Number(args.stories);
const PER_KIND = Number(args.queries);
const ZIPF_EXPONENT = 1;
const SIZES: Record<BenchLanguage, number> = { en: 50_000, fr: 50_000, 'zh-Hant': 20_000 };
const run = startRun('bench/search.ts', args.label, `search-${engine}${STORIES === 10_000 ? '' : `-${STORIES}`}`);

const random = seededRandom(42);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];

const wxr = defaultWxrFolder();
const wxrFound = wxrFolderFound(wxr);
const languages: BenchLanguage[] = ['en', 'fr', 'zh-Hant'];
const vocabularies = Object.fromEntries(languages.map((l) => [l, buildVocabulary(l, SIZES[l], wxrFound ? wxr : null)])) as Record<BenchLanguage, Vocabulary>;
const zipfs = Object.fromEntries(languages.map((l) => [l, new Zipf(SIZES[l], ZIPF_EXPONENT, random)])) as Record<BenchLanguage, Zipf>;

/** The corpus: each story's fields, and how many stories of its language hold each word. */
const documentFrequency = Object.fromEntries(languages.map((l) => [l, new Int32Array(SIZES[l])])) as Record<BenchLanguage, Int32Array>;
const storiesOf: Record<BenchLanguage, number> = { en: 0, fr: 0, 'zh-Hant': 0 };

function story(language: BenchLanguage) {
  const seen = new Set<number>();
  const words = (count: number) => {
    const ranks = Array.from({ length: count }, () => zipfs[language].sample());
    for (const rank of ranks) seen.add(rank);
    return ranks.map((rank) => vocabularies[language].words[rank]).join(language === 'zh-Hant' ? '' : ' ');
  };
  const fields = { title: words(6), standfirst: words(20), body: Array.from({ length: 5 }, () => `<p>${words(60)}</p>`).join('') };
  for (const rank of seen) documentFrequency[language][rank] += 1;
  storiesOf[language] += 1;
  return fields;
}

/** Words of `language` held by between `min` and `max` stories, stop-words left out. */
function wordsHeldBy(language: BenchLanguage, min: number, max: number, test: (word: string) => boolean = () => true): string[] {
  const { words, stopwords } = vocabularies[language];
  return words.filter((word, rank) => documentFrequency[language][rank] >= min && documentFrequency[language][rank] <= max && !stopwords.has(word) && test(word));
}

/** A word drawn as text uses words (Zipf), stop-words drawn again. */
function zipfWord(language: BenchLanguage): string {
  for (;;) {
    const word = vocabularies[language].words[zipfs[language].sample()];
    if (!vocabularies[language].stopwords.has(word)) return word;
  }
}

interface Kind {
  name: string;
  language?: string;
  draw: () => string;
}

function kinds(): Kind[] {
  const share = (language: BenchLanguage, fraction: number) => Math.max(1, Math.round(storiesOf[language] * fraction));
  const nonEmpty = (name: string, list: string[]) => {
    if (list.length === 0) throw new Error(`no words for "${name}" in this corpus (try more stories)`);
    return list;
  };
  const enCommon = nonEmpty('common', wordsHeldBy('en', share('en', 0.1), Infinity, (w) => w.length >= 3));
  const enRare = nonEmpty('rare', wordsHeldBy('en', 1, 3));
  const frLong = nonEmpty('prefix', wordsHeldBy('fr', share('fr', 0.01), Infinity, (w) => w.length >= 6));
  const frAccented = nonEmpty('accents', wordsHeldBy('fr', share('fr', 0.005), share('fr', 0.05), (w) => fold(w) !== w));
  const zhCommon = nonEmpty('zh common', wordsHeldBy('zh-Hant', share('zh-Hant', 0.1), Infinity, (w) => [...w].length === 2));
  const zhRare = nonEmpty('zh rare', wordsHeldBy('zh-Hant', 1, 3, (w) => [...w].length === 3));
  return [
    { name: 'common word (in ≥ 10 % of stories)', language: 'en', draw: () => pick(enCommon) },
    { name: 'rare word (in 1–3 stories)', language: 'en', draw: () => pick(enRare) },
    { name: 'absent word (in no story)', language: 'en', draw: () => pick(vocabularies.en.absent) },
    { name: 'two words drawn by Zipf', language: 'en', draw: () => `${zipfWord('en')} ${zipfWord('en')}` },
    { name: 'two words: rare + common', language: 'en', draw: () => `${pick(enRare)} ${pick(enCommon)}` },
    { name: 'two words drawn by Zipf, every language', draw: () => `${zipfWord('fr')} ${zipfWord('fr')}` },
    { name: 'prefix (4 letters of a word in ≥ 1 %)', language: 'fr', draw: () => [...pick(frLong)].slice(0, 4).join('') },
    { name: 'accents left out (word in 0.5–5 %)', language: 'fr', draw: () => fold(pick(frAccented)) },
    { name: 'Chinese, 2 characters (in ≥ 10 %)', draw: () => pick(zhCommon) },
    { name: 'Chinese, 3 characters (in 1–3 stories)', draw: () => pick(zhRare) },
    { name: 'hostile syntax ("word" NEAR()', language: 'en', draw: () => `"${pick(enCommon)}" NEAR(` },
  ];
}

// With DATABASE_URL, that (empty) database: only the data folder is thrown away after.
const store = process.env.DATABASE_URL
  ? { ...(await freshStore('sqlite', 'herald-bench-search')), databaseUrl: process.env.DATABASE_URL }
  : await freshStore(engine, 'herald-bench-search');
const database = openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl || undefined });
try {
  await migrateToLatest(database);
  await updateSettings(database.db, { languages: ['en', 'fr', 'zh-Hant'], defaultLanguage: 'en' });
  const started = Date.now();
  await database.db.transaction().execute(async (trx) => {
    const now = new Date().toISOString();
    for (let i = 0; i < STORIES; i++) {
      const language: BenchLanguage = i % 10 < 6 ? 'en' : i % 10 < 9 ? 'fr' : 'zh-Hant';
      const fields = story(language);
      const { id: storyId } = await trx.insertInto('stories').values({ created_at: now }).returning('id').executeTakeFirstOrThrow();
      const published = new Date(Date.now() - i * 600_000).toISOString();
      await trx
        .insertInto('articles')
        .values({
          story_id: storyId, language, ...fields, slug: `story-${i}`, status: 'published', published_at: published,
          created_at: published, updated_at: published, version: 1, created_by: 'bench',
        })
        .execute();
    }
    await reindexAll(trx);
  });
  await refreshPlannerStatistics(database.db);
  const indexSeconds = (Date.now() - started) / 1000;
  process.stderr.write(`wrote and indexed ${STORIES} stories in ${indexSeconds.toFixed(1)} s\n`);

  const list = kinds();
  const queries = list.map((kind) => Array.from({ length: PER_KIND }, () => kind.draw()));
  const search = (kind: Kind, q: string) => searchArticles(database.db, { q, language: kind.language, page: 1, limit: 10 }, 'http://bench.test', 'public');
  // Warm-up, not recorded: 20 queries of each kind, drawn apart from the measured ones.
  for (const kind of list) for (let i = 0; i < 20; i += 1) await search(kind, kind.draw());

  const times = list.map(() => [] as number[]);
  const matches = list.map(() => [] as number[]);
  for (let i = 0; i < PER_KIND; i += 1) {
    for (const [k, kind] of list.entries()) {
      const t0 = process.hrtime.bigint();
      const page = await search(kind, queries[k][i]);
      times[k].push(Number(process.hrtime.bigint() - t0) / 1e6);
      matches[k].push(page.pagination.total);
    }
  }

  const round = (p: Percentiles) => ({ n: p.n, p50: +p.p50.toFixed(2), p95: +p.p95.toFixed(2), p99: +p.p99.toFixed(2), max: +p.max.toFixed(2) });
  const results = list.map((kind, k) => ({
    kind: kind.name,
    language: kind.language ?? 'all',
    examples: queries[k].slice(0, 3),
    medianMatches: spread(matches[k]).median,
    ...round(percentiles(times[k])),
  }));
  const all = round(percentiles(times.flat()));
  const { file, ...info } = run;
  const corpus = {
    stories: { ...storiesOf },
    zipfExponent: ZIPF_EXPONENT,
    wordsPerStory: 6 + 20 + 5 * 60,
    vocabularies: Object.fromEntries(languages.map((l) => [l, { size: SIZES[l], fromRealText: vocabularies[l].realWords }])),
    realText: `src/demo/demo-stories.ts (every language)${wxrFound ? `; English also the posts of ${relative(process.cwd(), wxr)}/*.xml` : ' (WordPress fixtures not found: demo stories only)'}`,
    indexSeconds: Math.round(indexSeconds * 10) / 10,
  };
  writeResult(file, { ...info, finishedAt: new Date().toISOString(), loadAverageAtEnd: loadAverage(), engine: database.capabilities.engine, options: { stories: STORIES, queriesPerKind: PER_KIND, page: 1, limit: 10 }, corpus, kinds: results, all });

  console.log(describeRun(run, loadAverage()));
  console.log(`\n${PER_KIND} searches of each kind over ${STORIES.toLocaleString('en')} stories (${database.capabilities.engine}; page 1, 10 results with highlights each), in ms:\n`);
  console.log('| kind | language | e.g. | median matches | p50 | p95 | p99 | max |');
  console.log('| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) console.log(`| ${r.kind} | ${r.language} | ${r.examples[0].replace(/\|/g, '\\|')} | ${r.medianMatches.toLocaleString('en')} | ${r.p50} | ${r.p95} | ${r.p99} | ${r.max} |`);
  console.log(`| every kind | | | | ${all.p50} | ${all.p95} | ${all.p99} | ${all.max} |`);
  const v = corpus.vocabularies;
  console.log(
    `\nCorpus: ${storiesOf.en} English, ${storiesOf.fr} French, ${storiesOf['zh-Hant']} Chinese stories of ${corpus.wordsPerStory} words drawn by Zipf (exponent ${ZIPF_EXPONENT}) ` +
      `from ${v.en.size.toLocaleString('en')} / ${v.fr.size.toLocaleString('en')} / ${v['zh-Hant'].size.toLocaleString('en')} words, of which ${v.en.fromRealText} / ${v.fr.fromRealText} / ${v['zh-Hant'].fromRealText} from real text (${corpus.realText}). ` +
      `Matches are counted up to 1,000.`,
  );
  console.log(`\nwrote ${file}`);
} finally {
  await database.close();
  await store.drop();
}
