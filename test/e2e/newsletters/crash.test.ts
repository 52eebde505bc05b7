import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ENGINES, storeEnvironment } from '../../support/engines.js';
import { serveProcess } from '../../support/herald-process.js';
import { closeSmtp, listenSmtp, smtpServer, type TestSmtpServer } from '../../support/smtp-server.js';
import { members, newsletter, publishedStory } from './seed.js';

const MEMBERS = 5000;

/**
 * `herald serve` as in production, on the test's database, sending through the test's SMTP
 * server. It leads a process group of its own (with its newsletter delivery process), which
 * the test kills as a whole, as a supervisor or the kernel's OOM killer of a container would.
 */
async function serve(t: TestApp, smtpUrl: string): Promise<ChildProcess> {
  const { child } = await serveProcess(
    {
      ...storeEnvironment(t.store),
      HERALD_SMTP_URL: smtpUrl,
      HERALD_NEWSLETTER_RATE: '4000',
      HERALD_NEWSLETTER_CONNECTIONS: '4',
      // A killed process's claims run out soon, so the restart takes them over within the test.
      HERALD_NEWSLETTER_LEASE_MS: '1500',
      HERALD_NEWSLETTER_POLL_MS: '100',
    },
    { detached: true },
  );
  return child;
}

/** SIGKILL to the server and its delivery process at once. */
function killGroup(child: ChildProcess): Promise<unknown> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid!, 'SIGKILL');
  return exited;
}

async function until(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const started = Date.now();
  while (!(await condition())) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

for (const engine of ENGINES) {
  describe(`a send killed with SIGKILL halfway and restarted [${engine}]`, { timeout: 240_000 }, () => {
    let t: TestApp;
    let smtp: TestSmtpServer;
    let child: ChildProcess | undefined;
    let url = '';
    beforeAll(async () => {
      smtp = smtpServer();
      url = await listenSmtp(smtp);
      t = await createTestApp(engine);
    });
    afterAll(async () => {
      if (child?.exitCode === null && child.signalCode === null) await killGroup(child);
      await t?.close();
      if (smtp) await closeSmtp(smtp);
    });

    it(`reaches each of ${MEMBERS} members exactly once, counted at the SMTP server`, async () => {
      const { db } = t.database;
      const list = await newsletter(db, { name: 'La matinale', language: 'fr' });
      const emails = Array.from({ length: MEMBERS }, (_, index) => `reader${index}@example.org`);
      await members(db, list, emails);
      const story = await publishedStory(t, 'editor', { language: 'fr', title: 'Le port rouvre', body: '<p>Texte.</p>' });
      const { authorization } = await t.auth('editor');
      const queued = await t.app.inject({ method: 'POST', url: `/api/admin/v1/articles/${story}/newsletter-sends`, headers: { authorization }, payload: { newsletterIds: [list] } });
      expect(queued.json().sends[0].recipients).toBe(MEMBERS);

      const started = Date.now();
      child = await serve(t, url);
      await until(() => smtp.messages.length >= MEMBERS / 2, 120_000, 'half of the messages');
      await killGroup(child);
      const atKill = smtp.messages.length;
      expect(atKill).toBeLessThan(MEMBERS);

      child = await serve(t, url);
      await until(
        async () => !(await db.selectFrom('newsletter_deliveries').select('id').where('status', 'in', ['pending', 'sending', 'handed']).executeTakeFirst()),
        120_000,
        'the queue to drain',
      );
      const seconds = (Date.now() - started) / 1000;

      const perRecipient = new Map<string, number>();
      for (const envelope of smtp.recipients) for (const address of envelope) perRecipient.set(address, (perRecipient.get(address) ?? 0) + 1);
      const missing = emails.filter((email) => !perRecipient.has(email));
      const twice = [...perRecipient].filter(([, count]) => count > 1);
      expect(twice).toEqual([]);
      const statuses = await db.selectFrom('newsletter_deliveries').select(['status', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('status').execute();
      expect(statuses.filter((row) => !['delivered', 'unknown'].includes(row.status))).toEqual([]);
      // 'unknown': handed over when the process died and noted in its journal, so never sent
      // again; the dot went out right after the note, and the server has each of those messages.
      expect({ missing, messages: smtp.messages.length }).toEqual({ missing: [], messages: MEMBERS });
      console.info(`[${engine}] ${MEMBERS} members, killed after ${atKill} messages, ${missing.length} missing, none twice, in ${seconds.toFixed(1)} s; ${JSON.stringify(statuses)}`);
    });
  });
}
