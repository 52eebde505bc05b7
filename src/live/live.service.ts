/**
 * Live blogs: the rules of writing rolling coverage on a story. Plain functions over a Store;
 * the Admin API and the site call them, and every write announces itself (db/hooks.ts), so the
 * page cache drops the story's pages and readers' live connections hear of it.
 */
import type { Kysely, Updateable } from 'kysely';
import { AppError, forbidden, invalid, notFound, type FieldError } from '../core/errors.js';
import { cacheKey } from '../core/cache-keys.js';
import { announce, transact, type Store } from '../db/hooks.js';
import type { LiveEntriesTable, Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { ownedBy, refusal, type ArticleVerb } from '../content/articles.access.js';
import { articleAuthorIds, findArticleRow, isPubliclyVisible } from '../content/articles.repository.js';
import type { ArticleStatus } from '../content/articles.types.js';
import { plainText, renderBody, type BodyFormat } from '../content/body.js';
import { recognizeEmbed } from '../content/embeds.js';
import type { Actor } from '../people/permissions.js';
import { ProviderError, type MachineTranslator } from '../content/machine-translation/provider.js';
import { MachineTranslationFailed } from '../content/translations.service.js';
import * as repo from './live.repository.js';
import { RESTORE_DAYS } from './live.restore.js';
import type { LiveBlog, LiveEntry, LivePicture } from './live.types.js';

export interface EntryInput {
  body: string;
  bodyFormat?: BodyFormat;
  picture?: Partial<LivePicture> | null;
  /** The address of a post or video to show as a link card, or null/'' for none. */
  embed?: string | null;
  pinned?: boolean;
}

export type EntryPatch = Partial<EntryInput>;

/** The story an article belongs to, after checking the actor may `verb` it (who may write entries: who may publish the story). */
async function storyOf(db: Kysely<Schema>, articleId: number, actor: Actor, verb: ArticleVerb) {
  const row = await findArticleRow(db, articleId);
  if (!row || row.deleted_at) throw notFound(`Article ${articleId}`);
  const own = ownedBy(actor, row.created_by, await articleAuthorIds(db, row.id));
  const refused = refusal(actor, { own, status: row.status as ArticleStatus, trashed: false }, verb);
  if (refused) throw refused;
  return row;
}

async function openBlog(db: Kysely<Schema>, storyId: number): Promise<LiveBlog> {
  const blog = await repo.findBlog(db, storyId);
  if (!blog) throw notFound(`The live blog of story ${storyId}`);
  if (blog.archivedAt) {
    throw new AppError('CONFLICT', 'This live blog is archived: it can no longer be changed.', { details: { archivedAt: blog.archivedAt } });
  }
  return blog;
}

/**
 * Tells the cache and the live connections (live.bus.ts): an entry (`entryId`) or the blog's own
 * state changed. The story's pages in every language, and its feeds, show the blog.
 */
function changed(tx: Store, storyId: number, entryId: number | null, action: 'created' | 'updated' | 'deleted') {
  const keys = [cacheKey.story(storyId)];
  return announce(tx, entryId === null ? { entity: 'live-blog', id: storyId, action, storyId, keys } : { entity: 'live-entry', id: entryId, action, storyId, keys });
}

function isPictureUrl(value: string): boolean {
  if (value.startsWith('/') && !value.startsWith('//')) return true;
  return URL.canParse(value) && /^https?:$/.test(new URL(value).protocol);
}

/** Column values for an entry's fields, with every fault named. */
function entryColumns(input: EntryPatch) {
  const faults: FieldError[] = [];
  const columns: Updateable<LiveEntriesTable> = {};
  if (input.body !== undefined) {
    const body = renderBody(input.body, input.bodyFormat ?? 'html');
    // A picture alone in the text is something to read; empty paragraphs are not.
    if (!plainText(body) && !/<(img|picture|audio)\b/.test(body)) faults.push({ field: 'body', message: 'must not be empty' });
    columns.body = body;
  }
  if (input.picture !== undefined) {
    const picture = input.picture;
    if (picture === null) Object.assign(columns, { picture_url: null, picture_alt: '', picture_caption: '', picture_credit: '' });
    else if (!picture.url || !isPictureUrl(picture.url)) faults.push({ field: 'picture.url', message: 'must be an http(s) URL or a site path' });
    else {
      columns.picture_url = picture.url;
      columns.picture_alt = (picture.alt ?? '').trim();
      columns.picture_caption = (picture.caption ?? '').trim();
      columns.picture_credit = (picture.credit ?? '').trim();
    }
  }
  if (input.embed !== undefined) {
    const text = input.embed?.trim() ?? '';
    const embed = text ? recognizeEmbed(text) : null;
    if (text && !embed) faults.push({ field: 'embed', message: 'is not a YouTube, Vimeo, X or Mastodon address' });
    columns.embed_url = embed?.url ?? null;
  }
  if (input.pinned !== undefined) columns.pinned = input.pinned ? 1 : 0;
  if (faults.length) throw invalid(faults);
  return columns;
}

/** Makes the article's story a live blog (all its language versions), or answers the one it already is. */
export async function startLiveBlog(store: Store, articleId: number, actor: Actor): Promise<LiveBlog> {
  return transact(store, async (tx) => {
    const article = await storyOf(tx.db, articleId, actor, 'edit');
    const existing = await repo.findBlog(tx.db, article.story_id);
    if (existing) return existing;
    const now = nowIso();
    await tx.db.insertInto('live_blogs').values({ story_id: article.story_id, started_at: now, updated_at: now }).execute();
    await changed(tx, article.story_id, null, 'created');
    return (await repo.findBlog(tx.db, article.story_id))!;
  });
}

function restorableSince(now = Date.now()): string {
  return new Date(now - RESTORE_DAYS * 24 * 3600 * 1000).toISOString();
}

/**
 * The blog of an article's story and its entries in the article's language, for the editor
 * (null when not a live blog), with the entries deleted lately that may still be restored.
 */
export async function liveBlogForEditor(db: Kysely<Schema>, articleId: number) {
  const article = await findArticleRow(db, articleId);
  if (!article) throw notFound(`Article ${articleId}`);
  const blog = await repo.findBlog(db, article.story_id);
  if (!blog) return { blog: null, entries: [], deleted: [] };
  const entries = await repo.listEntries(db, article.story_id, article.language);
  const translations = await repo.translationLanguages(db, entries.map((entry) => entry.id));
  const deleted = blog.archivedAt ? [] : await repo.deletedEntries(db, article.story_id, article.language, restorableSince());
  return { blog, entries: entries.map((entry) => ({ ...entry, translations: translations.get(entry.id) ?? [] })), deleted };
}

export async function addEntry(store: Store, articleId: number, input: EntryInput, actor: Actor): Promise<LiveEntry> {
  return transact(store, async (tx) => {
    const article = await storyOf(tx.db, articleId, actor, 'publish');
    await openBlog(tx.db, article.story_id);
    const columns = entryColumns(input);
    const now = nowIso();
    const { id } = await tx.db
      .insertInto('live_entries')
      .values({
        ...columns,
        body: columns.body!,
        story_id: article.story_id,
        language: article.language,
        author_id: actor.userId,
        author_name: actor.name,
        published_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await changed(tx, article.story_id, id, 'created');
    return (await repo.findEntry(tx.db, id, article.language))!;
  });
}

async function entryOfStory(db: Kysely<Schema>, storyId: number, entryId: number, language: string): Promise<LiveEntry> {
  const entry = await repo.findEntry(db, entryId, language);
  if (!entry || entry.storyId !== storyId || entry.deletedAt) throw notFound(`Entry ${entryId} of this live blog`);
  return entry;
}

export async function updateEntry(store: Store, articleId: number, entryId: number, patch: EntryPatch, actor: Actor): Promise<LiveEntry> {
  return transact(store, async (tx) => {
    const article = await storyOf(tx.db, articleId, actor, 'publish');
    await openBlog(tx.db, article.story_id);
    const entry = await entryOfStory(tx.db, article.story_id, entryId, article.language);
    const columns = entryColumns(patch);
    // An edit through a language version changes that version's words: the original's, or its translation's.
    const { body, ...rest } = columns;
    const now = nowIso();
    if (body !== undefined && entry.originalLanguage !== article.language) {
      await upsertTranslation(tx.db, entryId, article.language, body, false, now);
      await tx.db.updateTable('live_entries').set({ ...rest, updated_at: now }).where('id', '=', entryId).execute();
    } else {
      await tx.db.updateTable('live_entries').set({ ...columns, updated_at: now }).where('id', '=', entryId).execute();
    }
    await changed(tx, article.story_id, entryId, 'updated');
    return (await repo.findEntry(tx.db, entryId, article.language))!;
  });
}

export async function deleteEntry(store: Store, articleId: number, entryId: number, actor: Actor): Promise<void> {
  await transact(store, async (tx) => {
    const article = await storyOf(tx.db, articleId, actor, 'publish');
    await openBlog(tx.db, article.story_id);
    await entryOfStory(tx.db, article.story_id, entryId, article.language);
    const now = nowIso();
    await tx.db.updateTable('live_entries').set({ deleted_at: now, updated_at: now }).where('id', '=', entryId).execute();
    await changed(tx, article.story_id, entryId, 'deleted');
  });
}

/**
 * Brings back an entry deleted within RESTORE_DAYS, where it was: it counts as changed, so
 * readers' pages get it as they get a new one. An archived blog answers 409 (it is read-only).
 */
export async function restoreEntry(store: Store, articleId: number, entryId: number, actor: Actor): Promise<LiveEntry> {
  return transact(store, async (tx) => {
    const article = await storyOf(tx.db, articleId, actor, 'publish');
    await openBlog(tx.db, article.story_id);
    const entry = await repo.findEntry(tx.db, entryId, article.language);
    if (!entry || entry.storyId !== article.story_id || !entry.deletedAt || entry.deletedAt < restorableSince()) {
      throw notFound(`Deleted entry ${entryId} of this live blog (deleted entries are kept ${RESTORE_DAYS} days)`);
    }
    await tx.db.updateTable('live_entries').set({ deleted_at: null, updated_at: nowIso() }).where('id', '=', entryId).execute();
    await changed(tx, article.story_id, entryId, 'updated');
    return (await repo.findEntry(tx.db, entryId, article.language))!;
  });
}

async function upsertTranslation(db: Kysely<Schema>, entryId: number, language: string, body: string, machine: boolean, now: string) {
  await db
    .insertInto('live_entry_translations')
    .values({ entry_id: entryId, language, body, machine_translated: machine ? 1 : 0, updated_at: now })
    .onConflict((oc) => oc.columns(['entry_id', 'language']).doUpdateSet({ body, machine_translated: machine ? 1 : 0, updated_at: now }))
    .execute();
}

/**
 * Puts an entry into the language of `articleId` (a language version of the blog's story), by a
 * person or a machine. The entry counts as changed, so readers of that language get it live.
 */
export async function translateEntry(
  store: Store,
  articleId: number,
  entryId: number,
  input: { body: string; bodyFormat?: BodyFormat; machineTranslated?: boolean },
  actor: Actor,
): Promise<LiveEntry> {
  return transact(store, async (tx) => {
    const article = await storyOf(tx.db, articleId, actor, 'publish');
    await openBlog(tx.db, article.story_id);
    const entry = await entryOfStory(tx.db, article.story_id, entryId, article.language);
    if (entry.originalLanguage === article.language) {
      throw invalid([{ field: 'body', message: `entry ${entryId} was written in ${article.language}: edit it instead` }]);
    }
    const { body } = entryColumns({ body: input.body, bodyFormat: input.bodyFormat });
    const now = nowIso();
    await upsertTranslation(tx.db, entryId, article.language, body!, input.machineTranslated ?? false, now);
    await tx.db.updateTable('live_entries').set({ updated_at: now }).where('id', '=', entryId).execute();
    await changed(tx, article.story_id, entryId, 'updated');
    return (await repo.findEntry(tx.db, entryId, article.language))!;
  });
}

export type BlogState = 'closed' | 'open' | 'archived';

/** Closes the coverage ("coverage has ended"), opens it again, or archives it for good (read-only). */
export async function setBlogState(store: Store, articleId: number, state: BlogState, actor: Actor): Promise<LiveBlog> {
  return transact(store, async (tx) => {
    const article = await storyOf(tx.db, articleId, actor, 'publish');
    const blog = await openBlog(tx.db, article.story_id);
    const now = nowIso();
    const columns =
      state === 'open'
        ? { closed_at: null }
        : state === 'closed'
          ? { closed_at: blog.closedAt ?? now }
          : { closed_at: blog.closedAt ?? now, archived_at: now };
    await tx.db.updateTable('live_blogs').set({ ...columns, updated_at: now }).where('story_id', '=', article.story_id).execute();
    await changed(tx, article.story_id, null, 'updated');
    return (await repo.findBlog(tx.db, article.story_id))!;
  });
}

/** The blog of a story as readers see it: its state and entries in `language` (null when the story is no live blog). */
export async function publicLiveBlog(db: Kysely<Schema>, storyId: number, language: string) {
  const blog = await repo.findBlog(db, storyId);
  if (!blog) return null;
  return { blog, entries: await repo.listEntries(db, storyId, language) };
}

export { findBlog as findLiveBlog, findEntry as findLiveEntry, listEntries as liveEntries, lastChange as liveBlogLastChange } from './live.repository.js';

/** The story and language of a published article whose story is a live blog: what a reader's live connection follows. */
export async function liveArticle(db: Kysely<Schema>, articleId: number): Promise<{ storyId: number; language: string } | null> {
  const row = await db
    .selectFrom('articles')
    .innerJoin('live_blogs', 'live_blogs.story_id', 'articles.story_id')
    .select(['articles.story_id', 'articles.language', 'articles.status', 'articles.deleted_at'])
    .where('articles.id', '=', articleId)
    .executeTakeFirst();
  if (!row || !isPubliclyVisible(row)) return null;
  return { storyId: row.story_id, language: row.language };
}

/** A margin for catching up: a change is stamped before its transaction commits, so one may land a little after a later one. */
const CATCH_UP_MARGIN_MS = 5000;

/** The entries of a story changed since `cursor` (deleted ones included), for a reader catching up. */
export function liveChangesSince(db: Kysely<Schema>, storyId: number, language: string, cursor: string) {
  const since = new Date(Date.parse(cursor) - CATCH_UP_MARGIN_MS).toISOString();
  return repo.listEntries(db, storyId, language, { changedSince: since, limit: 200 });
}

/**
 * Machine-translates an entry into the language of `articleId`, marked as a machine's work. The
 * provider is asked before the write (a network call holds no transaction open); what it says is
 * sanitized as every body is.
 */
export async function machineTranslateEntry(store: Store, articleId: number, entryId: number, translator: MachineTranslator, actor: Actor): Promise<LiveEntry> {
  const article = await storyOf(store.db, articleId, actor, 'publish');
  await openBlog(store.db, article.story_id);
  const written = await entryOfStory(store.db, article.story_id, entryId, article.language);
  const original = (await repo.findEntry(store.db, entryId, written.originalLanguage))!;
  if (original.language === article.language) {
    throw invalid([{ field: 'entryId', message: `entry ${entryId} was written in ${article.language}: there is nothing to translate` }]);
  }
  let body: string;
  try {
    [body] = await translator.translate([original.body], { from: original.language, to: article.language, format: 'html' });
  } catch (error) {
    if (error instanceof ProviderError) throw new MachineTranslationFailed(error, actor);
    throw error;
  }
  return translateEntry(store, articleId, entryId, { body, machineTranslated: true }, actor);
}
