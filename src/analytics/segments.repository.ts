import type { Kysely } from 'kysely';
import type { AnalyticsViewsTable, Schema } from '../db/schema.js';

/** What a count is of besides its time and page: the page's language and kind, where the reader came from, device, country. */
export const SEGMENT_COLUMNS = ['language', 'page_kind', 'referrer', 'source', 'medium', 'campaign', 'device', 'country'] as const;
export type Segment = Pick<AnalyticsViewsTable, (typeof SEGMENT_COLUMNS)[number]>;

const CHUNK = 500;

// A beacon's labels are single lines without control characters (beacon.ts): NUL cannot occur in them.
const keyOf = (segment: Segment) => SEGMENT_COLUMNS.map((column) => segment[column]).join('\u0000');

/**
 * The id of each segment the rows have, naming those never seen before. Runs inside the
 * roll-up's transaction, which alone adds segments (one at a time: see lockRollUp).
 */
export async function segmentIds(trx: Kysely<Schema>, rows: readonly Segment[]): Promise<(segment: Segment) => number> {
  const known = new Map((await trx.selectFrom('analytics_segments').selectAll().execute()).map((segment) => [keyOf(segment), segment.id]));
  const unnamed = [...new Map(rows.filter((row) => !known.has(keyOf(row))).map((row) => [keyOf(row), row])).values()];
  for (let i = 0; i < unnamed.length; i += CHUNK) {
    const values = unnamed.slice(i, i + CHUNK).map((row) => Object.fromEntries(SEGMENT_COLUMNS.map((column) => [column, row[column]])) as Segment);
    for (const segment of await trx.insertInto('analytics_segments').values(values).returningAll().execute()) known.set(keyOf(segment), segment.id);
  }
  return (segment) => known.get(keyOf(segment))!;
}

const cached = new WeakMap<Kysely<Schema>, Map<number, Segment>>();

/**
 * Every segment by id, for reading: kept per database and read again once there are more.
 * Segments are never changed or deleted, so the same number means the same set. Call it after
 * reading the rows that name them (a roll-up adds its segments and rows in one transaction).
 */
export async function segmentsById(db: Kysely<Schema>): Promise<Map<number, Segment>> {
  const { n } = await db.selectFrom('analytics_segments').select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow();
  const known = cached.get(db);
  if (known && known.size === Number(n)) return known;
  const rows = await db.selectFrom('analytics_segments').selectAll().execute();
  const byId = new Map(rows.map(({ id, ...segment }) => [id, segment]));
  cached.set(db, byId);
  return byId;
}
