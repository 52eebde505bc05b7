import type { Kysely, Selectable } from 'kysely';
import type { LiveBlogsTable, LiveEntriesTable, Schema } from '../db/schema.js';
import type { LiveBlog, LiveEntry } from './live.types.js';

/** Kysely queries of live blogs and their entries; the rules are in live.service.ts. */

type BlogRow = Selectable<LiveBlogsTable>;
type EntryRow = Selectable<LiveEntriesTable> & {
  translated_body: string | null;
  translated_by_machine: number | null;
};

export function toBlog(row: BlogRow): LiveBlog {
  return { storyId: row.story_id, startedAt: row.started_at, closedAt: row.closed_at, archivedAt: row.archived_at, updatedAt: row.updated_at };
}

function toEntry(row: EntryRow): LiveEntry {
  const translated = row.translated_body !== null;
  return {
    id: row.id,
    storyId: row.story_id,
    language: translated ? '' : row.language,
    originalLanguage: row.language,
    translated,
    machineTranslated: translated && row.translated_by_machine === 1,
    author: { id: row.author_id, name: row.author_name },
    body: row.translated_body ?? row.body,
    picture: row.picture_url
      ? { url: row.picture_url, alt: row.picture_alt, caption: row.picture_caption, credit: row.picture_credit }
      : null,
    embedUrl: row.embed_url,
    pinned: row.pinned === 1,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
    deletedAt: row.deleted_at,
  };
}

export async function findBlog(db: Kysely<Schema>, storyId: number): Promise<LiveBlog | null> {
  const row = await db.selectFrom('live_blogs').selectAll().where('story_id', '=', storyId).executeTakeFirst();
  return row ? toBlog(row) : null;
}

/** The entries of a story as read in `language`, pinned first, then newest first. */
function entryRows(db: Kysely<Schema>, language: string) {
  return db
    .selectFrom('live_entries')
    .leftJoin('live_entry_translations as tr', (join) =>
      join.onRef('tr.entry_id', '=', 'live_entries.id').on('tr.language', '=', language),
    )
    .selectAll('live_entries')
    .select(['tr.body as translated_body', 'tr.machine_translated as translated_by_machine'])
    .orderBy('live_entries.pinned', 'desc')
    .orderBy('live_entries.published_at', 'desc')
    .orderBy('live_entries.id', 'desc');
}

function inLanguage(entry: LiveEntry, language: string): LiveEntry {
  return entry.translated ? { ...entry, language } : entry;
}

export interface EntryQuery {
  /** Only entries changed (written, edited, pinned, deleted) after this time, deleted ones included. */
  changedSince?: string;
  limit?: number;
}

export async function listEntries(db: Kysely<Schema>, storyId: number, language: string, query: EntryQuery = {}): Promise<LiveEntry[]> {
  let select = entryRows(db, language).where('live_entries.story_id', '=', storyId);
  select = query.changedSince
    ? select.where('live_entries.updated_at', '>=', query.changedSince)
    : select.where('live_entries.deleted_at', 'is', null);
  if (query.limit) select = select.limit(query.limit);
  const rows = await select.execute();
  return rows.map((row) => inLanguage(toEntry(row), language));
}

/** The entries of a story deleted since `since`, newest deletion first: those an editor may still restore. */
export async function deletedEntries(db: Kysely<Schema>, storyId: number, language: string, since: string): Promise<LiveEntry[]> {
  const rows = await entryRows(db, language)
    .where('live_entries.story_id', '=', storyId)
    .where('live_entries.deleted_at', '>=', since)
    .clearOrderBy()
    .orderBy('live_entries.deleted_at', 'desc')
    .orderBy('live_entries.id', 'desc')
    .execute();
  return rows.map((row) => inLanguage(toEntry(row), language));
}

export async function findEntry(db: Kysely<Schema>, id: number, language: string): Promise<LiveEntry | null> {
  const row = await entryRows(db, language).where('live_entries.id', '=', id).executeTakeFirst();
  return row ? inLanguage(toEntry(row), language) : null;
}

/** The languages each entry has a translation in (the editor shows which are missing). */
export async function translationLanguages(db: Kysely<Schema>, entryIds: number[]): Promise<Map<number, string[]>> {
  const found = new Map<number, string[]>();
  if (entryIds.length === 0) return found;
  const rows = await db.selectFrom('live_entry_translations').select(['entry_id', 'language']).where('entry_id', 'in', entryIds).execute();
  for (const row of rows) found.set(row.entry_id, [...(found.get(row.entry_id) ?? []), row.language]);
  return found;
}

/** The newest time anything of the blog changed: the page's "updated" and the feeds' date. */
export async function lastChange(db: Kysely<Schema>, storyId: number): Promise<string | null> {
  const row = await db
    .selectFrom('live_entries')
    .select((eb) => eb.fn.max('updated_at').as('at'))
    .where('story_id', '=', storyId)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}
