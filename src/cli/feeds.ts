import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { getSettings } from '../settings/settings.service.js';
import { addFeed, listFeeds, removeFeed, SYNDICATION_ACTOR } from '../syndication/feeds.service.js';
import { pollDueFeeds, pollFeed } from '../syndication/feeds.poller.js';
import { withDatabase } from './context.js';

function wholeNumber(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number');
  return Number(value);
}

export function registerFeedCommands(program: Command): void {
  const feeds = program.command('feeds').description("partner feeds (RSS/Atom) whose new items become stories crediting the source");
  feeds
    .command('add <url>')
    .description('follow a feed')
    .option('--section <section>', 'section name or id the stories go to')
    .option('--name <name>', 'the publication credited (defaults to the feed’s host name)')
    .option('--language <tag>', 'language of its items (detected per item when left out)')
    .option('--publish', 'publish new items at once instead of keeping them as drafts', false)
    .option('--no-canonical', 'do not point search engines to the original')
    .option('--every <minutes>', 'minutes between polls', wholeNumber, 30)
    .action(async (url: string, options: { section?: string; name?: string; language?: string; publish: boolean; canonical: boolean; every: number }) => {
      await withDatabase(async (database, config) => {
        const section = options.section && /^\d+$/.test(options.section) ? Number(options.section) : options.section;
        const feed = await addFeed(database, SYNDICATION_ACTOR, { url, section, name: options.name, language: options.language, publish: options.publish, canonicalToSource: options.canonical, pollMinutes: options.every }, config.outboundAllow);
        console.log(`Following feed #${feed.id} ${feed.url} as "${feed.name}" (${feed.publish ? 'published' : 'drafts'}, every ${feed.pollMinutes} min).`);
      });
    });
  feeds
    .command('list')
    .description('the feeds followed, with their state')
    .action(async () => {
      await withDatabase(async ({ db }) => {
        const list = await listFeeds(db);
        if (!list.length) console.log('No feeds followed.');
        for (const f of list) {
          const state = f.failures ? `failing ×${f.failures}: ${f.lastError}` : f.lastPolledAt ? `polled ${f.lastPolledAt}` : 'not polled yet';
          console.log(`#${f.id}\t${f.name}\t${f.url}\t${f.items} items\t${f.publish ? 'publish' : 'drafts'}\t${state}\tnext ${f.nextPollAt}`);
        }
      });
    });
  feeds
    .command('remove <id>')
    .description('stop following a feed (its stories stay)')
    .action(async (id: string) => {
      await withDatabase(async ({ db }) => {
        await removeFeed(db, wholeNumber(id));
        console.log(`Stopped following feed #${id}.`);
      });
    });
  feeds
    .command('poll [id]')
    .description('poll one feed now, or every feed that is due (for cron)')
    .action(async (id?: string) => {
      await withDatabase(async (database, config) => {
        const baseUrl = config.baseUrl ?? (await getSettings(database.db)).baseUrl;
        const results = id ? [await pollFeed(database, wholeNumber(id), baseUrl, config.outboundAllow)] : await pollDueFeeds(database, baseUrl, config.outboundAllow);
        for (const r of results) console.log(`#${r.feedId}: ${r.status}${r.created.length ? `, ${r.created.length} new stories` : ''}${r.error ? ` (${r.error})` : ''}`);
        if (!results.length) console.log('No feed is due.');
      });
    });
}
