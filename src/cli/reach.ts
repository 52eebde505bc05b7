import { InvalidArgumentError, type Command } from 'commander';
import { createContentKey, listContentKeys, revokeContentKey } from '../people/content-keys.service.js';
import { rebuildSearchIndex } from '../search/search.service.js';
import { withDatabase } from './context.js';

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
        // The servers replay Content API answers, `?key=` included, from their page cache: the
        // revocation reaches them through Redis (cli/context.ts), a lone server only on restart.
        await revokeContentKey(database, keyId);
        console.log(`Revoked Content API key #${keyId}.`);
        if (!config.redisUrl) console.log('Without REDIS_URL a running server keeps its cached Content API answers until restarted; revoke from the Admin API to drop them at once.');
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
