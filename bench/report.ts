import type { BeaconBench } from './beacon.js';
/** What `npm run bench` writes: the result's shape, and the Markdown tables for the terminal and docs/benchmarks.md. */
import type { Measure } from './load.js';
import type { RunInfo } from './results.js';
import { spread, type Spread } from './stats.js';

export type Configuration = 'ceiling' | 'cached' | 'uncached' | 'compare';

export const CONFIGURATION_NAMES: Record<Configuration, string> = {
  ceiling: 'bare Node.js ceiling (same responses)',
  cached: 'Herald, cache on',
  uncached: 'Herald, cache off',
  compare: 'compared server',
};

/** What `HERALD_CACHE=off` still keeps in memory (read from src/cache/, src/settings/, src/db/). */
export function cacheOffStillCaches(engine: 'sqlite' | 'postgres'): string[] {
  return [
    'Site settings and sections: read once per process and kept in memory (src/cache/site-memo.ts, read through src/http/context.ts and src/content/sections.service.ts) until any committed write in the process, or a site-wide invalidation from another process, forgets them.',
    'Query texts: the queries every page runs (story by slug, tags, authors, translations, previous/next, related stories, cards, comment thread and counts, front-page sections, listings) are built and compiled by Kysely once per shape (src/db/prepared.ts) and run with new values: the SQL text is kept, never a result.',
    engine === 'sqlite'
      ? 'Prepared statements: better-sqlite3 statements are reused per SQL text, up to 1,000 (src/db/database.ts), so SQLite parses and plans each query once.'
      : 'No prepared statements on PostgreSQL: pg sends every query unnamed, so the server parses and plans it each time.',
    'Small per-process memos: the comment-signing secret (src/comments/signing.ts), date formatters (src/site/i18n.ts), folded characters for search (src/search/text.ts)' +
      (engine === 'postgres' ? ', the server\'s text search configurations (src/search/postgres.search.ts).' : '.'),
    `Below Herald: ${engine === 'sqlite' ? "SQLite's page cache and the operating system's file cache" : "PostgreSQL's shared buffers and the operating system's file cache"}, warm after the warm-up as on a live site.`,
    'Every page is rendered and every row it shows is read on every request; answers still carry an ETag (a SHA-1 of the body, computed per answer) and the CDN headers, and are not stored.',
  ];
}

export interface Measurement {
  round: number;
  /** Position in its round, from 0: the configurations take turns in each place. */
  order: number;
  page: string;
  configuration: Configuration;
  loadAverage: number;
  measure: Measure;
  /** The server's CPU time per answered request (all its processes), from /proc; null for another server. */
  serverCpuMsPerRequest: number | null;
  /** The load generator's (this process's) CPU use over the measurement, in % of one core. */
  loadGeneratorCpuPercent: number;
}

export interface Summary {
  page: string;
  configuration: Configuration;
  rps: Spread;
  p50: Spread;
  p99: Spread;
  errors: number;
  bytesPerResponse: number;
  serverCpuMsPerRequest: Spread | null;
  loadGeneratorCpuPercent: number;
}

export interface BenchResult extends RunInfo {
  finishedAt: string;
  loadAverageAtEnd: number;
  options: { engine: string; stories: number; seconds: number; connections: number; rounds: number; processes: number; redis: boolean; nodeFlags: string[] };
  /** dist/server/build.json of the bundle Herald ran (built by the benchmark from the sources it measured). */
  heraldBuild: { version: string; commit: string; builtAt: string };
  seeded: { stories: number; comments: number; seedSeconds: number };
  paths: Record<string, string[]>;
  startupMs: Record<string, number>;
  rssMb: Record<string, number>;
  cacheOffStillCaches: string[];
  measurements: Measurement[];
  summary: Summary[];
  ceilingShare: Record<string, { share: Spread; verdict: string }>;
  /** The analytics beacon next to the cached story page (bench/beacon.ts). */
  beacon?: BeaconBench;
  notes: string[];
}

export function summarise(measurements: Measurement[]): Summary[] {
  const groups = new Map<string, Measurement[]>();
  for (const m of measurements) {
    const key = `${m.page}\u0000${m.configuration}`;
    groups.set(key, [...(groups.get(key) ?? []), m]);
  }
  return [...groups.values()].map((list) => ({
    page: list[0].page,
    configuration: list[0].configuration,
    rps: spread(list.map((m) => m.measure.rps)),
    p50: spread(list.map((m) => m.measure.p50)),
    p99: spread(list.map((m) => m.measure.p99)),
    errors: list.reduce((sum, m) => sum + m.measure.errors, 0),
    bytesPerResponse: spread(list.map((m) => m.measure.bytesPerResponse)).median,
    serverCpuMsPerRequest: list.every((m) => m.serverCpuMsPerRequest !== null) ? spread(list.map((m) => m.serverCpuMsPerRequest!)) : null,
    loadGeneratorCpuPercent: spread(list.map((m) => m.loadGeneratorCpuPercent)).median,
  }));
}

const number = (n: number) => Math.round(n).toLocaleString('en');
const range = (s: Spread) => `${number(s.min)}–${number(s.max)}`;
const cpu = (s: Spread | null) => (s ? `${s.median.toFixed(3)} (${s.min.toFixed(3)}–${s.max.toFixed(3)})` : '–');

/** One table per run: median and min–max of the rounds for each page and configuration. */
export function table(result: BenchResult): string {
  const rows = [
    '| page | configuration | req/s, median | req/s, min–max | p50 ms, median | p99 ms, median (min–max) | server CPU ms per request, median (min–max) | autocannon CPU | errors | bytes per response |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...result.summary.map(
      (s) =>
        `| ${s.page} | ${CONFIGURATION_NAMES[s.configuration]} | ${number(s.rps.median)} | ${range(s.rps)} | ${number(s.p50.median)} | ${number(s.p99.median)} (${range(s.p99)}) | ${cpu(s.serverCpuMsPerRequest)} | ${Math.round(s.loadGeneratorCpuPercent)} % | ${s.errors} | ${number(s.bytesPerResponse)} |`,
    ),
  ];
  const o = result.options;
  const lines = [
    rows.join('\n'),
    '',
    `${o.rounds} rounds, ${o.seconds} s per figure, ${o.connections} connections, ${o.processes} process${o.processes > 1 ? 'es' : ''} per server${o.redis ? ' + Redis' : ''}, ` +
      `node ${o.nodeFlags.join(' ')} for every server; ${result.seeded.stories.toLocaleString('en')} stories on ${o.engine}; Herald ran its bundle built from commit ${result.heraldBuild.commit}.`,
    ...Object.entries(result.ceilingShare).map(([configuration, { verdict }]) => `Story, ${CONFIGURATION_NAMES[configuration as Configuration]}, req/s as a share of the ceiling's in the same round: ${verdict}.`),
    'Server CPU per request is read from /proc for all of a server\'s processes; it moves less than req/s when other work shares the machine. ' +
      'autocannon is one JavaScript process: where it uses close to 100 % of a core, it set the pace of that figure, not the server.',
    `Start to first 200: ${Object.entries(result.startupMs).map(([name, ms]) => `${name} ${number(ms)} ms`).join(', ')}. ` +
      `RSS after the rounds: ${Object.entries(result.rssMb).map(([name, mb]) => `${name} ${mb} MB`).join(', ')}.`,
  ];
  return lines.join('\n');
}
