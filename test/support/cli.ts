import { execFile } from 'node:child_process';
import { storeEnvironment, type TestStore } from './engines.js';

export const HERALD_BIN = new URL('../../bin/herald.js', import.meta.url).pathname;

/** Each CLI call is a fresh Node process (the build in dist/, as `npx herald` runs); give them room on a busy machine. */
export const CLI_TIMEOUT = 120_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The environment `herald` sees when pointed at a test store. */
export function storeEnv(store: TestStore): NodeJS.ProcessEnv {
  return { ...process.env, ...storeEnvironment(store) };
}

/** Runs `herald ARGS` as a user would, optionally writing `input` to its stdin (and with more `env`); never throws on a non-zero exit. */
export function runHerald(store: TestStore, args: string[], input?: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [HERALD_BIN, ...args], { env: { ...storeEnv(store), ...env }, timeout: CLI_TIMEOUT }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end(input);
  });
}
