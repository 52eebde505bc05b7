/**
 * `npm run bench`: seeds a fresh database, starts Herald twice (cache on, cache off) and a bare
 * Node.js ceiling replaying Herald's cached story pages, then loads them with autocannon from
 * this process in interleaved rounds: in each round every configuration is measured on the
 * same paths, with the same connections and duration, the order turning from round to round
 * so that each configuration takes each place once. Every server is `node` with `npm start`'s
 * flags running a precompiled module. Reports the median and range (min–max) of the rounds.
 * Options:
 *   --stories N (10000)  --engine sqlite|postgres  --seconds S (5)  --connections C (32)  --rounds R (3)
 *   --workers N          N processes for each server (HERALD_WORKERS; the ceiling a cluster of N too)
 *   --redis URL          with --workers: invalidations through Redis
 *   --compare URL        another server's page measured in the story rounds (same load, its own path)
 *   --label NAME         names the result: bench/results/<date>-<label>.json (never overwritten)
 *   --beacon-minutes M   after the rounds, M minutes of 1,000 analytics beacons/s with the memory sampled (0: none)
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { cpuMs, freePort, load, rssMb, startProcess, type Started } from './load.js';
import { cacheOffStillCaches, summarise, table, type BenchResult, type Configuration, type Measurement } from './report.js';
import { describeRun, loadAverage, startRun, writeResult } from './results.js';
import { seed, type Seeded } from './seed.js';
import { captureHits, fetchRaw, heraldBuild, heraldCommand, nodeFlags, startCeiling } from './servers.js';
import { ceilingShare, rotate } from './stats.js';
import { freshStore } from './store.js';
import { benchBeacons, describeBeacons } from './beacon.js';

const { values: args } = parseArgs({
  options: {
    stories: { type: 'string', default: '10000' },
    engine: { type: 'string', default: 'sqlite' },
    seconds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '32' },
    rounds: { type: 'string', default: '3' },
    workers: { type: 'string', default: '1' },
    redis: { type: 'string' },
    compare: { type: 'string' },
    label: { type: 'string' },
    'beacon-minutes': { type: 'string', default: '0' },
  },
});
const stories = Number(args.stories);
const seconds = Number(args.seconds);
const connections = Number(args.connections);
const rounds = Number(args.rounds);
const processes = Math.max(1, Number(args.workers));
const engine = args.engine === 'postgres' ? 'postgres' : 'sqlite';
const fallbackLabel = [engine, stories === 10_000 ? '' : String(stories), processes > 1 ? `${processes}-processes` : '', args.redis ? 'redis' : ''].filter(Boolean).join('-');
const run = startRun('bench/run.ts', args.label, fallbackLabel);

function progress(text: string): void {
  process.stderr.write(`\r\x1b[K[bench] ${text}`);
}

/** The pages measured: 50 stories across the archive, and one URL for each listing. */
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

/**
 * Waits until a server has stopped working off the last load (an uncached server may still be
 * rendering the pages queued when autocannon stopped): its CPU time still for 200 ms, 5 s at most.
 */
async function settle(pid: number): Promise<void> {
  const until = performance.now() + 5000;
  let last = cpuMs(pid);
  while (performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const now = cpuMs(pid);
    if (now - last <= 10) return;
    last = now;
  }
}

async function main() {
  const store = await freshStore(engine, 'herald-bench');
  const env = { HERALD_DATA_DIR: store.dataDir, DATABASE_URL: store.databaseUrl, HERALD_DEMO: 'off', HERALD_LOG_LEVEL: 'warn' };
  const workerEnv = processes > 1 ? { HERALD_WORKERS: String(processes), ...(args.redis ? { REDIS_URL: args.redis, HERALD_REDIS_PREFIX: `herald-bench-${Date.now().toString(36)}` } : {}) } : {};
  const notes: string[] = [];
  const servers: Partial<Record<Configuration, Started>> = {};
  try {
    progress(`seeding ${stories.toLocaleString('en')} stories on ${engine}`);
    const seedStart = performance.now();
    const database = openDatabase({ dataDir: store.dataDir, databaseUrl: store.databaseUrl || undefined });
    await migrateToLatest(database);
    const seeded = await seed(database, stories, progress);
    // The stories the beacons report on (published ones: the endpoint refuses others).
    const beaconArticles = await database.db.selectFrom('articles').select(['id', 'language']).where('status', '=', 'published').orderBy('id').limit(500).execute();
    await database.close();
    const seedSeconds = (performance.now() - seedStart) / 1000;
    notes.push(...seeded.notes);
    const pages = pagesOf(seeded);
    const storyPaths = pages[0].paths;

    // What `npm install && npm start` runs: the compiled server, rebuilt from the sources now.
    progress('building the server (npm run build:server)');
    execFileSync(process.execPath, ['bin/build-server.js'], { stdio: 'inherit' });
    const build = heraldBuild();
    progress('starting Herald, cache on');
    // One machine sends every beacon: the per-network limit would otherwise refuse most of them.
    servers.cached = await startProcess(heraldCommand(), { ...env, ...workerEnv, HERALD_CACHE: 'on', HERALD_ANALYTICS_RATE_LIMIT: '1000000000' }, await freePort(), storyPaths[0]);
    progress('starting Herald, cache off');
    servers.uncached = await startProcess(heraldCommand(), { ...env, ...workerEnv, HERALD_CACHE: 'off' }, await freePort(), storyPaths[0]);

    for (const { page, paths } of pages) {
      const code = (await fetchRaw(servers.uncached.url, paths[0])).status;
      if (code !== 200) throw new Error(`${page}: ${paths[0]} answers ${code}`);
    }
    progress('capturing the cached story pages for the ceiling');
    const captured = await captureHits(servers.cached.url, storyPaths, processes);
    servers.ceiling = await startCeiling(store.dataDir, captured, processes, storyPaths[0]);
    const compare = args.compare ? new URL(args.compare) : null;

    const targets = (page: string): Array<{ configuration: Configuration; base: string; paths: string[] }> => {
      const { paths } = pages.find((p) => p.page === page)!;
      const list: Array<{ configuration: Configuration; base: string; paths: string[] }> = [];
      if (page === 'story') list.push({ configuration: 'ceiling', base: servers.ceiling!.url, paths });
      list.push({ configuration: 'cached', base: servers.cached!.url, paths }, { configuration: 'uncached', base: servers.uncached!.url, paths });
      if (page === 'story' && compare) list.push({ configuration: 'compare', base: compare.origin, paths: [compare.pathname + compare.search] });
      return list;
    };

    // Warm-up, not recorded: every page once on each server, then 3 s of the same load.
    for (const { page } of pages) {
      for (const target of targets(page)) {
        progress(`warming up: ${page}, ${target.configuration}`);
        for (const path of target.paths) await fetchRaw(target.base, path);
        await load(target.base, target.paths, 3, connections);
        if (target.configuration !== 'compare') await settle(servers[target.configuration]!.child.pid!);
      }
    }

    const measurements: Measurement[] = [];
    for (let round = 0; round < rounds; round += 1) {
      for (const { page } of pages) {
        for (const [order, target] of rotate(targets(page), round).entries()) {
          progress(`round ${round + 1}/${rounds}: ${page}, ${target.configuration} (${seconds} s at ${connections} connections)`);
          const pid = target.configuration === 'compare' ? undefined : servers[target.configuration]!.child.pid!;
          const [serverBefore, selfBefore, started] = [pid ? cpuMs(pid) : 0, process.cpuUsage(), performance.now()];
          const measure = await load(target.base, target.paths, seconds, connections);
          const [self, elapsed] = [process.cpuUsage(selfBefore), performance.now() - started];
          const serverAfter = pid ? cpuMs(pid) : 0;
          if (pid) await settle(pid);
          measurements.push({
            round: round + 1, order, page, configuration: target.configuration, loadAverage: loadAverage(), measure,
            serverCpuMsPerRequest: pid && measure.requests ? Math.round(((serverAfter - serverBefore) / measure.requests) * 1000) / 1000 : null,
            loadGeneratorCpuPercent: Math.round(((self.user + self.system) / 1000 / elapsed) * 100),
          });
        }
      }
    }

    progress('the analytics beacon next to the cached story page');
    const beacon = await benchBeacons(servers.cached.url, servers.cached.child.pid!, storyPaths, beaconArticles, {
      seconds, connections, rounds, memoryMinutes: Number(args['beacon-minutes']), progress,
    });

    const rss = Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, rssMb(server.child.pid!)]));
    const startupMs = Object.fromEntries(Object.entries(servers).map(([name, server]) => [name, Math.round(server.startupMs)]));
    const shares: BenchResult['ceilingShare'] = {};
    for (const configuration of ['cached', 'uncached', ...(compare ? ['compare' as const] : [])] as Configuration[]) {
      const perRound = Array.from({ length: rounds }, (_, i) => {
        const of = (c: Configuration) => measurements.find((m) => m.round === i + 1 && m.page === 'story' && m.configuration === c)!.measure.rps;
        return of(configuration) / of('ceiling');
      });
      shares[configuration] = ceilingShare(perRound);
    }
    const { file, ...info } = run;
    const result: BenchResult = {
      ...info,
      finishedAt: new Date().toISOString(),
      loadAverageAtEnd: loadAverage(),
      options: { engine, stories, seconds, connections, rounds, processes, redis: !!args.redis, nodeFlags: nodeFlags() },
      heraldBuild: build,
      seeded: { stories: seeded.stories, comments: seeded.comments, seedSeconds: Math.round(seedSeconds * 10) / 10 },
      paths: Object.fromEntries([...pages.map(({ page, paths }) => [page, paths]), ...(compare ? [['compare', [args.compare!]]] : [])]),
      startupMs,
      rssMb: rss,
      cacheOffStillCaches: cacheOffStillCaches(engine),
      measurements,
      summary: summarise(measurements),
      ceilingShare: shares,
      beacon,
      notes,
    };
    writeResult(file, result);
    progress('done\n');
    console.log(describeRun(run, result.loadAverageAtEnd));
    console.log(`\n${table(result)}\n`);
    console.log(`${describeBeacons(beacon)}\n`);
    console.log('What "cache off" still caches:');
    for (const line of result.cacheOffStillCaches) console.log(`- ${line}`);
    for (const note of notes) console.log(`note: ${note}`);
    console.log(`\nwrote ${file}`);
  } finally {
    for (const server of Object.values(servers)) await server.stop();
    await store.drop();
  }
}

await main();
