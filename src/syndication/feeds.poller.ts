/**
 * Polling followed feeds: a conditional GET (ETag / Last-Modified, so an unchanged feed costs
 * a 304), parsing with a real feed parser (rss-parser: RSS 0.9–2.0 and Atom), and each new item
 * written as a story crediting its source. An item is claimed in `syndication_items` before its
 * story is written, so a feed repeating items, or two app processes polling at once, never
 * make a duplicate. Failures back off exponentially, up to a day.
 */
import { createHash } from 'node:crypto';
import type Parser from 'rss-parser';
import type { Store } from '../db/hooks.js';
import { nowIso } from '../db/time.js';
import { createArticle } from '../content/articles.service.js';
import { outboundRequest } from '../core/outbound-http.js';
import { AppError } from '../core/errors.js';
import { getSettings } from '../settings/settings.service.js';
import { detectLanguage, importedLanguage } from '../portability/language-detect.js';
import type { FollowedFeed } from './feeds.service.js';
import { getFeed, SYNDICATION_ACTOR } from './feeds.service.js';

const MAX_BACKOFF_MINUTES = 24 * 60;
const MAX_FEED_BYTES = 5 * 1024 * 1024;
/** How long one process holds a feed while polling it, so others leave it alone. */
const LEASE_MINUTES = 5;

type Item = Parser.Item & { 'content:encoded'?: string; id?: string; summary?: string };
// Loaded with the first feed polled, not at start: most sites syndicate nothing.
let parser: Promise<Parser<Record<string, unknown>, Item>> | undefined;
const feedParser = () =>
  (parser ??= import('rss-parser').then(({ default: RssParser }) => new RssParser<Record<string, unknown>, Item>({ customFields: { item: ['content:encoded', 'summary'] } })));

export interface PollResult {
  feedId: number;
  status: 'new' | 'unchanged' | 'failed' | 'skipped';
  created: number[];
  error?: string;
}

function addMinutes(iso: string, minutes: number): string {
  return new Date(Date.parse(iso) + minutes * 60_000).toISOString();
}

function guidOf(item: Item): string | null {
  const key = item.guid || item.id || item.link;
  if (key) return String(key).trim();
  if (!item.title) return null;
  return `sha256:${createHash('sha256').update(`${item.title}\n${item.isoDate ?? ''}`).digest('hex')}`;
}

async function fetchFeed(feed: { url: string; etag: string | null; last_modified: string | null }, outboundAllow: readonly string[]) {
  const headers: Record<string, string> = {
    'user-agent': 'Herald syndication',
    accept: 'application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (feed.etag) headers['if-none-match'] = feed.etag;
  if (feed.last_modified) headers['if-modified-since'] = feed.last_modified;
  // Streamed and cut at the cap, public addresses only, every redirect checked (core/outbound-http).
  const response = await outboundRequest(feed.url, { headers, maxBytes: MAX_FEED_BYTES, allow: outboundAllow, timeoutMs: 20_000 });
  if (response.status === 304) return { unchanged: true as const };
  if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
  const text = response.text();
  return { unchanged: false as const, text, etag: response.header('etag') ?? null, lastModified: response.header('last-modified') ?? null };
}

/**
 * Polls one feed now, whatever its schedule. `outboundAllow` is config.outboundAllow: the
 * non-public hosts and ranges a feed may be read from (none by default).
 */
export async function pollFeed(store: Store, feedId: number, baseUrl: string, outboundAllow: readonly string[], now = nowIso()): Promise<PollResult> {
  const row = await store.db.selectFrom('syndication_feeds').selectAll().where('id', '=', feedId).executeTakeFirstOrThrow();
  const created: number[] = [];
  try {
    const fetched = await fetchFeed(row, outboundAllow);
    if (!fetched.unchanged) {
      const parsed = await (await feedParser()).parseString(fetched.text);
      const feed = await getFeed(store.db, feedId);
      const settings = await getSettings(store.db);
      const declared = importedLanguage(parsed.language as string | undefined);
      const fallback = feed.language ?? settings.languages.find((l) => declared && l.split('-')[0] === declared.split('-')[0]) ?? settings.defaultLanguage;
      // Oldest first, so stories are written in the order the partner published them (by date
      // when every item has one; otherwise feeds list the newest first).
      const items = [...(parsed.items ?? [])];
      if (items.every((i) => i.isoDate)) items.sort((a, b) => a.isoDate!.localeCompare(b.isoDate!));
      else items.reverse();
      for (const item of items) {
        const id = await takeItem(store, feed, item, fallback, settings.languages, baseUrl, now);
        if (id !== null) created.push(id);
      }
    }
    await store.db
      .updateTable('syndication_feeds')
      .set({
        failures: 0,
        last_error: null,
        last_polled_at: now,
        next_poll_at: addMinutes(now, row.poll_minutes),
        updated_at: now,
        ...(fetched.unchanged ? {} : { etag: fetched.etag, last_modified: fetched.lastModified }),
      })
      .where('id', '=', feedId)
      .execute();
    return { feedId, status: fetched.unchanged ? 'unchanged' : 'new', created };
  } catch (error) {
    const failures = row.failures + 1;
    const message = error instanceof Error ? error.message : String(error);
    const wait = Math.min(row.poll_minutes * 2 ** failures, MAX_BACKOFF_MINUTES);
    await store.db
      .updateTable('syndication_feeds')
      .set({ failures, last_error: message.slice(0, 500), last_polled_at: now, next_poll_at: addMinutes(now, wait), updated_at: now })
      .where('id', '=', feedId)
      .execute();
    return { feedId, status: 'failed', created, error: message };
  }
}

/** Writes one item as a story unless it was taken before; returns the new article's id. */
async function takeItem(store: Store, feed: FollowedFeed, item: Item, fallback: string, languages: string[], baseUrl: string, now: string) {
  const guid = guidOf(item);
  const title = (item.title ?? '').trim();
  if (!guid || !title) return null;
  const claim = await store.db
    .insertInto('syndication_items')
    .values({ feed_id: feed.id, guid, article_id: null, created_at: now })
    .onConflict((oc) => oc.columns(['feed_id', 'guid']).doNothing())
    .executeTakeFirst();
  if (Number(claim.numInsertedOrUpdatedRows ?? 0) === 0) return null;
  const body = item['content:encoded'] || item.content || item.summary || item.contentSnippet || '';
  const link = item.link && /^https?:\/\//.test(item.link) ? item.link : undefined;
  const published = item.isoDate && !Number.isNaN(Date.parse(item.isoDate)) ? item.isoDate : undefined;
  try {
    const article = await createArticle(
      store,
      {
        language: feed.language ?? (await detectLanguage(`${title}\n${body}`, languages, fallback)),
        title,
        body,
        bodyFormat: 'html',
        ...(feed.sectionId !== null ? { section: feed.sectionId } : {}),
        source: { name: feed.name, ...(link ? { url: link } : {}), ...(published ? { publishedAt: published } : {}) },
        status: feed.publish ? 'published' : 'draft',
        authors: [],
      },
      SYNDICATION_ACTOR,
      baseUrl,
    );
    await store.db.updateTable('syndication_items').set({ article_id: article.id }).where('feed_id', '=', feed.id).where('guid', '=', guid).execute();
    return article.id;
  } catch (error) {
    // An item the content rules refuse stays claimed (retrying cannot fix it); anything else is
    // given back, so the next poll tries it again.
    if (error instanceof AppError && error.status < 500) return null;
    await store.db.deleteFrom('syndication_items').where('feed_id', '=', feed.id).where('guid', '=', guid).execute();
    throw error;
  }
}

/** Polls every feed whose time has come; each is leased first so one process polls it. */
export async function pollDueFeeds(store: Store, baseUrl: string, outboundAllow: readonly string[], now = nowIso()): Promise<PollResult[]> {
  const due = await store.db.selectFrom('syndication_feeds').select(['id', 'next_poll_at']).where('next_poll_at', '<=', now).orderBy('next_poll_at').execute();
  const results: PollResult[] = [];
  for (const feed of due) {
    const lease = await store.db
      .updateTable('syndication_feeds')
      .set({ next_poll_at: addMinutes(now, LEASE_MINUTES) })
      .where('id', '=', feed.id)
      .where('next_poll_at', '=', feed.next_poll_at)
      .executeTakeFirst();
    if (Number(lease.numUpdatedRows) === 0) {
      results.push({ feedId: feed.id, status: 'skipped', created: [] });
      continue;
    }
    results.push(await pollFeed(store, feed.id, baseUrl, outboundAllow, now));
  }
  return results;
}

/** Polls due feeds every `intervalMs` until stopped (started with the server). */
export function startSyndicationPoller(
  store: Store,
  baseUrl: () => Promise<string>,
  outboundAllow: readonly string[],
  intervalMs = 60_000,
  onError?: (error: unknown) => void,
) {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      await pollDueFeeds(store, await baseUrl(), outboundAllow);
    } catch (error) {
      onError?.(error);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  void tick();
  return { stop: () => clearInterval(timer) };
}
