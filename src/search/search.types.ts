import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Audience } from '../content/articles.types.js';
import type { Schema } from '../db/schema.js';

/** What one article contributes to the index: plain text, never HTML. */
export interface IndexedDocument {
  id: number;
  language: string;
  title: string;
  /** Standfirst and body as plain text. */
  text: string;
  sectionId: number | null;
  tagIds: number[];
  status: string;
  /** 'story' or 'page': readers' searches find stories only. */
  kind: string;
  deletedAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
}

/** A parsed, validated search: terms are already folded and free of any query syntax. */
export interface SearchQuery {
  terms: string[];
  language?: string;
  sectionId?: number;
  tagId?: number;
  /** Published at or after (ISO). */
  from?: string;
  /** Published before (ISO). */
  to?: string;
  audience: Audience;
  page: number;
  limit: number;
}

/**
 * How far a search counts its matches. Counting every story that mentions a common word grows
 * with the archive; past this many a reader is told "more than", and pages stop there (as
 * web search engines do).
 */
export const MATCH_COUNT_LIMIT = 1000;

/** One rank of matches (title hits, say), each read newest first from the engine's index. */
export interface Tier {
  /** How many it holds, counting no further than `upTo`. */
  count(upTo: number): Promise<number>;
  /** Article ids of the tier's matches from `offset`, newest first. */
  page(offset: number, limit: number): Promise<number[]>;
}

/**
 * A page of matches ranked by tier, then newest first: the tiers are counted in order up to
 * MATCH_COUNT_LIMIT altogether, and the page is read from the tiers it falls in. Nothing past
 * the limit is counted or read, so a common word costs the same in any size of archive.
 */
export async function pageThroughTiers(tiers: Tier[], page: number, limit: number): Promise<SearchMatches> {
  const counts: number[] = [];
  let total = 0;
  for (const tier of tiers) {
    const count = total < MATCH_COUNT_LIMIT ? await tier.count(MATCH_COUNT_LIMIT - total) : 0;
    counts.push(count);
    total += count;
  }
  const offset = (page - 1) * limit;
  // Pages stop at the counted matches.
  const wanted = Math.min(limit, total - offset);
  const ids: number[] = [];
  let tierStart = 0;
  for (const [i, tier] of tiers.entries()) {
    const within = offset + ids.length - tierStart;
    if (ids.length < wanted && within < counts[i]) ids.push(...(await tier.page(within, Math.min(wanted - ids.length, counts[i] - within))));
    tierStart += counts[i];
  }
  return { ids, total };
}

export interface SearchMatches {
  /** Article ids, best first: title matches, then newer, then higher id. */
  ids: number[];
  /** The number of matches, up to MATCH_COUNT_LIMIT where an engine caps its count. */
  total: number;
}

/**
 * One search engine per database dialect (sqlite.search.ts, postgres.search.ts), the same
 * way Kysely puts its dialects side by side. Callers never ask which one they have.
 */
export interface SearchIndex {
  /** Creates the index tables; used by the migration. */
  create(db: Kysely<any>): Promise<void>;
  drop(db: Kysely<any>): Promise<void>;
  /** Replaces an article's entry, inside the writer's transaction. */
  put(db: Kysely<Schema>, document: IndexedDocument): Promise<void>;
  remove(db: Kysely<Schema>, articleId: number): Promise<void>;
  /** Ids of articles that have no entry (written around the service: restores, bulk seeds). */
  missing(db: Kysely<Schema>, limit: number): Promise<number[]>;
  search(db: Kysely<Schema>, query: SearchQuery): Promise<SearchMatches>;
}

/** The query's filters on the joined `articles a`, as one SQL fragment (SQLite's CJK search). */
export function articleFilters(query: SearchQuery): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`a.deleted_at is null`];
  if (query.audience === 'public') parts.push(sql`a.status = 'published' and a.kind = 'story'`);
  if (query.language) parts.push(sql`a.language = ${query.language}`);
  if (query.sectionId !== undefined) parts.push(sql`a.section_id = ${query.sectionId}`);
  if (query.tagId !== undefined) parts.push(sql`a.id in (select article_id from article_tags where tag_id = ${query.tagId})`);
  if (query.from) parts.push(sql`a.published_at >= ${query.from}`);
  if (query.to) parts.push(sql`a.published_at < ${query.to}`);
  return sql.join(parts, sql` and `);
}

/**
 * Title hits, then newest: how every search ranks, spelt out where matches are joined to
 * their articles (SQLite's CJK search); the others read their tiers in this order.
 */
export const RANKING = sql`in_title desc, coalesce(a.published_at, a.updated_at) desc, a.id desc`;
