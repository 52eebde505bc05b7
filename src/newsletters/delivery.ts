import type { Config } from '../config.js';
import type { Database } from '../db/database.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { queueDueDigests } from './digests.js';
import { prepareRendering } from './mail/render.js';
import { sendsQueued } from './sends.service.js';
import { startSendWorker, type SendWorker } from './send.worker.js';

// Digests are looked for once a minute: an edition goes out within a minute of its time.
const DIGEST_CHECK_MS = 60_000;

/** The newsletter worker of this process, with the digests' clock; null when no SMTP server is configured. */
export function startNewsletterDelivery(database: Database, config: Config, settings: () => Promise<SiteSettings>, onError: (error: unknown) => void): SendWorker | null {
  if (!config.mail.smtpUrl) return null;
  prepareRendering().catch(onError);
  let digestsCheckedAt = 0;
  const journal = { dir: config.dataDir, synchronous: config.sqliteSynchronous };
  const worker = startSendWorker(database, { ...config.newsletters, smtpUrl: config.mail.smtpUrl, from: config.mail.from, settings, onError, journal }, async () => {
    if (Date.now() - digestsCheckedAt < DIGEST_CHECK_MS) return;
    digestsCheckedAt = Date.now();
    await queueDueDigests(database.db, await settings());
  });
  const poke = () => worker.poke();
  sendsQueued.on('queued', poke);
  return {
    poke,
    async stop() {
      sendsQueued.off('queued', poke);
      await worker.stop();
    },
  };
}
