/**
 * `npm run bench:newsletter`: one story sent to 100,000 members through a local SMTP sink, by
 * `herald serve` as in production (the built server: run `npm run build` first). Reports
 * messages per second, the memory of the HTTP process and of the delivery process it starts
 * (peak, and the delivery process's resident memory through the send, to see it stay flat), the
 * time from the send's request until the first mail reaches the sink, and a story page's speed
 * (autocannon, 5 s) before and during the send: requests per second, latency, and the HTTP
 * process's CPU time per request, which is what the send could take from readers on a machine
 * with a spare core (on two cores, autocannon, the SMTP sink and the delivery process share the
 * one the HTTP process leaves). Options:
 *   --members 100000   recipients
 *   --rate 5000        HERALD_NEWSLETTER_RATE for the run (the default, 200, suits a real relay)
 *   --connections 4    HERALD_NEWSLETTER_CONNECTIONS
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { openSqlite } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { createApiToken } from '../src/people/tokens.service.js';
import { createUser } from '../src/people/users.service.js';
import { updateSettings } from '../src/settings/settings.service.js';
import { serveProcess } from '../test/support/herald-process.js';
import { smtpServer } from '../test/support/smtp-server.js';

const { values: args } = parseArgs({ options: { members: { type: 'string', default: '100000' }, rate: { type: 'string', default: '5000' }, connections: { type: 'string', default: '4' } } });
const MEMBERS = Number(args.members);

const dataDir = mkdtempSync(join(tmpdir(), 'herald-bench-newsletter-'));
const sink = smtpServer({ keep: false });
await new Promise<void>((resolve) => sink.server.listen(0, '127.0.0.1', resolve));
const smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;

// Seeded straight into the database: the members' import is not what is measured.
const database = openSqlite(join(dataDir, 'herald.db'));
await migrateToLatest(database);
const { db } = database;
await updateSettings(db, { baseUrl: 'https://bench.herald.test', languages: ['en', 'fr'], defaultLanguage: 'en' });
const editor = await createUser(db, { email: 'editor@bench.test', name: 'Bench editor', role: 'editor' });
const { token } = await createApiToken(db, { name: 'bench', role: 'editor', userId: editor.id });
const now = new Date().toISOString();
const { id: newsletterId } = await db.insertInto('newsletters').values({ name: 'La matinale', language: 'fr', created_at: now, updated_at: now }).returning('id').executeTakeFirstOrThrow();
const seedStarted = Date.now();
for (let at = 0; at < MEMBERS; at += 1000) {
  await db.transaction().execute(async (trx) => {
    const rows = await trx
      .insertInto('members')
      .values(Array.from({ length: Math.min(1000, MEMBERS - at) }, (_, index) => ({ email: `reader${at + index}@bench.test`, language: 'fr', source: 'admin', created_at: now, updated_at: now })))
      .returning('id')
      .execute();
    await trx.insertInto('member_subscriptions').values(rows.map(({ id }) => ({ member_id: id, newsletter_id: newsletterId, status: 'confirmed', created_at: now, confirmed_at: now }))).execute();
  });
}
await database.close();
console.log(`seeded ${MEMBERS} confirmed members in ${((Date.now() - seedStarted) / 1000).toFixed(1)} s`);

const serve = () =>
  serveProcess({
    HERALD_DATA_DIR: dataDir,
    DATABASE_URL: '',
    HERALD_DEMO: 'off',
    HERALD_SMTP_URL: smtpUrl,
    HERALD_NEWSLETTER_RATE: args.rate,
    HERALD_NEWSLETTER_CONNECTIONS: args.connections,
  });

const memoryOf = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(status.match(new RegExp(`${field}:\\s+(\\d+)`))?.[1] ?? 0);
  return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
};

/** The newsletter delivery process `herald serve` forked. */
const deliveryPidOf = (pid: number) => Number(readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/)[0]);

/** CPU time a process has used, in clock ticks (user + system). */
const cpuTicks = (pid: number) => {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
};

/** Waits until the processes are done starting (under 5 % of a core for half a second), 20 s at most. */
async function settled(pids: number[]) {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const before = pids.map(cpuTicks);
    await new Promise((resolve) => setTimeout(resolve, 500));
    if (pids.every((pid, index) => cpuTicks(pid) - before[index] <= 2)) return;
  }
}

const TICK_MS = 10; // Linux's USER_HZ is 100

async function pageSpeed(url: string, pid: number, deliveryPid: number) {
  const [httpTicks, deliveryTicks] = [cpuTicks(pid), cpuTicks(deliveryPid)];
  const result = await autocannon({ url, connections: 10, duration: 5 });
  return {
    requestsPerSecond: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.non2xx,
    httpCpuMsPerRequest: Number((((cpuTicks(pid) - httpTicks) * TICK_MS) / result.requests.total).toFixed(4)),
    deliveryProcessCpuShare: Number((((cpuTicks(deliveryPid) - deliveryTicks) * TICK_MS) / (result.duration * 1000)).toFixed(2)),
  };
}

const { child, url } = await serve();
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
const created = await fetch(`${url}/api/admin/v1/articles`, {
  method: 'POST',
  headers,
  body: JSON.stringify({ language: 'fr', title: 'Le port rouvre après trois semaines', standfirst: 'Les dockers reprennent le travail.', body: `<p>${'Un paragraphe du récit. '.repeat(40)}</p>`.repeat(12), status: 'published' }),
});
const story = (await created.json()) as { id: number; url?: string; slug: string };
const storyUrl = `${url}/fr/${encodeURIComponent(story.slug)}`;
await fetch(storyUrl);
const deliveryPid = deliveryPidOf(child.pid!);
// The page's speed before the send is measured once both processes are done starting.
await settled([child.pid!, deliveryPid]);
const before = await pageSpeed(storyUrl, child.pid!, deliveryPid);
const idleMemory = memoryOf(child.pid!);
const idleDeliveryMemory = memoryOf(deliveryPid);

const requested = Date.now();
const sent = await fetch(`${url}/api/admin/v1/articles/${story.id}/newsletter-sends`, { method: 'POST', headers, body: JSON.stringify({ newsletterIds: [newsletterId] }) });
const queuedMs = Date.now() - requested;
if (sent.status !== 202) throw new Error(`send refused: ${sent.status} ${await sent.text()}`);
const rss: number[] = [];
const sampler = setInterval(() => {
  rss.push(memoryOf(deliveryPid).rssMb);
}, 100);
while (sink.received() === 0) await new Promise((resolve) => setTimeout(resolve, 2));
const firstAt = Date.now();
const during = await pageSpeed(storyUrl, child.pid!, deliveryPid);
const atDuring = sink.received();
while (sink.received() < MEMBERS) await new Promise((resolve) => setTimeout(resolve, 50));
const doneAt = Date.now();
clearInterval(sampler);
const memory = memoryOf(child.pid!);
const deliveryMemory = memoryOf(deliveryPid);
child.kill('SIGTERM');
sink.server.close();
rmSync(dataDir, { recursive: true, force: true });

const seconds = (doneAt - firstAt) / 1000;
const sampled = rss.filter((_, index) => index % 10 === 0).map((mb) => Math.round(mb));
const report = {
  members: MEMBERS,
  rate: Number(args.rate),
  connections: Number(args.connections),
  queueRequestMs: queuedMs,
  publishToFirstMailMs: firstAt - requested,
  sendSeconds: Number(seconds.toFixed(1)),
  messagesPerSecond: Math.round(MEMBERS / seconds),
  httpProcessMemoryMb: { beforeSend: Math.round(idleMemory.rssMb), peak: Math.round(memory.peakMb) },
  deliveryProcessMemoryMb: { beforeSend: Math.round(idleDeliveryMemory.rssMb), peak: Math.round(deliveryMemory.peakMb), rssThroughSend: sampled },
  storyPage: { beforeSend: before, duringSend: { ...during, messagesSentMeanwhile: atDuring } },
  loadAverage: (await import('node:os')).loadavg().map((n) => n.toFixed(1)).join(' '),
};
console.log(JSON.stringify(report, null, 2));
