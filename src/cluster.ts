import cluster from 'node:cluster';
import { relayInvalidations } from './cache/ipc-bus.js';
import { relayLiveChanges } from './live/live.bus.js';
import { shareVisitorSalts } from './analytics/visitor-salt.js';
import type { Config } from './config.js';
import { openDatabase } from './db/database.js';
import { loadDemoIfEmpty } from './demo/demo.js';
import { isDeliveryPoke, superviseDelivery, type HeraldCommand } from './newsletters/delivery-process.js';
import { prepareDatabase } from './prepare.js';

/**
 * `HERALD_WORKERS=N`: this process becomes the primary of a Node cluster of N app processes
 * sharing the port. It prepares the database once (migrations, demo) so the workers do not
 * race to, restarts a worker that dies, relays page-cache invalidations and live-blog changes
 * between workers when there is no Redis, runs the one newsletter delivery process (the workers
 * wake it through this one), and stops them all on SIGINT/SIGTERM. Returns false when this
 * process should simply serve (one worker configured, or this is a worker).
 */
export async function superviseWorkers(config: Config, herald: HeraldCommand): Promise<boolean> {
  if (config.workers <= 1 || !cluster.isPrimary) return false;
  const database = openDatabase(config);
  try {
    await prepareDatabase(database);
    if (config.demoOnEmpty) await loadDemoIfEmpty(database, config);
  } finally {
    await database.close();
  }
  if (!config.redisUrl) {
    relayInvalidations();
    relayLiveChanges();
  }
  // The visitor hash's daily salt, held here in memory and handed to the workers (analytics/visitor-salt.ts).
  shareVisitorSalts();
  let stopping = false;
  cluster.on('exit', (worker, code, signal) => {
    if (stopping) return;
    console.error(`herald: worker ${worker.process.pid} ended (${signal ?? code}); starting another`);
    cluster.fork();
  });
  for (let i = 0; i < config.workers; i += 1) cluster.fork();
  const delivery = superviseDelivery(config, herald, (message) => console.error(`herald: ${message}`));
  cluster.on('message', (_worker, message) => {
    if (isDeliveryPoke(message)) delivery?.poke();
  });
  const stop = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);
    await Promise.all([
      delivery?.stop(),
      ...workers.map((worker) => {
        const exited = new Promise((resolve) => worker.once('exit', resolve));
        worker.process.kill('SIGTERM');
        return exited;
      }),
    ]);
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return true;
}
