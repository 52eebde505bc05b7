/**
 * `npm run bench:render`: what one uncached page costs, rendered in this process with no HTTP
 * and no load generator, for archives of several sizes. Throughput under load on a shared
 * 2-core machine moves by ±30 % from run to run; the time of one render moves far less, so this
 * is how "does not grow with the archive" is checked. Options:
 *   --stories 10000,100000   archive sizes (each seeded afresh, as `npm run bench` does)
 *   --renders 300            renders per page and round; the best of 5 rounds is kept
 *   --label NAME             names the result: bench/results/<date>-<label>.json (default render; never overwritten)
 * For each page: milliseconds per render (wall and CPU, garbage collection included),
 * SQL statements per render and the milliseconds spent in them. Each archive is seeded by one
 * child process and measured by another, so neither the seeding's heap nor another size's
 * measurement weighs on the renders.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { describeRun, loadAverage, startRun, writeResult } from './results.js';
import { seed } from './seed.js';

const { values: args } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000,100000' },
    renders: { type: 'string', default: '300' },
    label: { type: 'string' },
    // Internal: what the child processes are asked to do.
    'seed-into': { type: 'string' },
    'measure-in': { type: 'string' },
  },
});
const sizes = args.stories.split(',').map(Number);
const renders = Number(args.renders);
const ROUNDS = 5;

// Every statement's run is timed: better-sqlite3 runs them synchronously, so the time between
// the call and its return is the database's share of a render.
const sqlTime = { statements: 0, ms: 0 };
const prepare = SQLite.prototype.prepare;
SQLite.prototype.prepare = function timedPrepare(this: SQLite.Database, source: string) {
  const statement = prepare.call(this, source) as SQLite.Statement;
  for (const method of ['all', 'get', 'run', 'iterate'] as const) {
    const run = statement[method].bind(statement) as (...params: unknown[]) => unknown;
    (statement as unknown as Record<string, unknown>)[method] = (...params: unknown[]) => {
      const started = performance.now();
      try {
        return run(...params);
      } finally {
        sqlTime.statements += 1;
        sqlTime.ms += performance.now() - started;
      }
    };
  }
  return statement;
} as typeof prepare;

interface Row {
  stories: number;
  page: string;
  ms: number;
  cpuMs: number;
  statements: number;
  sqlMs: number;
}

interface Seeded {
  popularTag: { language: string; slug: string };
  searchWord: string;
}

async function seedInto(dataDir: string, stories: number): Promise<Seeded> {
  const database = openDatabase({ dataDir });
  await migrateToLatest(database);
  const seeded = await seed(database, stories, (text) => process.stderr.write(`\r\x1b[K[bench:render] ${text}`));
  await database.close();
  return { popularTag: seeded.popularTag, searchWord: seeded.searchWord };
}

async function measure(dataDir: string, stories: number, seeded: Seeded): Promise<Row[]> {
  const config = loadConfig({ HERALD_DATA_DIR: dataDir, HERALD_CACHE: 'off', HERALD_DEMO: 'off' });
  const store = openDatabase({ dataDir });
  const app = await buildApp({ config, database: store, logger: false });
  await app.ready();
  // The same pages as `npm run bench`: stories across the archive, then one of each listing.
  const storyPaths = Array.from({ length: 50 }, (_, i) => {
    const id = Math.max(1, Math.round(((i + 1) / 50) * stories) - (i % 3));
    return `/${['en', 'fr', 'ar'][id % 3]}/story-${id}`;
  });
  const pages: Array<[string, string[]]> = [
    ['story', storyPaths],
    ['home', ['/en/']],
    ['tag', [`/${seeded.popularTag.language}/tag/${seeded.popularTag.slug}`]],
    ['feed', ['/en/feed.xml']],
    ['search', [`/en/search?q=${encodeURIComponent(seeded.searchWord)}`]],
  ];
  const rows: Row[] = [];
  for (const [page, paths] of pages) {
    process.stderr.write(`\r\x1b[K[bench:render] ${page} on ${stories.toLocaleString('en')} stories`);
    const render = async (i: number) => {
      const response = await app.inject({ url: paths[i % paths.length] });
      if (response.statusCode !== 200) throw new Error(`${paths[i % paths.length]} answered ${response.statusCode}`);
    };
    for (let i = 0; i < Math.min(renders, 100); i += 1) await render(i);
    let best: Row | null = null;
    for (let round = 0; round < ROUNDS; round += 1) {
      sqlTime.statements = 0;
      sqlTime.ms = 0;
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < renders; i += 1) await render(i);
      const ms = (performance.now() - started) / renders;
      const used = process.cpuUsage(cpu);
      const row = { stories, page, ms, cpuMs: (used.user + used.system) / 1000 / renders, statements: sqlTime.statements / renders, sqlMs: sqlTime.ms / renders };
      if (!best || row.ms < best.ms) best = row;
    }
    rows.push(best!);
  }
  await app.close();
  await store.close();
  return rows;
}

/** Runs this script in a child process for one step and returns what it printed as JSON. */
function step<T>(flag: string, dataDir: string, stories: number, seeded?: Seeded): T {
  const childArgs = [fileURLToPath(new URL('../bin/run-ts.js', import.meta.url)), process.argv[1], `--${flag}`, dataDir, '--stories', String(stories), '--renders', String(renders)];
  const output = execFileSync(process.execPath, childArgs, {
    env: { ...process.env, HERALD_BENCH_SEEDED: JSON.stringify(seeded ?? null) },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(output.toString()) as T;
}

if (args['seed-into']) {
  console.log(JSON.stringify(await seedInto(args['seed-into'], sizes[0])));
  process.exit(0);
}
if (args['measure-in']) {
  console.log(JSON.stringify(await measure(args['measure-in'], sizes[0], JSON.parse(process.env.HERALD_BENCH_SEEDED ?? 'null') as Seeded)));
  process.exit(0);
}

const run = startRun('bench/render.ts', args.label, args.stories === '10000,100000' ? 'render' : `render-${sizes.join('-')}`);
const results: Row[] = [];
for (const stories of sizes) {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-bench-render-'));
  try {
    process.stderr.write(`\r\x1b[K[bench:render] seeding ${stories.toLocaleString('en')} stories`);
    const seeded = step<Seeded>('seed-into', dataDir, stories);
    results.push(...step<Row[]>('measure-in', dataDir, stories, seeded));
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
process.stderr.write('\r\x1b[K');
const { file, ...info } = run;
const round = (n: number) => Math.round(n * 1000) / 1000;
writeResult(file, {
  ...info,
  finishedAt: new Date().toISOString(),
  loadAverageAtEnd: loadAverage(),
  options: { stories: sizes, renders, rounds: ROUNDS, kept: 'the fastest round' },
  rows: results.map((r) => ({ ...r, ms: round(r.ms), cpuMs: round(r.cpuMs), statements: round(r.statements), sqlMs: round(r.sqlMs) })),
});
console.log(`${describeRun(run, loadAverage())}\n`);
const fixed = (n: number) => n.toFixed(2);
console.log('| page | stories | ms per render | CPU ms | SQL statements | SQL ms |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const row of results) {
  console.log(`| ${row.page} | ${row.stories.toLocaleString('en')} | ${fixed(row.ms)} | ${fixed(row.cpuMs)} | ${row.statements.toFixed(1)} | ${fixed(row.sqlMs)} |`);
}
if (sizes.length > 1) {
  const [first, last] = [sizes[0], sizes.at(-1)!];
  for (const row of results.filter((r) => r.stories === last)) {
    const base = results.find((r) => r.stories === first && r.page === row.page)!;
    console.log(`${row.page}: ${last.toLocaleString('en')} stories cost ${Math.round((row.ms / base.ms - 1) * 100)}% vs ${first.toLocaleString('en')}`);
  }
}
console.log(`\nwrote ${file}`);
