/**
 * `npm run bench`: seeds a fresh database, starts Herald as a separate process and measures
 * its pages with autocannon from this process, cache on and off, against the ceiling of a
 * bare Node.js server sending the same bytes. Options:
 *   --stories N (10000)  --engine sqlite|postgres  --seconds S (5)  --connections C (32)
 *   --compare URL        the same load against another server (e.g. a WordPress story)
 *   --workers N          also run HERALD_WORKERS=N (with --redis URL for the Redis bus)
 *   --label NAME         added to the result files' names, so a run does not replace another of the day
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { freePort, load, rssMb, startProcess, type Measure, type Started } from './load.js';
import { svgChart, table, type BenchResult, type PageResult } from './report.js';
import { seed, type Seeded } from './seed.js';

const { values: args } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    engine: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    compare: { type: 'string' },
    workers: { type: 'string' },
    redis: { type: 'string' },
    label: { type: 'string' },
  },
});
const stories = Number(args.stories);
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const engine = args.engine === 'postgres' ? 'postgres' : 'sqlite';
// What `npm start` runs, with its Node.js flags.
const startScript = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
const HERALD = [process.execPath, ...startScript.split(' ').filter((word) => word.startsWith('--')), 'bin/herald.js', 'serve'];

function progress(text: string): void {
  process.stderr.write(`\r\x1b[K[bench] ${text}`);
}

/** A fresh data folder, and for PostgreSQL a fresh database; both removed at the end. */
async function freshStore() {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-bench-'));
  if (engine === 'sqlite') return { dataDir, databaseUrl: '', drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
  const adminUrl = process.env.HERALD_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `herald_bench_${Date.now().toString(36)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    dataDir,
    databaseUrl: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The pages measured: several stories across the archive, and one URL for each listing. */
function pagesOf(seeded: Seeded): Array<{ page: string; paths: string[] }> {
  const storyPaths = Array.from({ length: 50 }, (_, i) => {
    const id = Math.max(1, Math.round(((i + 1) / 50) * seeded.stories) - (i % 3));
    return `/${['en', 'fr', 'ar'][id % 3]}/story-${id}`;
  });
  return [
    { page: 'story', paths: storyPaths },
    { page: 'home', paths: ['/en/'] },
    { page: 'tag', paths: [`/${seeded.popularTag.language}/tag/${seeded.popularTag.slug}`] },
    { page: 'feed', paths: ['/en/feed.xml'] },
    { page: 'search', paths: [`/en/search?q=${encodeURIComponent(seeded.searchWord)}`] },
  ];
}

/** One request on a new connection: a cluster hands each connection to the next worker. */
function onFreshConnection(base: string, path: string): Promise<number> {
  return new Promise((resolve) => {
    const request = httpGet(base + path, { agent: false, headers: { 'accept-encoding': 'identity' } }, (response) => {
      response.resume();
      response.on('end', () => resolve(response.statusCode ?? 0));
    });
    request.on('error', () => resolve(0));
  });
}

/** One request with the headers autocannon sends (no Accept-Encoding), so it warms the same cache entry. */
async function status(base: string, path: string): Promise<number> {
  return fetch(base + path, { redirect: 'manual', headers: { 'accept-encoding': 'identity' } }).then((r) => r.arrayBuffer().then(() => r.status), () => 0);
}

async function measurePages(server: Started, pages: ReturnType<typeof pagesOf>, mode: 'on' | 'off', results: PageResult[]) {
  for (const { page, paths } of pages) {
    const result = results.find((r) => r.page === page)!;
    const code = await status(server.url, paths[0]);
    if (code !== 200) {
      result.note = `skipped: ${paths[0]} answers ${code} (not built yet)`;
      continue;
    }
    progress(`${page} (cache ${mode}): warming up`);
    // Each page once, one at a time: with the cache on, the measured load then finds them all cached.
    for (const path of paths) await status(server.url, path);
    await load(server.url, paths, 1, connections);
    progress(`${page} (cache ${mode}): measuring ${seconds} s at ${connections} connections`);
    result[mode] = await load(server.url, paths, seconds, connections);
  }
}

async function main() {
  const loadAtStart = Math.round(loadavg()[0] * 10) / 10;
  const store = await freshStore();
  const env = { HERALD_DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl, HERALD_DEMO: 'off', HERALD_LOG_LEVEL: 'warn' };
  const notes: string[] = [];
  try {
    progress(`seeding ${stories.toLocaleString('en')} stories on ${engine}`);
    const seedStart = performance.now();
    const database = openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl || undefined });
    await migrateToLatest(database);
    const seeded = await seed(database, stories, progress);
    await database.close();
    const seedSeconds = (performance.now() - seedStart) / 1000;
    notes.push(...seeded.notes);
    const pages = pagesOf(seeded);
    const results: PageResult[] = pages.map(({ page, paths }) => ({ page, path: paths[0] }));
    const storyPath = pages[0].paths[0];

    // What `npm install && npm start` runs: the precompiled server, rebuilt from the sources now.
    progress('building the server (npm run build:server)');
    execFileSync(process.execPath, ['bin/build-server.js'], { stdio: 'inherit' });
    progress('starting Herald (cache on)');
    const on = await startProcess(HERALD, { ...env, HERALD_CACHE: 'on' }, await freePort(), storyPath);
    const storyBytes = Buffer.from(await (await fetch(on.url + storyPath)).arrayBuffer());
    await measurePages(on, pages, 'on', results);
    const rssOn = rssMb(on.child.pid!);
    await on.stop();

    progress('starting Herald (cache off)');
    const off = await startProcess(HERALD, { ...env, HERALD_CACHE: 'off' }, await freePort(), storyPath);
    await measurePages(off, pages, 'off', results);
    const rssOff = rssMb(off.child.pid!);
    await off.stop();

    progress('bare Node.js ceiling');
    const bytesFile = join(store.dataDir, 'story.html');
    writeFileSync(bytesFile, storyBytes);
    const bare = await startProcess([process.execPath, 'bin/run-ts.js', 'bench/ceiling.ts', bytesFile], {}, await freePort(), '/');
    await load(bare.url, [storyPath], 1, connections);
    const ceiling = await load(bare.url, [storyPath], seconds, connections);
    await bare.stop();

    const storyOn = results[0].on;
    const result: BenchResult = {
      date: new Date().toISOString().slice(0, 10),
      loadAverage: { start: loadAtStart, end: Math.round(loadavg()[0] * 10) / 10 },
      machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '?', memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
      options: { engine, stories, seconds, connections },
      seeded: { stories: seeded.stories, comments: seeded.comments, seedSeconds: Math.round(seedSeconds * 10) / 10 },
      startupMs: Math.round(on.startupMs),
      rssMb: { afterCacheOn: rssOn, afterCacheOff: rssOff },
      pages: results,
      ceiling: { ...ceiling, bytes: storyBytes.length },
      ceilingRatio: storyOn ? storyOn.rps / ceiling.rps : 0,
      notes,
    };

    if (args.compare) {
      progress(`comparing with ${args.compare}`);
      const target = new URL(args.compare);
      await load(target.origin, [target.pathname + target.search], 1, connections);
      const measure = await load(target.origin, [target.pathname + target.search], seconds, connections);
      result.compare = { url: args.compare, measure, ratio: storyOn && measure.rps ? storyOn.rps / measure.rps : 0 };
    }

    if (args.workers && storyOn && results[1].on && results[0].off) {
      const processes = Number(args.workers);
      const redis = args.redis ? { REDIS_URL: args.redis, HERALD_REDIS_PREFIX: `herald-bench-${Date.now().toString(36)}` } : {};
      const workerEnv = { ...env, HERALD_WORKERS: String(processes), ...redis };
      const measured: Record<string, Measure> = {};
      for (const cache of ['on', 'off'] as const) {
        progress(`starting Herald with ${processes} processes (cache ${cache})`);
        const many = await startProcess(HERALD, { ...workerEnv, HERALD_CACHE: cache }, await freePort(), storyPath);
        for (const { page, paths } of cache === 'on' ? pages.slice(0, 2) : pages.slice(0, 1)) {
          // Every worker renders a page once before it answers it from memory; connections
          // are spread over the workers, so a few rounds reach them all.
          for (let round = 0; round < 3 * processes; round += 1) await Promise.all(paths.map((path) => onFreshConnection(many.url, path)));
          await load(many.url, paths, 3, connections);
          progress(`${page} (${processes} processes, cache ${cache}): measuring`);
          measured[`${page}-${cache}`] = await load(many.url, paths, seconds, connections);
        }
        await many.stop();
      }
      result.workers = {
        processes,
        redis: !!args.redis,
        story: measured['story-on'],
        home: measured['home-on'],
        storyOff: measured['story-off'],
        oneProcess: { story: storyOn, home: results[1].on, storyOff: results[0].off },
      };
    }

    progress('done\n');
    const name = [result.date, engine === 'sqlite' ? '' : engine, stories === 10_000 ? '' : `${stories}`, args.workers ? `${args.workers}-processes` : '', args.label ?? '']
      .filter(Boolean)
      .join('-');
    const folder = join('bench', 'results');
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, `${name}.json`), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(join(folder, `${name}.svg`), svgChart(result));
    console.log(table(result));
    for (const note of [...notes, ...results.filter((r) => r.note).map((r) => `${r.page}: ${r.note}`)]) console.log(`note: ${note}`);
    console.log(`\nwrote ${join(folder, `${name}.json`)} and ${join(folder, `${name}.svg`)}`);
  } finally {
    await store.drop();
  }
}

await main();
