/**
 * `herald serve` (the built server in dist/) as a process of its own, for tests and benchmarks
 * that need what only a real process shows: several processes on one database, a kill -9, the
 * start-up a user runs. Resolves once the server says where it listens.
 */
import { spawn, type ChildProcess } from 'node:child_process';

const HERALD = new URL('../../bin/herald.js', import.meta.url).pathname;

export interface HeraldProcess {
  child: ChildProcess;
  /** The address it listens at, as it logged it. */
  url: string;
  /** What it has written to its standard output so far. */
  stdout(): string;
}

export interface ServeOptions {
  /** Its own process group, so that a test can kill it with every process it started. */
  detached?: boolean;
  /** Give up when it has not said where it listens by then. */
  startTimeoutMs?: number;
}

/**
 * Starts `herald serve` with the test's environment on top of this process's. Without a PORT in
 * `env`, it listens on a free port of loopback. Its log is read for the address, so it always logs at info.
 */
export function serveProcess(env: Record<string, string>, { detached = false, startTimeoutMs = 120_000 }: ServeOptions = {}): Promise<HeraldProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [HERALD, 'serve'], {
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', ...env, HERALD_LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached,
    });
    let output = '';
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`herald serve did not start within ${startTimeoutMs} ms: ${output}`)), startTimeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = output.match(/listening at (http:\/\/[\w.:[\]-]+)/)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url, stdout: () => stdout });
      }
    };
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      onData(chunk);
    });
    child.stderr!.on('data', onData);
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`herald serve stopped (${code ?? signal}): ${output}`));
    });
  });
}
