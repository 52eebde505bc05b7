/**
 * `npm run bench:federation`: does publishing slow down while a story's deliveries to 1,000
 * followers are queued and their servers never answer? `herald serve` as in production (the
 * built server: run `npm run build` first) on SQLite, with HERALD_FEDERATION_ALLOW_PRIVATE_ADDRESS
 * on so that the followers' "servers" can be a loopback socket that accepts connections and never
 * answers (each delivery waits for its 10 s timeout). Reports the time of each publishing request
 * (median and worst of --stories) before any follower and while the deliveries hang, and a story
 * page's speed (autocannon, 5 s) in both states. Options:
 *   --followers 1000   followers of the French edition, each with its own inbox
 *   --stories 20       stories published in each state
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApiToken } from '../src/people/tokens.service.js';
import { createUser } from '../src/people/users.service.js';
import { updateSettings } from '../src/settings/settings.service.js';
import { freePort } from '../test/support/fediverse.js';

const { values: args } = parseArgs({ options: { followers: { type: 'string', default: '1000' }, stories: { type: 'string', default: '20' } } });
const FOLLOWERS = Number(args.followers);
const STORIES = Number(args.stories);
const HERALD = new URL('../bin/herald.js', import.meta.url).pathname;

// Followers' servers that take every connection and never say a word.
const sockets = new Set<Socket>();
const dead = createTcpServer((socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
  socket.on('error', () => {});
});
await new Promise<void>((resolve) => dead.listen(0, '127.0.0.1', resolve));
const deadBase = `http://127.0.0.1:${(dead.address() as AddressInfo).port}`;

const dataDir = mkdtempSync(join(tmpdir(), 'herald-bench-federation-'));
const port = await freePort();
const url = `http://127.0.0.1:${port}`;
const database = openSqlite(join(dataDir, 'herald.db'));
await migrateToLatest(database);
const { db } = database;
await updateSettings(db, { baseUrl: url, languages: ['en', 'fr'], defaultLanguage: 'en', federation: true });
const editor = await createUser(db, { email: 'editor@bench.test', name: 'Bench editor', role: 'editor' });
const { token } = await createApiToken(db, { name: 'bench', role: 'editor', userId: editor.id });
await database.close();

const child: ChildProcess = await new Promise((resolve, reject) => {
  const process_ = spawn(process.execPath, [HERALD, 'serve'], {
    env: { ...process.env, HERALD_DATA_DIR: dataDir, DATABASE_URL: '', HERALD_DEMO: 'off', HERALD_LOG_LEVEL: 'warn', PORT: String(port), HERALD_BASE_URL: url, HERALD_FEDERATION_ALLOW_PRIVATE_ADDRESS: 'on' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (/running /.test(output) || /listening/.test(output)) resolve(process_);
  };
  process_.stdout!.on('data', onData);
  process_.stderr!.on('data', onData);
  process_.on('exit', (code) => reject(new Error(`herald serve exited with ${code}: ${output}`)));
  // At log level warn the server says nothing on start: ask it.
  const poll = setInterval(async () => {
    if ((await fetch(`${url}/healthz`).catch(() => null))?.ok) {
      clearInterval(poll);
      resolve(process_);
    }
  }, 200);
});

const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
async function publish(language: string, n: number): Promise<{ ms: number; slug: string }> {
  const started = performance.now();
  const response = await fetch(`${url}/api/admin/v1/articles`, {
    method: 'POST',
    headers,
    body: JSON.stringify({ language, title: `Story ${n} ${Math.random().toString(36).slice(2)}`, standfirst: 'A standfirst.', body: `<p>${'A paragraph of the story. '.repeat(40)}</p>`.repeat(8), tags: ['harbour'], status: 'published' }),
  });
  const ms = performance.now() - started;
  if (response.status !== 201) throw new Error(`publishing answered ${response.status}: ${await response.text()}`);
  return { ms, slug: ((await response.json()) as { slug: string }).slug };
}

const summary = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { medianMs: Number(sorted[Math.floor(sorted.length / 2)].toFixed(1)), worstMs: Number(sorted[sorted.length - 1].toFixed(1)) };
};

async function pageSpeed(page: string) {
  const result = await autocannon({ url: page, connections: 10, duration: 5 });
  return { requestsPerSecond: Math.round(result.requests.average), p50Ms: result.latency.p50, p99Ms: result.latency.p99, errors: result.errors + result.non2xx };
}

// Warm up: the first requests compile and fill caches.
for (let i = 0; i < 3; i++) await publish('fr', -i);
const without: number[] = [];
let slug = '';
for (let i = 0; i < STORIES; i++) ({ ms: without[i], slug } = await publish('fr', i));
const storyPage = `${url}/fr/${encodeURIComponent(slug)}`;
const pageBefore = await pageSpeed(storyPage);

// The followers, written straight into the database (following is not what is measured).
const seed = openSqlite(join(dataDir, 'herald.db'));
const now = new Date().toISOString();
for (let at = 0; at < FOLLOWERS; at += 500) {
  await seed.db
    .insertInto('federation_followers')
    .values(Array.from({ length: Math.min(500, FOLLOWERS - at) }, (_, i) => ({ actor: 'fr', follower_uri: `${deadBase}/users/${at + i}`, handle: '', inbox: `${deadBase}/users/${at + i}/inbox`, shared_inbox: null, follow_id: `${deadBase}/follows/${at + i}`, created_at: now })))
    .execute();
}
await publish('fr', 1000);
// Until the deliveries are queued and hanging on the silent servers.
for (let waited = 0; waited < 20_000; waited += 100) {
  const row = await seed.db.selectFrom('federation_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(row.n) >= FOLLOWERS && sockets.size > 0) break;
  await new Promise((resolve) => setTimeout(resolve, 100));
}
const queued = Number((await seed.db.selectFrom('federation_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow()).n);
const hanging = sockets.size;
const during: number[] = [];
for (let i = 0; i < STORIES; i++) during[i] = (await publish('fr', 2000 + i)).ms;
const pageDuring = await pageSpeed(storyPage);
const pending = Number((await seed.db.selectFrom('federation_deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').executeTakeFirstOrThrow()).n);
await seed.close();

console.log(
  JSON.stringify(
    {
      followers: FOLLOWERS,
      storiesPerState: STORIES,
      publishWithoutFollowers: summary(without),
      publishWhileDeliveriesHang: { ...summary(during), deliveriesQueuedAtStart: queued, connectionsHangingAtStart: hanging, deliveriesPendingAtEnd: pending },
      storyPageBefore: pageBefore,
      storyPageDuring: pageDuring,
    },
    null,
    2,
  ),
);
child.kill('SIGTERM');
await new Promise((resolve) => child.once('exit', resolve));
for (const socket of sockets) socket.destroy();
dead.close();
rmSync(dataDir, { recursive: true, force: true });
