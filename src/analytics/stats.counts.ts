import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Schema } from '../db/schema.js';
import { DAY, HOUR, readDayCounts } from './day-counts.js';
import { MINUTE_MS, minuteOf } from './rollup.service.js';
import { segmentsById, type Segment } from './segments.repository.js';

/**
 * Which counts editors ask for. A period is `[from, to)`; a day's counts are kept by the minute
 * for two days, then by the hour (UTC) and after 90 days as one bucket per UTC day, so a period
 * cut inside such a bucket counts the whole bucket when its first minute is inside.
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

/** The source as reported: utm_source (or a newsletter/fediverse mark), else the referrer's host. */
export const sourceOf = (segment: Segment): string => segment.source || segment.referrer;

/**
 * Unique visitors are per page with a story, section or author in the filter (a reader of two of
 * the section's stories counts on each), otherwise for the site.
 */
function pageScoped(filter: StatsFilter): boolean {
  return filter.articleId !== undefined || filter.storyId !== undefined || filter.sectionId !== undefined || filter.authorId !== undefined;
}

function pageConditions(db: Kysely<Schema>, filter: StatsFilter): RawBuilder<SqlBool>[] {
  const conditions: RawBuilder<SqlBool>[] = [];
  if (filter.articleId !== undefined) conditions.push(sql`article_id = ${filter.articleId}`);
  if (filter.storyId !== undefined) conditions.push(sql`article_id in (${db.selectFrom('articles').select('id').where('story_id', '=', filter.storyId)})`);
  if (filter.sectionId !== undefined) conditions.push(sql`article_id in (${db.selectFrom('articles').select('id').where('section_id', '=', filter.sectionId)})`);
  if (filter.authorId !== undefined) {
    conditions.push(sql`article_id in (${db.selectFrom('article_authors').select('article_id').where('user_id', '=', filter.authorId)})`);
  }
  return conditions;
}

function segmentFilter(filter: StatsFilter): (segment: Segment) => boolean {
  return (segment) =>
    (filter.language === undefined || segment.language === filter.language) &&
    (filter.source === undefined || sourceOf(segment) === filter.source) &&
    (filter.device === undefined || segment.device === filter.device) &&
    (filter.country === undefined || segment.country === filter.country);
}

/** One bucket's counts of a page and segment; `visitors` are those the filter asks for. */
export type CountVisitor = (minute: number, articleId: number, segment: Segment, views: number, visitors: number, reads: number) => void;

// Past days are read this many at a time: a year at once would hold all of its bytes in memory.
const DAYS_PER_READ = 16;

/** Hands every count the filter selects to `visit`, from the minute rows and the packed days alike. */
export async function eachCount(db: Kysely<Schema>, filter: StatsFilter, visit: CountVisitor): Promise<void> {
  const from = minuteOf(filter.from.getTime());
  const to = Math.ceil(filter.to.getTime() / MINUTE_MS);
  if (to <= from) return;
  const pages = pageConditions(db, filter);
  const wanted = segmentFilter(filter);
  const pageVisitors = pageScoped(filter);

  let recent = db.selectFrom('analytics_views').selectAll().where('minute', '>=', from).where('minute', '<', to);
  for (const condition of pages) recent = recent.where(condition);
  for (const row of await recent.execute()) {
    if (wanted(row)) visit(row.minute, row.article_id, row, row.views, pageVisitors ? row.visitors : row.site_visitors, row.reads);
  }

  const lastDay = Math.floor((to - 1) / DAY);
  for (let first = Math.floor(from / DAY); first <= lastDay; first += DAYS_PER_READ) {
    let query = db.selectFrom('analytics_days').select(['day', 'article_id', 'counts']).where('day', '>=', first).where('day', '<=', Math.min(lastDay, first + DAYS_PER_READ - 1));
    for (const condition of pages) query = query.where(condition);
    const rows = await query.execute();
    if (rows.length === 0) continue;
    const segments = await segmentsById(db);
    // Each segment id once: the segment when the filter wants it, else null.
    const selected = new Map<number, Segment | null>();
    for (const row of rows) {
      const start = row.day * DAY;
      readDayCounts(row.counts, (hour, id, views, visitors, siteVisitors, reads) => {
        const minute = start + hour * HOUR;
        if (minute < from || minute >= to) return;
        let segment = selected.get(id);
        if (segment === undefined) {
          const named = segments.get(id);
          if (!named) throw new Error(`analytics day ${row.day} of page ${row.article_id} names segment ${id}, which does not exist`);
          selected.set(id, (segment = wanted(named) ? named : null));
        }
        if (segment) visit(minute, row.article_id, segment, views, pageVisitors ? visitors : siteVisitors, reads);
      });
    }
  }
}
