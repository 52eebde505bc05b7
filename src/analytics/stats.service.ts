import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { zoneOffsetMinutes } from '../core/time-zone.js';
import { MINUTE_MS, minuteOf } from './rollup.service.js';
import type { Segment } from './segments.repository.js';
import { eachCount, sourceOf, type StatsFilter } from './stats.counts.js';

/**
 * What editors ask of the counts, shared by the Stats screen, the Admin API and CSV export:
 * totals, a series and top lists, added up from every count the filter selects (stats.counts.ts).
 */
export type { StatsFilter };

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

export type SeriesStep = 'minute' | 'hour' | 'day';

export interface SeriesPoint extends Counts {
  /** The bucket's start (ISO 8601, UTC); hours and days begin on the site's clock. */
  start: string;
}

export type TopDimension =
  | 'article' | 'story' | 'language' | 'section' | 'author' | 'source' | 'referrer' | 'medium' | 'campaign' | 'device' | 'country' | 'pageKind';

export interface TopEntry extends Counts {
  /** The article, story, section or author id as text, or the value itself ('' for none: direct, unknown). */
  key: string;
}

type PageDimension = 'article' | 'story' | 'section' | 'author';
type SegmentDimension = Exclude<TopDimension, PageDimension>;
const PAGE_DIMENSIONS: readonly TopDimension[] = ['article', 'story', 'section', 'author'];

const SEGMENT_KEY: Record<SegmentDimension, (segment: Segment) => string> = {
  language: (segment) => segment.language,
  source: sourceOf,
  referrer: (segment) => segment.referrer,
  medium: (segment) => segment.medium,
  campaign: (segment) => segment.campaign,
  device: (segment) => segment.device,
  country: (segment) => segment.country,
  pageKind: (segment) => segment.page_kind,
};

const zero = (): Counts => ({ views: 0, visitors: 0, reads: 0 });

function addInto<K>(map: Map<K, Counts>, key: K, views: number, visitors: number, reads: number): void {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = zero()));
  counts.views += views;
  counts.visitors += visitors;
  counts.reads += reads;
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
 * first. Hours and days follow the site's time zone; counts already rolled up into UTC days
 * count in the local day their UTC day starts in.
 */
function seriesOf(byMinute: Map<number, Counts>, filter: StatsFilter, step: SeriesStep, timeZone: string): SeriesPoint[] {
  const byStart = new Map<number, Counts>();
  const first = stepStart(minuteOf(filter.from.getTime()), step, timeZone);
  const end = Math.ceil(filter.to.getTime() / MINUTE_MS);
  // A local day is 23 to 25 hours long: two hours past a day's length always lands in the next one.
  const next = (start: number) => stepStart(start + STEP_MINUTES[step] + (step === 'day' ? 120 : 0), step, timeZone);
  for (let start = first; start < end; start = next(start)) byStart.set(start, zero());
  for (const [minute, counts] of byMinute) {
    const point = byStart.get(stepStart(minute, step, timeZone));
    if (!point) continue;
    point.views += counts.views;
    point.visitors += counts.visitors;
    point.reads += counts.reads;
  }
  return [...byStart].map(([start, point]) => ({ start: new Date(start * MINUTE_MS).toISOString(), ...point }));
}

const CHUNK = 500;

/** Each article's stories, sections or authors (a story with two authors counts for each). */
async function pageGroups(db: Kysely<Schema>, articleIds: number[], by: Exclude<PageDimension, 'article'>): Promise<[number, number][]> {
  const pairs: [number, number][] = [];
  for (let i = 0; i < articleIds.length; i += CHUNK) {
    const ids = articleIds.slice(i, i + CHUNK);
    const rows =
      by === 'author'
        ? await db.selectFrom('article_authors').select(['article_id as article', 'user_id as key']).where('article_id', 'in', ids).execute()
        : await db
            .selectFrom('articles')
            .select(['id as article', `${by === 'story' ? 'story_id' : 'section_id'} as key`])
            .where('id', 'in', ids)
            .where(by === 'story' ? 'story_id' : 'section_id', 'is not', null)
            .execute();
    for (const row of rows) pairs.push([row.article, Number(row.key)]);
  }
  return pairs;
}

function leading(entries: Iterable<[number | string, Counts]>, limit: number): TopEntry[] {
  return [...entries]
    .sort(([keyA, a], [keyB, b]) => b.views - a.views || (keyA < keyB ? -1 : keyA > keyB ? 1 : 0))
    .slice(0, limit)
    .map(([key, counts]) => ({ key: String(key), ...counts }));
}

async function topOf(db: Kysely<Schema>, by: TopDimension, byArticle: Map<number, Counts>, bySegment: Map<SegmentDimension, Map<string, Counts>>, limit: number): Promise<TopEntry[]> {
  if (by === 'article') return leading([...byArticle].filter(([article]) => article !== 0), limit);
  if (by === 'story' || by === 'section' || by === 'author') {
    const byKey = new Map<number, Counts>();
    for (const [article, key] of await pageGroups(db, [...byArticle.keys()].filter((article) => article !== 0), by)) {
      const counts = byArticle.get(article)!;
      addInto(byKey, key, counts.views, counts.visitors, counts.reads);
    }
    return leading(byKey, limit);
  }
  return leading(bySegment.get(by)!, limit);
}

export interface StatsSummary {
  totals: Counts;
  series: SeriesPoint[];
  /** The leading values of each dimension asked for, most viewed first. */
  top: Partial<Record<TopDimension, TopEntry[]>>;
}

/**
 * The period's totals, its series by `step` and the leading `limit` values of each dimension,
 * from one reading of the counts. Stories, sections and authors come from the articles the views
 * were of.
 */
export async function statsSummary(
  db: Kysely<Schema>,
  filter: StatsFilter,
  ask: { step?: SeriesStep; timeZone?: string; dimensions?: readonly TopDimension[]; limit?: number },
): Promise<StatsSummary> {
  const dimensions = ask.dimensions ?? [];
  const totals = zero();
  const byMinute = new Map<number, Counts>();
  const byArticle = new Map<number, Counts>();
  const segmentDimensions = dimensions.filter((by): by is SegmentDimension => !PAGE_DIMENSIONS.includes(by));
  // Added up by segment first: a packed day's segments are shared objects, so a year's millions of
  // counts cost one map update each, and only the few thousand segments are then named by dimension.
  const bySegmentObject = new Map<Segment, Counts>();
  const byPage = dimensions.some((by) => PAGE_DIMENSIONS.includes(by));
  await eachCount(db, filter, (minute, article, segment, views, visitors, reads) => {
    totals.views += views;
    totals.visitors += visitors;
    totals.reads += reads;
    if (ask.step) addInto(byMinute, minute, views, visitors, reads);
    if (byPage) addInto(byArticle, article, views, visitors, reads);
    if (segmentDimensions.length) addInto(bySegmentObject, segment, views, visitors, reads);
  });
  const bySegment = new Map(segmentDimensions.map((by) => [by, new Map<string, Counts>()]));
  for (const [segment, counts] of bySegmentObject) {
    for (const [by, map] of bySegment) addInto(map, SEGMENT_KEY[by](segment), counts.views, counts.visitors, counts.reads);
  }
  const top: StatsSummary['top'] = {};
  for (const by of dimensions) top[by] = await topOf(db, by, byArticle, bySegment, ask.limit ?? 10);
  return { totals, series: ask.step ? seriesOf(byMinute, filter, ask.step, ask.timeZone ?? 'UTC') : [], top };
}

/** The period's totals. */
export async function statsTotals(db: Kysely<Schema>, filter: StatsFilter): Promise<Counts> {
  return (await statsSummary(db, filter, {})).totals;
}

/** The period's counts step by step (see seriesOf). */
export async function statsSeries(db: Kysely<Schema>, filter: StatsFilter, step: SeriesStep, timeZone = 'UTC'): Promise<SeriesPoint[]> {
  return (await statsSummary(db, filter, { step, timeZone })).series;
}

/** The period's leading values of one dimension, most viewed first. */
export async function statsTop(db: Kysely<Schema>, filter: StatsFilter, by: TopDimension, limit = 10): Promise<TopEntry[]> {
  return (await statsSummary(db, filter, { dimensions: [by], limit })).top[by]!;
}
