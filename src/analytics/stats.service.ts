import { sql, type ExpressionBuilder, type Kysely, type SelectQueryBuilder } from 'kysely';
import type { Schema } from '../db/schema.js';
import { zoneOffsetMinutes } from '../core/time-zone.js';
import { MINUTE_MS, minuteOf } from './rollup.service.js';

/**
 * What editors ask of the counts: plain functions over `analytics_views`, shared by the Stats
 * screen, the Admin API and CSV export. A period is `[from, to)`; rows older than two days are
 * hour rows and older than 90 days day rows (UTC), so a period cut inside such a bucket counts
 * the whole bucket when its first minute is inside.
 */
export interface StatsFilter {
  from: Date;
  to: Date;
  /** The page's language (a story's language, or the language a listing was shown in). */
  language?: string;
  /** One article (one language version of a story, or a page). */
  articleId?: number;
  /** A story in all its languages (articles.story_id). */
  storyId?: number;
  sectionId?: number;
  /** Stories this person is an author of (article_authors.user_id). */
  authorId?: number;
  /** Where readers came from, as `sources` names it: the campaign source, else the referrer's host; '' for direct. */
  source?: string;
  /** 'desktop', 'mobile', 'tablet', 'other'. */
  device?: string;
  /** ISO 3166 alpha-2, '' for unknown. */
  country?: string;
}

export interface Counts {
  views: number;
  /**
   * Unique visitors (counted once a day each). With a story, section or author in the filter:
   * per page (a reader of two of the section's stories counts on each); otherwise for the site.
   */
  visitors: number;
  /** Readers who reached the end of a story's body. */
  reads: number;
}

type Rows = SelectQueryBuilder<Schema, 'analytics_views', object>;

/** The source column as reported: utm_source (or a newsletter/fediverse mark), else the referrer's host. */
const sourceOf = sql<string>`case when analytics_views.source <> '' then analytics_views.source else analytics_views.referrer end`;

function pageScoped(filter: StatsFilter): boolean {
  return filter.articleId !== undefined || filter.storyId !== undefined || filter.sectionId !== undefined || filter.authorId !== undefined;
}

function filtered(db: Kysely<Schema>, filter: StatsFilter): Rows {
  let query: Rows = db
    .selectFrom('analytics_views')
    .where('analytics_views.minute', '>=', minuteOf(filter.from.getTime()))
    .where('analytics_views.minute', '<', Math.ceil(filter.to.getTime() / MINUTE_MS));
  if (filter.language !== undefined) query = query.where('analytics_views.language', '=', filter.language);
  if (filter.articleId !== undefined) query = query.where('analytics_views.article_id', '=', filter.articleId);
  if (filter.storyId !== undefined) {
    const storyId = filter.storyId;
    query = query.where('analytics_views.article_id', 'in', db.selectFrom('articles').select('id').where('story_id', '=', storyId));
  }
  if (filter.sectionId !== undefined) {
    const sectionId = filter.sectionId;
    query = query.where('analytics_views.article_id', 'in', db.selectFrom('articles').select('id').where('section_id', '=', sectionId));
  }
  if (filter.authorId !== undefined) {
    const authorId = filter.authorId;
    query = query.where('analytics_views.article_id', 'in', db.selectFrom('article_authors').select('article_id').where('user_id', '=', authorId));
  }
  if (filter.source !== undefined) query = query.where(sourceOf, '=', filter.source);
  if (filter.device !== undefined) query = query.where('analytics_views.device', '=', filter.device);
  if (filter.country !== undefined) query = query.where('analytics_views.country', '=', filter.country);
  return query;
}

function countColumns(filter: StatsFilter) {
  const visitors = pageScoped(filter) ? 'analytics_views.visitors' : 'analytics_views.site_visitors';
  return (eb: ExpressionBuilder<Schema, 'analytics_views'>) => [
    eb.fn.coalesce(eb.fn.sum<number>('analytics_views.views'), sql<number>`0`).as('views'),
    eb.fn.coalesce(eb.fn.sum<number>(visitors), sql<number>`0`).as('visitors'),
    eb.fn.coalesce(eb.fn.sum<number>('analytics_views.reads'), sql<number>`0`).as('reads'),
  ];
}

// PostgreSQL's sum() of integers is a bigint, which pg hands over as a string.
function counts(row: { views: number | string; visitors: number | string; reads: number | string } | undefined): Counts {
  return { views: Number(row?.views ?? 0), visitors: Number(row?.visitors ?? 0), reads: Number(row?.reads ?? 0) };
}

/** The period's totals. */
export async function statsTotals(db: Kysely<Schema>, filter: StatsFilter): Promise<Counts> {
  return counts(await filtered(db, filter).select(countColumns(filter)).executeTakeFirst());
}

export type SeriesStep = 'minute' | 'hour' | 'day';

export interface SeriesPoint extends Counts {
  /** The bucket's start (ISO 8601, UTC); hours and days begin on the site's clock. */
  start: string;
}

const STEP_MINUTES: Record<SeriesStep, number> = { minute: 1, hour: 60, day: 1440 };

/** The start of the step containing `minute`, on the clock of `timeZone`. */
function stepStart(minute: number, step: SeriesStep, timeZone: string): number {
  if (step === 'minute') return minute;
  const offset = zoneOffsetMinutes(new Date(minute * MINUTE_MS), timeZone);
  const local = minute + offset;
  const start = local - (((local % STEP_MINUTES[step]) + STEP_MINUTES[step]) % STEP_MINUTES[step]);
  return start - offset;
}

/**
 * The period's counts step by step, every step present (zeros where nobody came), oldest
 * first. Hours and days follow the site's time zone; rows already rolled up into UTC days
 * count in the local day their UTC day starts in.
 */
export async function statsSeries(db: Kysely<Schema>, filter: StatsFilter, step: SeriesStep, timeZone = 'UTC'): Promise<SeriesPoint[]> {
  const rows = await filtered(db, filter)
    .select('analytics_views.minute')
    .select(countColumns(filter))
    .groupBy('analytics_views.minute')
    .execute();
  const byStart = new Map<number, Counts>();
  const first = stepStart(minuteOf(filter.from.getTime()), step, timeZone);
  const end = Math.ceil(filter.to.getTime() / MINUTE_MS);
  // A local day is 23 to 25 hours long: two hours past a day's length always lands in the next one.
  const next = (start: number) => stepStart(start + STEP_MINUTES[step] + (step === 'day' ? 120 : 0), step, timeZone);
  for (let start = first; start < end; start = next(start)) byStart.set(start, { views: 0, visitors: 0, reads: 0 });
  for (const row of rows) {
    const point = byStart.get(stepStart(Number(row.minute), step, timeZone));
    if (!point) continue;
    const add = counts(row);
    point.views += add.views;
    point.visitors += add.visitors;
    point.reads += add.reads;
  }
  return [...byStart].map(([start, point]) => ({ start: new Date(start * MINUTE_MS).toISOString(), ...point }));
}

export type TopDimension =
  | 'article' | 'story' | 'language' | 'section' | 'author' | 'source' | 'referrer' | 'medium' | 'campaign' | 'device' | 'country' | 'pageKind';

export interface TopEntry extends Counts {
  /** The article, story, section or author id as text, or the value itself ('' for none: direct, unknown). */
  key: string;
}

/**
 * The period's leading values of one dimension, most viewed first. Stories, sections and
 * authors come from the articles the views were of (a story with two authors counts for each).
 */
export async function statsTop(db: Kysely<Schema>, filter: StatsFilter, by: TopDimension, limit = 10): Promise<TopEntry[]> {
  const base = filtered(db, filter);
  const columns = countColumns(filter);
  const ordered = <Q extends SelectQueryBuilder<any, any, { key: unknown; views: number; visitors: number; reads: number }>>(query: Q) =>
    query.orderBy('views', 'desc').orderBy('key').limit(limit);
  let rows: { key: unknown; views: number | string; visitors: number | string; reads: number | string }[];
  switch (by) {
    case 'article':
      rows = await ordered(base.where('analytics_views.article_id', '<>', 0).select('analytics_views.article_id as key').select(columns).groupBy('analytics_views.article_id')).execute();
      break;
    case 'story':
    case 'section':
      {
        const column = by === 'story' ? 'articles.story_id' : 'articles.section_id';
        const joined = base.innerJoin('articles', 'articles.id', 'analytics_views.article_id').where(column, 'is not', null);
        rows = await ordered(joined.select(`${column} as key`).select(columns).groupBy(column)).execute();
      }
      break;
    case 'author': {
      const joined = base.innerJoin('article_authors', 'article_authors.article_id', 'analytics_views.article_id');
      rows = await ordered(joined.select('article_authors.user_id as key').select(columns).groupBy('article_authors.user_id')).execute();
      break;
    }
    case 'source':
      rows = await ordered(base.select(sourceOf.as('key')).select(columns).groupBy(sourceOf)).execute();
      break;
    default: {
      const column = by === 'pageKind' ? 'analytics_views.page_kind' : (`analytics_views.${by}` as const);
      rows = await ordered(base.select(`${column} as key`).select(columns).groupBy(column)).execute();
    }
  }
  return rows.map((row) => ({ key: String(row.key), ...counts(row) }));
}
