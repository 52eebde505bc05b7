import { loadConfig, type Config } from '../config.js';
import { openDatabase, type Database } from '../db/database.js';
import { prepareDatabase } from '../prepare.js';
import { installSearchIndexing } from '../search/search.service.js';
import { installWebhookQueue } from '../reach/webhooks.service.js';
import { installFederationOutbox } from '../federation/outbox.js';
import { installPlannedSends } from '../newsletters/planned-sends.js';
import { invalidateServersAfterCommit } from '../cache/servers.js';

const cliLog = { warn: (object: object, message: string) => console.warn(message, object) };

/** Runs a CLI action against the configured, migrated database and always closes it. */
export async function withDatabase<T>(action: (database: Database, config: Config) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = openDatabase(config);
  let closeBus = async () => {};
  try {
    await prepareDatabase(database);
    installSearchIndexing(database);
    installWebhookQueue(database, config.baseUrl);
    installFederationOutbox(database, config.baseUrl);
    installPlannedSends(database);
    closeBus = invalidateServersAfterCommit(config, database, cliLog);
    return await action(database, config);
  } finally {
    await closeBus();
    await database.close();
  }
}

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
