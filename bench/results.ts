/**
 * Where a benchmark's result goes and what it says about the run: `bench/results/<date>-<label>.json`,
 * one file per labelled run, never overwritten; the machine, the load, the commit and the exact
 * command go with the figures.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';

const FOLDER = join('bench', 'results');
const LABEL = /^[a-z0-9][a-z0-9.-]*$/;

export interface RunInfo {
  date: string;
  startedAt: string;
  label: string;
  /** The exact command that produced the file. */
  command: string;
  machine: { nproc: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  /** The commit measured, and whether the files that make the server differed from it. */
  source: { commit: string; uncommittedChanges: string[] };
  /** The 1-minute load average at the start: other work on the machine skews every figure. */
  loadAverageAtStart: number;
}

function git(args: string[]): string {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return '';
  }
}

/** The command as typed: the npm script when run through npm, else the node command. */
function commandLine(script: string): string {
  const args = process.argv.slice(2).map((arg) => (/^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`));
  const npmScript = process.env.npm_lifecycle_event;
  if (npmScript) return [`npm run ${npmScript}`, ...(args.length ? ['--', ...args] : [])].join(' ');
  return ['node bin/run-ts.js', script, ...args].join(' ');
}

export function loadAverage(): number {
  return Math.round(loadavg()[0] * 10) / 10;
}

/**
 * Names this run's result file and checks, before any work, that it does not exist yet.
 * `label` is the user's `--label`; without one, `fallback` describes the options.
 */
export function startRun(script: string, label: string | undefined, fallback: string): RunInfo & { file: string } {
  const chosen = label ?? fallback;
  if (!LABEL.test(chosen)) throw new Error(`--label must be lower-case letters, digits, dots and dashes (got "${chosen}")`);
  const now = new Date();
  const date = now.toISOString().slice(0, 10);
  const file = join(FOLDER, `${date}-${chosen}.json`);
  if (existsSync(file)) {
    throw new Error(`${file} exists: a result is never overwritten. Name this run with --label (e.g. --label ${chosen}-after-change), or delete the old file on purpose.`);
  }
  const changed = git(['status', '--porcelain', '--', 'src', 'bin', 'bench', ':(exclude)bench/results', 'package.json', 'package-lock.json']);
  return {
    file,
    date,
    startedAt: now.toISOString(),
    label: chosen,
    command: commandLine(script),
    machine: {
      nproc: cpus().length,
      cpuModel: cpus()[0]?.model ?? '?',
      memoryGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
      node: process.version,
      platform: process.platform,
    },
    source: { commit: git(['rev-parse', 'HEAD']) || 'unknown', uncommittedChanges: changed ? changed.split('\n') : [] },
    loadAverageAtStart: loadAverage(),
  };
}

/** Writes the result; fails rather than replace a file that appeared meanwhile. */
export function writeResult(file: string, result: object): void {
  mkdirSync(FOLDER, { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`, { flag: 'wx' });
}

/** The run's header for the terminal and docs/benchmarks.md. */
export function describeRun(info: RunInfo, loadAtEnd: number): string {
  const m = info.machine;
  const dirty = info.source.uncommittedChanges.length ? `, with ${info.source.uncommittedChanges.length} uncommitted changes in src/bin/bench` : '';
  return [
    `Run ${info.date} (${info.startedAt.slice(11, 16)} UTC), label ${info.label}: \`${info.command}\``,
    `Machine: nproc ${m.nproc} (${m.cpuModel}), ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}; commit ${info.source.commit.slice(0, 10)}${dirty}.`,
    `Load average (1 min): ${info.loadAverageAtStart} at the start, ${loadAtEnd} at the end.`,
  ].join('\n');
}
