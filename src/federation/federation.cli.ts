import type { Command } from 'commander';
import { withDatabase } from '../cli/context.js';
import { getSettings } from '../settings/settings.service.js';
import { PUBLISHER_LOGO_PATH } from '../site/site-images.js';
import { createFediverse } from './fediverse.js';
import { followAccount, unfollowAccount } from './follows.service.js';

/** `herald fediverse follow|unfollow ACCOUNT --as LANGUAGE`: the running server sends what these queue. */
export function registerFediverseCommands(program: Command): void {
  const fediverse = program.command('fediverse').description('the site on the fediverse (ActivityPub)');
  for (const [name, action, done] of [
    ['follow', followAccount, 'follow'],
    ['unfollow', unfollowAccount, 'unfollow'],
  ] as const) {
    fediverse
      .command(`${name} <account>`)
      .description(`make a language edition ${name} a fediverse account (a handle such as @fr@news.example, or an actor URL)`)
      .requiredOption('--as <language>', 'the edition that follows, by its language tag')
      .action(async (account: string, options: { as: string }) => {
        await withDatabase(async (database, config) => {
          const settings = async () => ({ ...(await getSettings(database.db)), ...(config.baseUrl ? { baseUrl: config.baseUrl } : {}) });
          const site = createFediverse({ database, config, settings, iconPath: PUBLISHER_LOGO_PATH });
          const id = await action(site, options.as, account);
          console.log(`queued: the ${options.as} edition will ${done} ${id}`);
        });
      });
  }
}
