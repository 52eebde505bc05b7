/**
 * `npm run bench:live`: readers connected to one live blog by Server-Sent Events, against
 * `herald serve` as in production (the built server: run `npm run build` first), on SQLite.
 * Reports how long each new entry takes to reach every reader (from the editor's POST to the
 * event arriving at each connection: median, p99, slowest, and how many within 2 s; the readers
 * live in a process of their own, bench/live-readers.ts), the
 * server's memory and CPU with the connections open, and the rest of the site's speed
 * (autocannon: a story, the home page and the live blog's page, cache on) before the readers
 * connect, while they are connected, and after they left (the spread between "before" and
 * "after" is the noise of the machine at that time). Options:
 *   --readers 1000    SSE connections to the live blog
 *   --entries 5       entries published, 2 s apart
 *   --seconds 5       autocannon's time per page and phase
 *   --label NAME      the result file's name (bench/results/<date>-<label>.json)
 */
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createArticle } from '../src/content/articles.service.js';
import { addEntry, startLiveBlog } from '../src/live/live.service.js';
import type { Actor } from '../src/people/permissions.js';
import { createApiToken } from '../src/people/tokens.service.js';
import { createUser } from '../src/people/users.service.js';
import { updateSettings } from '../src/settings/settings.service.js';
import { cpuMs, freePort, load, rssMb, startProcess, type Measure } from './load.js';
import { describeRun, loadAverage, startRun, writeResult } from './results.js';
import { heraldBuild, heraldCommand } from './servers.js';
import { percentile } from './stats.js';

const { values: args } = parseArgs({
  options: {
    readers: { type: 'string', default: '1000' },
    entries: { type: 'string', default: '5' },
    seconds: { type: 'string', default: '5' },
    label: { type: 'string' },
  },
});
const READERS = Number(args.readers);
const ENTRIES = Number(args.entries);
const SECONDS = Number(args.seconds);
const CONNECTIONS = 32;
const run = startRun('bench/live.ts', args.label, `live-${READERS}-readers`);

const dataDir = mkdtempSync(join(tmpdir(), 'herald-bench-live-'));
const desk: Actor = { role: 'editor', userId: null, principal: 'token:bench', name: 'Bench desk' };
const database = openSqlite(join(dataDir, 'herald.db'));
await migrateToLatest(database);
await updateSettings(database.db, { baseUrl: 'https://bench.herald.test', languages: ['en', 'fr'], defaultLanguage: 'en' });
const editor = await createUser(database.db, { email: 'editor@bench.test', name: 'Bench editor', role: 'editor' });
const { token } = await createApiToken(database.db, { name: 'bench', role: 'editor', userId: editor.id });
const paragraph = '<p>The council met on Tuesday evening to discuss the new harbour plan, which would move the ferry terminal to the northern quay.</p>';
let story = { id: 0, path: '' };
for (let i = 0; i < 40; i++) {
  const created = await createArticle(database, { language: 'en', title: `Harbour plan, part ${i + 1}`, body: paragraph.repeat(8), status: 'published' }, desk, 'https://bench.herald.test');
  if (i === 0) story = { id: created.id, path: new URL(created.url).pathname };
}
const blog = await createArticle(database, { language: 'en', title: 'Election night, as it happens', body: paragraph, status: 'published' }, desk, 'https://bench.herald.test');
await startLiveBlog(database, blog.id, desk);
for (let i = 0; i < 30; i++) await addEntry(database, blog.id, { body: `<p>Update ${i + 1}: ${paragraph.slice(3)}` }, desk);
await database.close();
const blogPath = new URL(blog.url).pathname;

const port = await freePort();
const server = await startProcess(heraldCommand(), { HERALD_DATA_DIR: dataDir, DATABASE_URL: '', HERALD_DEMO: 'off', HERALD_LOG_LEVEL: 'warn',
  // Every reader here comes from loopback: one network, which the cap per network would turn away.
  HERALD_LIVE_MAX_CONNECTIONS_PER_NETWORK: String(READERS), HERALD_LIVE_MAX_CONNECTIONS: String(Math.max(READERS, 10_000)) }, port, '/healthz');
const pages = { story: story.path, home: '/en/', 'live blog': blogPath };

/** The readers, in a process of their own (bench/live-readers.ts): the load generator here does not share its event loop with them. */
async function readerProcess(url: string) {
  const child = fork(fileURLToPath(new URL('../bin/run-ts.js', import.meta.url)), [fileURLToPath(new URL('./live-readers.ts', import.meta.url))]);
  const reply = async <T>(request: object): Promise<T> => {
    child.send(request);
    const [message] = (await once(child, 'message')) as [T];
    return message;
  };
  await reply({ connect: { url, readers: READERS } });
  return {
    arrivals: (entryId: number) => reply<{ arrivedAt: number[] }>({ arrivals: { entryId, timeoutMs: 30_000 } }),
    stillOpen: () => reply<{ stillOpen: number }>({ stillOpen: true }),
    close: async () => {
      child.send({ close: true });
      await once(child, 'exit');
    },
  };
}

async function site(): Promise<Record<string, Measure & { cpuMsPerRequest: number }>> {
  const out: Record<string, Measure & { cpuMsPerRequest: number }> = {};
  for (const [name, path] of Object.entries(pages)) {
    await load(server.url, [path], 1, CONNECTIONS); // warm
    const cpu = cpuMs(server.child.pid!);
    const measure = await load(server.url, [path], SECONDS, CONNECTIONS);
    out[name] = { ...measure, cpuMsPerRequest: Math.round(((cpuMs(server.child.pid!) - cpu) / Math.max(1, measure.requests)) * 1000) / 1000 };
  }
  return out;
}

try {
  // A pass not recorded: the server's code warmed up and every page in its cache.
  await site();
  const before = await site();
  const rssBefore = rssMb(server.child.pid!);

  const connectStarted = Date.now();
  const readers = await readerProcess(`${server.url}/live/${blog.id}/events`);
  const connectMs = Date.now() - connectStarted;
  const rssConnected = rssMb(server.child.pid!);
  console.log(`${READERS} readers connected in ${connectMs} ms; server memory ${rssBefore} → ${rssConnected} MB`);

  const deliveries = [];
  for (let i = 0; i < ENTRIES; i++) {
    const cpu = cpuMs(server.child.pid!);
    const sent = performance.now();
    const sentAt = Date.now();
    const response = await fetch(`${server.url}/api/admin/v1/articles/${blog.id}/live/entries`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ body: `<p>Breaking ${i + 1}: results from the ${i + 1}th district are in.</p>` }),
    });
    const answeredMs = performance.now() - sent;
    const { id } = (await response.json()) as { id: number };
    const arrivals = (await readers.arrivals(id)).arrivedAt.map((at) => (at < 0 ? Infinity : at - sentAt));
    const reached = arrivals.filter(Number.isFinite);
    const delivery = {
      entry: i + 1,
      postAnsweredMs: Math.round(answeredMs),
      medianMs: Math.round(percentile(reached, 50)),
      p99Ms: Math.round(percentile(reached, 99)),
      slowestMs: Math.round(Math.max(...arrivals)),
      within2s: arrivals.filter((ms) => ms <= 2000).length,
      serverCpuMs: cpuMs(server.child.pid!) - cpu,
    };
    deliveries.push(delivery);
    console.log(`entry ${delivery.entry}: ${delivery.within2s}/${READERS} within 2 s; median ${delivery.medianMs} ms, p99 ${delivery.p99Ms} ms, slowest ${delivery.slowestMs} ms; POST answered in ${delivery.postAnsweredMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }

  const during = await site();
  const rssAfter = rssMb(server.child.pid!);
  const { stillOpen } = await readers.stillOpen();
  await readers.close();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  // The same again once the readers left: how far apart two measurements without them are on this machine now.
  const after = await site();

  console.log(describeRun(run, loadAverage()));
  console.log(`\npage (autocannon, ${CONNECTIONS} connections, ${SECONDS} s) | req/s before | with ${READERS} readers | after they left | p99 ms before / with / after | server CPU ms/req before / with / after`);
  for (const name of Object.keys(pages)) {
    const [a, b, c] = [before[name], during[name], after[name]];
    console.log(`${name} | ${a.rps} | ${b.rps} (${(((b.rps - a.rps) / a.rps) * 100).toFixed(1)} %) | ${c.rps} | ${a.p99} / ${b.p99} / ${c.p99} | ${a.cpuMsPerRequest} / ${b.cpuMsPerRequest} / ${c.cpuMsPerRequest}`);
  }
  writeResult(run.file, {
    ...run,
    loadAverageAtEnd: loadAverage(),
    build: heraldBuild(),
    readers: READERS,
    connectMs,
    memoryMb: { before: rssBefore, connected: rssConnected, after: rssAfter },
    readersStillConnected: stillOpen,
    deliveries,
    site: { before, during, after },
  });
  console.log(`\nwritten to ${run.file}`);
} finally {
  await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
}
