/** Starting servers as separate processes and putting load on them with autocannon. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import autocannon from 'autocannon';

export interface Measure {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  requests: number;
  /** Mean bytes received per response (headers and body): the same pages give the same figure. */
  bytesPerResponse: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

export interface Started {
  child: ChildProcess;
  url: string;
  /** Milliseconds from spawning the process to its first 200. */
  startupMs: number;
  stop(): Promise<void>;
}

/** Spawns `command`, then polls `probePath` until it answers 200. */
export async function startProcess(command: string[], env: NodeJS.ProcessEnv, port: number, probePath: string): Promise<Started> {
  const url = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command[0], command.slice(1), { env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}): ${stderr.slice(-2000)}`);
    const status = await fetch(url + probePath).then((r) => r.arrayBuffer().then(() => r.status), () => 0);
    if (status === 200) break;
    if (performance.now() - started > 60_000) throw new Error(`server did not answer 200 at ${probePath} within 60 s (last ${status}): ${stderr.slice(-2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const startupMs = performance.now() - started;
  return {
    child,
    url,
    startupMs,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    },
  };
}

function withChildren(pid: number): number[] {
  const pids = [pid];
  try {
    const children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim();
    if (children) pids.push(...children.split(/\s+/).map(Number));
  } catch {
    // Not Linux: the parent alone.
  }
  return pids;
}

/**
 * CPU time used so far by a process and its children (a cluster's workers), in ms, from
 * /proc (utime + stime at Linux's 100 ticks a second); 0 where /proc is missing.
 */
export function cpuMs(pid: number): number {
  let ticks = 0;
  for (const p of withChildren(pid)) {
    try {
      const fields = readFileSync(`/proc/${p}/stat`, 'utf8').split(') ')[1].split(' ');
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // The process went away, or no /proc.
    }
  }
  return ticks * 10;
}

/** Resident memory of a process and its children (a cluster's workers), in MB. */
export function rssMb(pid: number): number {
  const pids = withChildren(pid);
  let kb = 0;
  for (const p of pids) {
    try {
      const match = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      kb += match ? Number(match[1]) : 0;
    } catch {
      // The process went away.
    }
  }
  return Math.round(kb / 1024);
}

/** Runs autocannon against `base` cycling through `paths`. */
export async function load(base: string, paths: string[], seconds: number, connections: number): Promise<Measure> {
  const result = await autocannon({
    url: base,
    connections,
    duration: seconds,
    requests: paths.map((path) => ({ method: 'GET', path })),
  });
  return {
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    requests: result.requests.total,
    bytesPerResponse: result.requests.total ? Math.round(result.throughput.total / result.requests.total) : 0,
  };
}
