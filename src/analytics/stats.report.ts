import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { forbidden, invalidField } from '../core/errors.js';
import { instantAt, wallTime } from '../core/time-zone.js';
import { can, type Actor } from '../people/permissions.js';
import { csvLine } from '../members/csv/csv.js';
import { regionNameIn } from '../content/languages.js';
import { statsSummary, statsTop, type Counts, type SeriesPoint, type SeriesStep, type StatsFilter, type TopDimension, type TopEntry } from './stats.service.js';
import type { PeriodName } from './periods.js';
import type { StatsQuery } from './stats.schemas.js';

/**
 * The Stats screen's, the Admin API's and the CSV export's one answer: a period's totals, its
 * series and its top lists, each entry named (a story by its headline, a section by its name),
 * for what the asking person may see.
 */
export interface StatsReport {
  period: { name: PeriodName | 'custom'; from: string; to: string; step: SeriesStep; timeZone: string };
  /** Whether readers are being counted now (the site's analytics setting): off, the numbers are those counted before. */
  counting: boolean;
  /** Set for authors: the numbers are those of their own stories only. */
  scope: { authorId: number } | null;
  totals: Counts;
  series: SeriesPoint[];
  top: Record<TopList, NamedEntry[]>;
  /** With `story`: each of its language versions, most read first (the translations side by side). */
  translations: NamedEntry[] | null;
}

export interface NamedEntry extends TopEntry {
  /** A headline, a section's or a person's name, a country's name in the asker's language ('' for unknown); the key itself for sources, devices, languages. */
  name: string;
  /** For stories and translations: the language version the editor opens. */
  articleId?: number;
  /** For translations: the version's language. */
  language?: string;
}

export const TOP_LISTS = ['stories', 'sources', 'languages', 'sections', 'authors', 'devices', 'countries'] as const;
export type TopList = (typeof TOP_LISTS)[number];

const DIMENSION: Record<TopList, TopDimension> = {
  stories: 'story', sources: 'source', languages: 'language', sections: 'section', authors: 'author', devices: 'device', countries: 'country',
};

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;
const REALTIME_MINUTES = 30;
/** A period of your own may span this much at most: three years of days in one answer. */
const MAX_SPAN_DAYS = 1100;

/** The local date `days` after `date` (YYYY-MM-DD), calendar arithmetic without a clock. */
function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function midnight(date: string, timeZone: string): Date {
  return instantAt(`${date}T00:00`, timeZone);
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
// An instant must say its zone: a bare time would be read on whichever clock happened to parse it.
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

function readBound(field: 'from' | 'to', text: string, timeZone: string): Date {
  if (DATE.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) && new Date(`${text}T00:00:00Z`).toISOString().startsWith(text)) {
    // A day named as the end is included: the period runs to the next midnight.
    return midnight(field === 'to' ? addDays(text, 1) : text, timeZone);
  }
  if (INSTANT.test(text) && !Number.isNaN(Date.parse(text))) return new Date(text);
  throw invalidField(field, 'must be a date (YYYY-MM-DD) or an instant with its zone (2026-12-01T09:30:00Z)');
}

function stepFor(spanMs: number): SeriesStep {
  if (spanMs <= 2 * 60 * MINUTE_MS) return 'minute';
  if (spanMs <= 3 * DAY_MS) return 'hour';
  return 'day';
}

/** The period a query asks for, on the site's clock, and the step its series goes by. */
export function resolvePeriod(query: Pick<StatsQuery, 'period' | 'from' | 'to'>, now: number, timeZone: string): StatsReport['period'] {
  const iso = (date: Date) => date.toISOString();
  if (query.from === undefined && query.to !== undefined) throw invalidField('from', 'is needed with to');
  if (query.from !== undefined) {
    const from = readBound('from', query.from, timeZone);
    const to = query.to === undefined ? new Date(now) : readBound('to', query.to, timeZone);
    if (to.getTime() <= from.getTime()) throw invalidField('to', 'must come after from');
    if (to.getTime() - from.getTime() > MAX_SPAN_DAYS * DAY_MS) throw invalidField('from', `a period may span ${MAX_SPAN_DAYS} days at most`);
    return { name: 'custom', from: iso(from), to: iso(to), step: stepFor(to.getTime() - from.getTime()), timeZone };
  }
  const name = query.period ?? '30d';
  if (name === 'realtime') {
    const to = Math.ceil(now / MINUTE_MS) * MINUTE_MS;
    return { name, from: iso(new Date(to - REALTIME_MINUTES * MINUTE_MS)), to: iso(new Date(to)), step: 'minute', timeZone };
  }
  const today = wallTime(new Date(now), timeZone).slice(0, 10);
  const days = name === 'today' ? 1 : Number.parseInt(name, 10);
  const from = midnight(addDays(today, 1 - days), timeZone);
  return { name, from: iso(from), to: iso(new Date(now)), step: name === 'today' ? 'hour' : 'day', timeZone };
}

/**
 * The filter a person may ask for: editors and administrators any, authors only their own
 * stories (the author filter set to themselves), contributors none.
 */
export function scopedFilter(actor: Actor, filter: StatsFilter): { filter: StatsFilter; scope: StatsReport['scope'] } {
  if (can(actor, 'stats.read.any')) return { filter, scope: null };
  if (!can(actor, 'stats.read.own') || actor.userId === null) throw forbidden(`The ${actor.role} role may not see reader numbers.`);
  if (filter.authorId !== undefined && filter.authorId !== actor.userId) throw forbidden(`The ${actor.role} role may only see the numbers of its own stories.`);
  return { filter: { ...filter, authorId: actor.userId }, scope: { authorId: actor.userId } };
}

function filterOf(query: StatsQuery, period: StatsReport['period']): StatsFilter {
  return {
    from: new Date(period.from),
    to: new Date(period.to),
    ...(query.language !== undefined && { language: query.language }),
    ...(query.story !== undefined && { storyId: query.story }),
    ...(query.article !== undefined && { articleId: query.article }),
    ...(query.section !== undefined && { sectionId: query.section }),
    ...(query.author !== undefined && { authorId: query.author }),
    ...(query.source !== undefined && { source: query.source }),
    ...(query.device !== undefined && { device: query.device }),
    ...(query.country !== undefined && { country: query.country }),
  };
}

const ids = (entries: TopEntry[]) => entries.map((entry) => Number(entry.key));

/** Each story's headline, in the site's default language when it has that version, with the version's id. */
async function storyNames(db: Kysely<Schema>, storyIds: number[], defaultLanguage: string): Promise<Map<number, { title: string; articleId: number }>> {
  const rows = storyIds.length
    ? await db.selectFrom('articles').select(['id', 'story_id', 'language', 'title']).where('story_id', 'in', storyIds).orderBy('id').execute()
    : [];
  const names = new Map<number, { title: string; articleId: number }>();
  for (const row of rows) {
    if (!names.has(row.story_id) || row.language === defaultLanguage) names.set(row.story_id, { title: row.title, articleId: row.id });
  }
  return names;
}

async function sectionNames(db: Kysely<Schema>, sectionIds: number[], defaultLanguage: string): Promise<Map<number, string>> {
  const rows = sectionIds.length
    ? await db.selectFrom('section_names').select(['section_id', 'language', 'name']).where('section_id', 'in', sectionIds).execute()
    : [];
  const names = new Map<number, string>();
  for (const row of rows) if (!names.has(row.section_id) || row.language === defaultLanguage) names.set(row.section_id, row.name);
  return names;
}

async function authorNames(db: Kysely<Schema>, userIds: number[]): Promise<Map<number, string>> {
  const rows = userIds.length ? await db.selectFrom('users').select(['id', 'name']).where('id', 'in', userIds).execute() : [];
  return new Map(rows.map((row) => [row.id, row.name]));
}

async function translations(db: Kysely<Schema>, filter: StatsFilter): Promise<NamedEntry[]> {
  const entries = await statsTop(db, filter, 'article', 50);
  const rows = entries.length
    ? await db.selectFrom('articles').select(['id', 'language', 'title']).where('id', 'in', ids(entries)).execute()
    : [];
  const byId = new Map(rows.map((row) => [row.id, row]));
  return entries.map((entry) => {
    const article = byId.get(Number(entry.key));
    return { ...entry, name: article?.title ?? entry.key, articleId: Number(entry.key), language: article?.language ?? '' };
  });
}

export interface ReportContext {
  actor: Actor;
  /** The language countries are named in: the asking person's. */
  language: string;
  now: number;
  timeZone: string;
  defaultLanguage: string;
  counting: boolean;
}

/** The numbers a query asks for, as the asking person may see them. */
export async function statsReport(db: Kysely<Schema>, query: StatsQuery, context: ReportContext): Promise<StatsReport> {
  const period = resolvePeriod(query, context.now, context.timeZone);
  const { filter, scope } = scopedFilter(context.actor, filterOf(query, period));
  const limit = query.limit ?? 10;
  const { totals, series, top: lists } = await statsSummary(db, filter, {
    step: period.step, timeZone: context.timeZone, dimensions: TOP_LISTS.map((list) => DIMENSION[list]), limit,
  });
  const raw = Object.fromEntries(TOP_LISTS.map((list) => [list, lists[DIMENSION[list]]!])) as Record<TopList, TopEntry[]>;
  const [stories, sections, authors] = await Promise.all([
    storyNames(db, ids(raw.stories), context.defaultLanguage),
    sectionNames(db, ids(raw.sections), context.defaultLanguage),
    authorNames(db, ids(raw.authors)),
  ]);
  const named = (list: TopList, name: (entry: TopEntry) => string) => raw[list].map((entry) => ({ ...entry, name: name(entry) }));
  const top: StatsReport['top'] = {
    stories: raw.stories.map((entry) => {
      const story = stories.get(Number(entry.key));
      return { ...entry, name: story?.title ?? entry.key, ...(story && { articleId: story.articleId }) };
    }),
    sources: named('sources', (entry) => entry.key),
    languages: named('languages', (entry) => entry.key),
    sections: named('sections', (entry) => sections.get(Number(entry.key)) ?? entry.key),
    authors: named('authors', (entry) => authors.get(Number(entry.key)) ?? entry.key),
    devices: named('devices', (entry) => entry.key),
    countries: named('countries', (entry) => (entry.key ? regionNameIn(entry.key, context.language) : '')),
  };
  const storyFilter = query.story !== undefined ? { ...filter, storyId: query.story } : null;
  return { period, counting: context.counting, scope, totals, series, top, translations: storyFilter ? await translations(db, storyFilter) : null };
}

const CSV_HEADER = ['table', 'key', 'name', 'views', 'visitors', 'read_to_end'];

// A source is whatever a reader's link said (utm_source): a spreadsheet must not run it as a formula.
const inert = (text: string) => (/^[=+\-@\t\r]/.test(text) ? `'${text}` : text);

/**
 * The report as one table a spreadsheet opens: a row for the totals, one per step of the series
 * (keyed by the step's start) and one per entry of each top list (and of the translations).
 */
export function* statsCsv(report: StatsReport): Generator<string> {
  const row = (table: string, key: string, name: string, counts: Counts) =>
    csvLine([table, inert(key), inert(name), String(counts.views), String(counts.visitors), String(counts.reads)]);
  yield csvLine(CSV_HEADER);
  yield row('total', `${report.period.from}/${report.period.to}`, '', report.totals);
  for (const point of report.series) yield row(`by_${report.period.step}`, point.start, '', point);
  for (const list of TOP_LISTS) for (const entry of report.top[list]) yield row(list, entry.key, entry.name, entry);
  for (const entry of report.translations ?? []) yield row('translations', entry.language ?? '', entry.name, entry);
}
