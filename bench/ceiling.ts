/**
 * The ceiling: a bare Node.js `http` server answering every request with the same story page
 * bytes from memory. Nothing one Node process does per request can be cheaper.
 * Usage: node bin/run-ts.js bench/ceiling.ts <file with the page bytes> (PORT from the environment).
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const body = readFileSync(process.argv[2]);
const headers = { 'content-type': 'text/html; charset=utf-8', 'content-length': body.length };
createServer((_req, res) => {
  res.writeHead(200, headers);
  res.end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
