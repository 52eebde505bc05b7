/**
 * The ceiling: a bare Node.js `http` server answering each path with the response Herald's
 * cache gave for it (the same status, headers and body bytes, captured by bench/run.ts), from
 * memory. Nothing one Node process does per request can be cheaper, so a server measured
 * against it under the same load gets a share of at most 100 %, give or take the noise.
 *
 * bench/run.ts bundles this file with esbuild and starts it as `node <npm start's flags>
 * ceiling.mjs <responses.json>` — no TypeScript loader, the same flags as Herald — with PORT
 * and CEILING_WORKERS (a cluster of that many processes, as HERALD_WORKERS) in the environment.
 */
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { createServer, type OutgoingHttpHeaders } from 'node:http';

export interface CapturedResponse {
  status: number;
  headers: Record<string, string>;
  /** The body, base64. */
  body: string;
}

const workers = Number(process.env.CEILING_WORKERS ?? 1);

if (workers > 1 && cluster.isPrimary) {
  for (let i = 0; i < workers; i += 1) cluster.fork();
  process.once('SIGTERM', () => {
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGTERM');
    process.exit(0);
  });
} else {
  const captured = JSON.parse(readFileSync(process.argv[2], 'utf8')) as Record<string, CapturedResponse>;
  const responses = new Map<string, { status: number; headers: OutgoingHttpHeaders; body: Buffer }>();
  for (const [path, response] of Object.entries(captured)) {
    const body = Buffer.from(response.body, 'base64');
    responses.set(path, { status: response.status, headers: { ...response.headers, 'content-length': body.length }, body });
  }
  createServer((req, res) => {
    const response = responses.get(req.url ?? '/');
    if (!response) {
      res.writeHead(404, { 'content-length': 0 });
      res.end();
      return;
    }
    res.writeHead(response.status, response.headers);
    res.end(response.body);
  }).listen(Number(process.env.PORT), '127.0.0.1');
}
