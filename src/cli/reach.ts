import { InvalidArgumentError, type Command } from 'commander';
import { createContentKey, listContentKeys, revokeContentKey } from '../people/content-keys.service.js';
import { rebuildSearchIndex } from '../search/search.service.js';
import { withDatabase } from './context.js';
import type { Config } from '../config.js';
import { PageStore } from '../cache/page-store.js';
import { purgeHook } from '../cache/purge.js';
import { redisBus } from '../cache/redis-bus.js';
import { cacheKey } from '../core/cache-keys.js';

const cliLog = { warn: (object: object, message: string) => console.warn(message, object) };

/**
 * The servers keep Content API answers, `?key=` included, in their page cache. This process
 * is not one of them: it reaches them through Redis and the CDN through the purge hook when
 * configured; a lone server without Redis keeps them until it restarts or content changes.
 */
async function dropCachedContentApi(config: Config): Promise<boolean> {
  const target = { keys: [cacheKey.contentApi] };
  if (config.cache.purgeUrl) await purgeHook(config.cache.purgeUrl, cliLog)(target);
  if (!config.redisUrl) return false;
  const bus = await redisBus({ url: config.redisUrl, prefix: config.cache.redisPrefix, store: new PageStore(0), log: cliLog });
  try {
    await bus.publish(target);
  } finally {
    await bus.close();
  }
  return true;
}

function id(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('must be a key id (a whole number)');
  return Number(value);
}

/** `herald key create|list|revoke` (Content API keys) and `herald search reindex`. */
export function registerReachCommands(program: Command): void {
  const key = program.command('key').description('Content API keys (read-only access to published content)');
  key
    .command('create')
    .description('create a Content API key; prints it once, alone on the last line')
    .requiredOption('--name <name>', 'who or what uses the key')
    .action(async (options: { name: string }) => {
      await withDatabase(async ({ db }) => {
        const created = await createContentKey(db, options);
        console.error(`Created Content API key #${created.id} "${created.name}". It is shown only once:`);
        console.log(created.key);
      });
    });
  key
    .command('list')
    .description('list Content API keys (never the keys themselves)')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        for (const k of await listContentKeys(db)) {
          const state = k.revokedAt ? `revoked ${k.revokedAt}` : `last used ${k.lastUsedAt ?? 'never'}`;
          console.log(`#${k.id}\t${k.name}\tcreated ${k.createdAt}\t${state}`);
        }
      });
    });
  key
    .command('revoke')
    .description('revoke a Content API key by its id')
    .argument('<id>', 'the key id shown by "herald key list"', id)
    .action(async (keyId: number) => {
      await withDatabase(async (database, config) => {
        await revokeContentKey(database, keyId);
        const told = await dropCachedContentApi(config);
        console.log(`Revoked Content API key #${keyId}.`);
        if (!told) console.log('Without HERALD_REDIS_URL a running server keeps its cached Content API answers until restarted; revoke from the Admin API to drop them at once.');
      });
    });

  program
    .command('search')
    .description('the search index')
    .command('reindex')
    .description('rebuild the search index from the stories: drops and recreates its tables (it is kept current on every write; this is for repairs and upgrades)')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const count = await db.transaction().execute((trx) => rebuildSearchIndex(trx));
        console.log(`Indexed ${count} story versions.`);
      });
    });
}
