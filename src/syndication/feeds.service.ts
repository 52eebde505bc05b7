/**
 * Partner feeds a site follows (RSS or Atom): which ones, into which section, as drafts or
 * published, crediting the source. Plain functions over the database; polling is in
 * `feeds.poller.ts`.
 */
import type { Kysely, Selectable } from 'kysely';
import type { Schema, SyndicationFeedsTable } from '../db/schema.js';
import { transact, type Store } from '../db/hooks.js';
import { nowIso } from '../db/time.js';
import { AppError, invalid, notFound, type FieldError } from '../core/errors.js';
import { destinationFault } from '../core/outbound-http.js';
import { canonicalLanguage } from '../content/languages.js';
import { feedSection } from '../content/sections.service.js';
import { assertCan, type Actor } from '../people/permissions.js';
import { getSettings } from '../settings/settings.service.js';
import type { Article } from '../content/articles.types.js';

/** Who syndication acts as: the poller writing stories, the command line following a feed. */
export const SYNDICATION_ACTOR: Actor = { role: 'administrator', userId: null, principal: 'system:syndication', name: 'Syndication' };

export interface FollowedFeed {
  id: number;
  url: string;
  name: string;
  sectionId: number | null;
  /** The language its items are written in; null means detected per item. */
  language: string | null;
  /** New items are published at once instead of waiting as drafts. */
  publish: boolean;
  /** Syndicated stories point search engines to the original (rel=canonical). */
  canonicalToSource: boolean;
  pollMinutes: number;
  lastPolledAt: string | null;
  nextPollAt: string;
  failures: number;
  lastError: string | null;
  items: number;
}

export interface FeedInput {
  url: string;
  name?: string;
  section?: number | string | null;
  language?: string | null;
  publish?: boolean;
  canonicalToSource?: boolean;
  pollMinutes?: number;
}

type FeedRow = Selectable<SyndicationFeedsTable>;

function toFeed(row: FeedRow, items: number): FollowedFeed {
  return {
    id: row.id,
    url: row.url,
    name: row.name,
    sectionId: row.section_id,
    language: row.language,
    publish: row.publish === 1,
    canonicalToSource: row.canonical_to_source === 1,
    pollMinutes: row.poll_minutes,
    lastPolledAt: row.last_polled_at,
    nextPollAt: row.next_poll_at,
    failures: row.failures,
    lastError: row.last_error,
    items,
  };
}

export async function listFeeds(db: Kysely<Schema>): Promise<FollowedFeed[]> {
  const [rows, counts] = await Promise.all([
    db.selectFrom('syndication_feeds').selectAll().orderBy('id').execute(),
    db.selectFrom('syndication_items').select(['feed_id', (eb) => eb.fn.countAll<number>().as('n')]).groupBy('feed_id').execute(),
  ]);
  const byFeed = new Map(counts.map((c) => [c.feed_id, Number(c.n)]));
  return rows.map((row) => toFeed(row, byFeed.get(row.id) ?? 0));
}

export async function getFeed(db: Kysely<Schema>, id: number): Promise<FollowedFeed> {
  const feed = (await listFeeds(db)).find((f) => f.id === id);
  if (!feed) throw notFound(`Feed ${id}`);
  return feed;
}

function isHttpUrl(value: string): boolean {
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/**
 * Follows a feed. `outboundAllow` (config.outboundAllow) names the non-public hosts and ranges
 * a feed may be read from; a URL whose host is another such address is refused here, and a
 * name is checked on its DNS answer each time the feed is read.
 */
export async function addFeed(store: Store, actor: Actor, input: FeedInput, outboundAllow: readonly string[]): Promise<FollowedFeed> {
  assertCan(actor, 'settings.manage');
  const { db } = store;
  const faults: FieldError[] = [];
  const url = input.url?.trim() ?? '';
  const refused = isHttpUrl(url) ? destinationFault(url, outboundAllow) : 'must be an http(s) URL';
  if (refused) faults.push({ field: 'url', message: refused });
  const settings = await getSettings(db);
  let language: string | null = null;
  if (input.language) {
    language = canonicalLanguage(input.language);
    if (!language || !settings.languages.includes(language)) {
      faults.push({ field: 'language', message: `must be one of the site's languages (${settings.languages.join(', ')})` });
    }
  }
  const pollMinutes = input.pollMinutes ?? 30;
  if (!Number.isInteger(pollMinutes) || pollMinutes < 5 || pollMinutes > 24 * 60) {
    faults.push({ field: 'pollMinutes', message: 'must be a whole number of minutes from 5 to 1440' });
  }
  if (faults.length) throw invalid(faults);
  if (await db.selectFrom('syndication_feeds').select('id').where('url', '=', url).executeTakeFirst()) {
    throw new AppError('CONFLICT', `The site already follows ${url}.`, { fields: [{ field: 'url', message: 'is already followed' }] });
  }
  // A section named for the first time is created with the feed, or neither is.
  const id = await transact(store, async (tx) => {
    const sectionId = input.section == null ? null : await feedSection(tx, language ?? settings.defaultLanguage, input.section);
    const now = nowIso();
    const row = await tx.db
      .insertInto('syndication_feeds')
      .values({
        url,
        name: input.name?.trim() || new URL(url).hostname,
        section_id: sectionId,
        language,
        publish: input.publish ? 1 : 0,
        canonical_to_source: input.canonicalToSource === false ? 0 : 1,
        poll_minutes: pollMinutes,
        next_poll_at: now,
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  });
  return getFeed(db, id);
}

/** Stops following a feed; the stories already taken from it stay. */
export async function removeFeed(db: Kysely<Schema>, id: number): Promise<void> {
  const result = await db.deleteFrom('syndication_feeds').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Feed ${id}`);
}

/**
 * The original's address when a story was taken from a followed feed whose stories point
 * search engines to the original; null otherwise. The story page uses it as rel=canonical.
 */
export async function syndicatedCanonical(db: Kysely<Schema>, article: Pick<Article, 'id' | 'source'>): Promise<string | null> {
  // A story taken from a feed names the original as its source: without one, nothing to look up.
  if (!article.source?.url) return null;
  const row = await db
    .selectFrom('syndication_items')
    .innerJoin('syndication_feeds', 'syndication_feeds.id', 'syndication_items.feed_id')
    .innerJoin('articles', 'articles.id', 'syndication_items.article_id')
    .select(['articles.source_url', 'syndication_feeds.canonical_to_source'])
    .where('syndication_items.article_id', '=', article.id)
    .executeTakeFirst();
  return row && row.canonical_to_source === 1 ? row.source_url : null;
}
