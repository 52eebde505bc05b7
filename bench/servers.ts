/**
 * The servers `npm run bench` measures, all started the same way: `node` with `npm start`'s
 * flags running a precompiled ES module (Herald's bundle, the ceiling's), no loader on either.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { join } from 'node:path';
import { build } from 'esbuild';
import type { CapturedResponse } from './ceiling.js';
import { freePort, startProcess, type Started } from './load.js';

/** The Node.js flags of `npm start` (package.json), given to every server measured. */
export function nodeFlags(): string[] {
  const start = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: { start: string } }).scripts.start;
  return start.split(' ').filter((word) => word.startsWith('--'));
}

/** What `npm start` runs. */
export function heraldCommand(): string[] {
  return [process.execPath, ...nodeFlags(), 'bin/herald.js', 'serve'];
}

/** What bin/herald.js runs: dist/server/build.json names the version and commit of the bundle. */
export function heraldBuild(): { version: string; commit: string; builtAt: string } {
  return JSON.parse(readFileSync('dist/server/build.json', 'utf8')) as { version: string; commit: string; builtAt: string };
}

export interface Response {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

// Headers of one exchange: the ceiling's Node server writes its own.
const PER_EXCHANGE = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length']);

/** One GET on a new connection (a cluster hands each connection to the next worker), as autocannon sends it: no Accept-Encoding. */
export function fetchRaw(base: string, path: string): Promise<Response> {
  return new Promise((resolve, reject) => {
    const request = httpGet(base + path, { agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(response.headers)) {
          if (value !== undefined && !PER_EXCHANGE.has(name)) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        }
        resolve({ status: response.statusCode ?? 0, headers, body: Buffer.concat(chunks) });
      });
    });
    request.on('error', reject);
  });
}

/**
 * Herald's cached answers for `paths`, as hits (what autocannon then receives from it): each
 * path is asked until the cache answers it, on fresh connections so every worker of a
 * cluster stores it.
 */
export async function captureHits(base: string, paths: string[], processes: number): Promise<Record<string, CapturedResponse>> {
  const captured: Record<string, CapturedResponse> = {};
  for (const path of paths) {
    let response: Response | null = null;
    for (let attempt = 0; attempt < 4 * processes + 2; attempt += 1) {
      response = await fetchRaw(base, path);
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}`);
      if (attempt >= 2 * processes && response.headers['x-cache'] === 'HIT') break;
    }
    if (response?.headers['x-cache'] !== 'HIT') throw new Error(`${path} was never answered from the cache (x-cache: ${response?.headers['x-cache']})`);
    captured[path] = { status: response.status, headers: response.headers, body: response.body.toString('base64') };
  }
  return captured;
}

/** Bundles bench/ceiling.ts, writes the responses beside it and starts it like Herald. */
export async function startCeiling(folder: string, responses: Record<string, CapturedResponse>, processes: number, probePath: string): Promise<Started> {
  const script = join(folder, 'ceiling.mjs');
  await build({ entryPoints: ['bench/ceiling.ts'], outfile: script, bundle: true, platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' });
  const file = join(folder, 'ceiling-responses.json');
  writeFileSync(file, JSON.stringify(responses));
  return startProcess([process.execPath, ...nodeFlags(), script, file], { CEILING_WORKERS: String(processes) }, await freePort(), probePath);
}
