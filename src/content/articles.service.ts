/**
 * Stories and their language versions: the rules of writing, translating and publishing.
 * Plain functions over a Store; no HTTP. The Admin API, the site and the CLI all call these.
 */
import type { Kysely } from 'kysely';
import { announce, transact, type Store, type WriteEvent } from '../db/hooks.js';
import type { ArticleRow, ArticleRowUpdate, Schema } from '../db/schema.js';
import { nowIso, toIso } from '../db/time.js';
import { AppError, forbidden, invalid, notFound, requiredField, type FieldError } from '../core/errors.js';
import { assertCan, can, type Actor } from '../people/permissions.js';
import { ownedBy, refusal, type ArticleVerb } from './articles.access.js';
import { articleCacheKeys } from '../cache/article-keys.js';
import { getSettings } from '../settings/settings.service.js';
import { checkFields, columnsFor, throwIfFaults } from './articles.fields.js';
import * as repo from './articles.repository.js';
import type { Article, ArticleKind, ArticlePatch, ArticleStatus, Audience, NewArticle } from './articles.types.js';
import { canonicalLanguage } from './languages.js';
import { existingSection } from './sections.service.js';
import { slugOr, slugify, uniqueArticleSlug } from './slugs.js';
import { ensureTags } from './tags.service.js';
import { sourceOf } from './translation-state.js';
import { replaceCredits, resolveCredits, resolvePeople, type CreditsInput } from './credits.service.js';
import { activeEmbargo, momentColumns } from './moments.js';

/** Runs a write in one transaction; what it announces is heard once it commits (db/hooks.ts). */
function write<T>(store: Store, work: (trx: Kysely<Schema>, emit: (e: WriteEvent) => Promise<void>, tx: Store) => Promise<T>) {
  return transact(store, (tx) => work(tx.db, (event) => announce(tx, event), tx));
}

/**
 * What changed, with the cache keys of the article as stored now plus `before` (its keys
 * before the change): read inside the transaction, so the page cache drops both the tag page
 * a story left and the one it joined.
 */
async function event(
  trx: Kysely<Schema>,
  row: Pick<ArticleRow, 'id' | 'language' | 'story_id'>,
  action: WriteEvent['action'],
  before: string[] = [],
): Promise<WriteEvent> {
  const keys = [...new Set([...before, ...(await articleCacheKeys(trx, row.id))])];
  return { entity: 'article', id: row.id, action, language: row.language, storyId: row.story_id, keys };
}

/** Refuses with the rule the Admin API reports as `allowed` (articles.access.ts). */
async function assertMay(db: Kysely<Schema>, row: ArticleRow, actor: Actor, verb: ArticleVerb) {
  // Editors need no look-up of the authors.
  if (can(actor, `articles.${verb}.any`)) return;
  const own = ownedBy(actor, row.created_by, await repo.articleAuthorIds(db, row.id));
  const refused = refusal(actor, { own, status: row.status as ArticleStatus, trashed: row.deleted_at !== null }, verb);
  if (refused) throw refused;
}

/** A draft's review ends when an editor publishes or schedules it: the approval. */
const NO_REVIEW = {
  review_submitted_at: null,
  review_submitted_by: null,
  review_submitted_name: null,
  review_returned_at: null,
  review_returned_by: null,
  review_returned_name: null,
  review_note: null,
} as const;

/** The status, publishAt and publishedAt columns for a requested status (a public or scheduled one ends a review). */
function statusColumns(
  status: ArticleStatus,
  input: { publishAt?: string | null; publishedAt?: string },
  current: ArticleRow | undefined,
  now: string,
  faults: FieldError[],
) {
  if (status === 'scheduled') {
    const publishAt = input.publishAt ?? current?.publish_at;
    if (!publishAt) faults.push(requiredField('publishAt', 'is required to schedule a story'));
    else if (Date.parse(publishAt) <= Date.parse(now)) faults.push({ field: 'publishAt', message: 'must be in the future' });
    return { status, publish_at: publishAt ? toIso(publishAt) : null, published_at: current?.published_at ?? null, ...NO_REVIEW };
  }
  if (status === 'published') {
    const publishedAt = input.publishedAt ? toIso(input.publishedAt) : (current?.published_at ?? now);
    return { status, publish_at: null, published_at: publishedAt, ...NO_REVIEW };
  }
  return { status, publish_at: null, published_at: current?.published_at ?? null };
}

async function resolveAuthors(db: Kysely<Schema>, refs: Array<number | string> | undefined, actor: Actor) {
  if (refs === undefined) return actor.userId ? [actor.userId] : [];
  const faults: FieldError[] = [];
  const ids = await resolvePeople(db, refs, 'authors', faults);
  throwIfFaults(faults);
  return ids;
}

/** Writes the credits given (every fault named before anything is written). */
async function writeCredits(db: Kysely<Schema>, articleId: number, input: CreditsInput | undefined) {
  if (input === undefined) return;
  const faults: FieldError[] = [];
  const credits = await resolveCredits(db, input, faults);
  throwIfFaults(faults);
  await replaceCredits(db, articleId, credits);
}

async function writeRevision(db: Kysely<Schema>, articleId: number, actor: Actor, baseUrl: string) {
  const [article] = await repo.loadArticles(db, [articleId], baseUrl, 'admin');
  await repo.insertRevision(db, {
    articleId,
    version: article.version,
    snapshot: repo.revisionSnapshot(article),
    actor: actor.principal,
    createdAt: article.updatedAt,
  });
}

export async function getArticle(db: Kysely<Schema>, id: number, baseUrl: string, audience: Audience = 'admin'): Promise<Article> {
  const [article] = await repo.loadArticles(db, [id], baseUrl, audience);
  if (!article || (audience === 'public' && !repo.isPubliclyVisible({ status: article.status, deleted_at: article.deletedAt }))) {
    throw notFound(`Article ${id}`);
  }
  return article;
}

export async function createArticle(store: Store, input: NewArticle, actor: Actor, baseUrl: string): Promise<Article> {
  assertCan(actor, 'articles.create');
  const status = input.status ?? 'draft';
  if (status !== 'draft' && !can(actor, 'articles.publish.own')) {
    throw forbidden(`The ${actor.role} role may not publish or schedule stories.`, { role: actor.role, reason: 'role', verb: 'publish' });
  }
  const id = await write(store, async (trx, emit, tx) => {
    const settings = await getSettings(trx);
    const faults: FieldError[] = [];
    const language = canonicalLanguage(input.language);
    if (!language) faults.push({ field: 'language', message: `"${input.language}" is not a BCP 47 language tag` });
    else if (!settings.languages.includes(language)) {
      faults.push({ field: 'language', message: `"${language}" is not one of the site's languages (${settings.languages.join(', ')})` });
    }
    await checkFields(trx, input, faults);
    let storyId: number | undefined;
    let kind = input.kind ?? 'story';
    if (input.translationOf !== undefined) {
      const original = await repo.findArticleRow(trx, input.translationOf);
      if (!original) faults.push({ field: 'translationOf', message: `article ${input.translationOf} does not exist` });
      else if (input.kind !== undefined && input.kind !== original.kind) {
        faults.push({ field: 'kind', message: `a language version of article ${original.id} is a ${original.kind} as it is` });
      } else if (language) {
        kind = original.kind as ArticleKind;
        const clash = await trx
          .selectFrom('articles')
          .select(['id', 'deleted_at'])
          .where('story_id', '=', original.story_id)
          .where('language', '=', language)
          .executeTakeFirst();
        // A version in the trash still holds its language: say where it is, not only that it exists.
        if (clash?.deleted_at) {
          const where = `is in the trash (article ${clash.id}): restore it, or delete it for good to start a new one`;
          throw new AppError('CONFLICT', `The story's ${language} version ${where}.`, { fields: [{ field: 'language', message: where }] });
        }
        if (clash) faults.push({ field: 'language', message: `the story already has a ${language} version (article ${clash.id})` });
        storyId = original.story_id;
      }
    }
    const now = nowIso();
    const statusCols = momentColumns(input, undefined, statusColumns(status, input, undefined, now, faults), now, faults);
    throwIfFaults(faults);
    const lang = language!;
    if (input.slug !== undefined) await assertSlugFree(trx, lang, slugOr(input.slug, ''), undefined);
    const slug = await uniqueArticleSlug(trx, lang, slugOr(input.slug ?? input.title, 'story'));
    const translatedFrom = input.translatedFrom ?? input.translationOf ?? null;
    const source = storyId === undefined ? null : sourceOf(await repo.storyVersionRows(trx, [storyId]), { id: null, translated_from_id: translatedFrom });
    storyId ??= (await trx.insertInto('stories').values({ created_at: now }).returning('id').executeTakeFirstOrThrow()).id;
    const articleId = await repo.insertArticleRow(trx, {
      ...columnsFor({ standfirst: '', body: '', ...input }),
      title: input.title.trim(),
      story_id: storyId,
      // A story is the column's default: written only for a page.
      ...(kind === 'page' ? { kind } : {}),
      language: lang,
      slug,
      section_id: input.section != null ? await existingSection(trx, input.section) : null,
      translated_from_id: translatedFrom,
      // A translation written through the API is as its writer made it from the source as it is now.
      source_version: source?.version ?? null,
      translation_in_progress: input.translationInProgress ? 1 : 0,
      ...statusCols,
      status: statusCols.status ?? status,
      created_at: now,
      updated_at: now,
      version: 1,
      created_by: actor.principal,
    });
    const tags = await ensureTags(tx, lang, input.tags ?? []);
    await repo.replaceArticleTags(trx, articleId, tags.map((t) => t.id));
    await repo.replaceArticleAuthors(trx, articleId, await resolveAuthors(trx, input.authors, actor));
    await writeCredits(trx, articleId, input.credits);
    await writeRevision(trx, articleId, actor, baseUrl);
    const row = (await repo.findArticleRow(trx, articleId))!;
    await emit(await event(trx, row, 'created'));
    if (row.status === 'published') await emit(await event(trx, row, 'published'));
    return articleId;
  });
  return getArticle(store.db, id, baseUrl);
}

async function assertSlugFree(db: Kysely<Schema>, language: string, slug: string, exceptId: number | undefined) {
  if (!slug) throw invalid([{ field: 'slug', message: 'must contain at least one letter or digit' }]);
  const free = await uniqueArticleSlug(db, language, slug, exceptId);
  if (free !== slug) {
    throw new AppError('CONFLICT', `The slug "${slug}" is already used in ${language}.`, {
      fields: [{ field: 'slug', message: `is already used in ${language}; "${free}" is free` }],
    });
  }
}

async function loadForWrite(db: Kysely<Schema>, id: number): Promise<ArticleRow> {
  const row = await repo.findArticleRow(db, id);
  if (!row) throw notFound(`Article ${id}`);
  return row;
}

function staleVersion(row: ArticleRow, expected: number): AppError {
  return new AppError(
    'VERSION_CONFLICT',
    `Article ${row.id} was changed (version ${row.version}, you edited version ${expected}); reload it or send version ${row.version} to overwrite.`,
    { details: { currentVersion: row.version, updatedAt: row.updated_at } },
  );
}

const WORDS = ['title', 'standfirst', 'body'] as const;

/**
 * What an edit does to the translation state (translation-state.ts). Changed words are a new
 * words version; in a translation they are a person's work, brought up to date with its source
 * as it stands now, so the translation is no longer in progress nor outdated. Linking it to
 * another source says the same. Publishing ends "in progress" too: a person approved the text.
 */
async function translationColumns(
  trx: Kysely<Schema>,
  current: ArticleRow,
  columns: ArticleRowUpdate,
  nextVersion: number,
  wordsChanged = WORDS.some((key) => columns[key] !== undefined && columns[key] !== current[key]),
): Promise<ArticleRowUpdate> {
  const relinked = columns.translated_from_id !== undefined && columns.translated_from_id !== current.translated_from_id;
  const changes: ArticleRowUpdate = {};
  if (wordsChanged) changes.words_version = nextVersion;
  if (wordsChanged || columns.status === 'published') changes.translation_in_progress = 0;
  if (wordsChanged || relinked) {
    const versions = await repo.storyVersionRows(trx, [current.story_id]);
    changes.source_version = sourceOf(versions, { id: current.id, translated_from_id: columns.translated_from_id ?? current.translated_from_id })?.version ?? null;
  }
  return changes;
}

export async function updateArticle(store: Store, id: number, patch: ArticlePatch, actor: Actor, baseUrl: string): Promise<Article> {
  await write(store, async (trx, emit, tx) => {
    const current = await loadForWrite(trx, id);
    await assertMay(trx, current, actor, 'edit');
    if (current.version !== patch.version) throw staleVersion(current, patch.version);
    const before = await articleCacheKeys(trx, id);
    const statusChanges = patch.status !== undefined && patch.status !== current.status;
    if (statusChanges && patch.status !== 'draft') await assertMay(trx, current, actor, 'publish');
    if (statusChanges && current.status === 'published') await assertMay(trx, current, actor, 'publish');
    const faults: FieldError[] = [];
    await checkFields(trx, patch, faults);
    const now = nowIso();
    const statusCols = momentColumns(
      patch,
      current,
      patch.status !== undefined || patch.publishAt !== undefined || patch.publishedAt !== undefined
        ? statusColumns(patch.status ?? (current.status as ArticleStatus), patch, current, now, faults)
        : {},
      now,
      faults,
    );
    throwIfFaults(faults);
    // Once a story is scheduled or out, its embargo and expiry decide what readers see: the publisher's say.
    const moments = (['embargo_until', 'expires_at', 'expiry'] as const).some((c) => statusCols[c] !== undefined && statusCols[c] !== current[c]);
    if ((moments && current.status !== 'draft') || (statusCols.status !== undefined && statusCols.status !== current.status)) {
      await assertMay(trx, current, actor, 'publish');
    }
    const columns = { ...columnsFor(patch, current), ...statusCols, updated_at: now };
    if (patch.slug !== undefined) {
      const slug = slugify(patch.slug);
      if (slug !== current.slug) {
        await assertSlugFree(trx, current.language, slug, id);
        columns.slug = slug;
        // A published URL keeps working: the old slug answers with a redirect to the new one.
        if (current.status === 'published' || current.published_at) {
          await trx
            .insertInto('slug_redirects')
            .values({ language: current.language, slug: current.slug, article_id: id })
            .onConflict((oc) => oc.columns(['language', 'slug']).doUpdateSet({ article_id: id }))
            .execute();
        }
        await trx.deleteFrom('slug_redirects').where('language', '=', current.language).where('slug', '=', slug).execute();
      }
    }
    if (patch.section !== undefined) {
      columns.section_id = patch.section === null ? null : await existingSection(trx, patch.section);
    }
    if (patch.translatedFrom !== undefined) columns.translated_from_id = patch.translatedFrom;
    Object.assign(columns, await translationColumns(trx, current, columns, patch.version + 1));
    if (!(await repo.updateArticleRowAtVersion(trx, id, patch.version, columns))) {
      throw staleVersion((await repo.findArticleRow(trx, id))!, patch.version);
    }
    if (patch.tags !== undefined) {
      const tags = await ensureTags(tx, current.language, patch.tags);
      await repo.replaceArticleTags(trx, id, tags.map((t) => t.id));
    }
    if (patch.authors !== undefined) {
      await repo.replaceArticleAuthors(trx, id, await resolveAuthors(trx, patch.authors, actor));
    }
    await writeCredits(trx, id, patch.credits);
    await writeRevision(trx, id, actor, baseUrl);
    await emit(await event(trx, current, 'updated', before));
    // What the story became, which an embargo or an expiry may make other than what was asked.
    const status = columns.status ?? current.status;
    if (status === 'published' && current.status !== 'published') await emit(await event(trx, current, 'published', before));
    if (status !== 'published' && current.status === 'published') await emit(await event(trx, current, 'unpublished', before));
  });
  return getArticle(store.db, id, baseUrl);
}

/**
 * A change to what readers read of a published story that is not one of its fields: its
 * correction and update notes (corrections.service.ts). `work` writes the notes; then the
 * version is a new one whose words changed, as an edit's do: the story's translations become
 * outdated until they carry the note over, a translation is brought up to date with its source,
 * a revision keeps it, and the pages showing the story are dropped from the caches. Answers the
 * story as stored after the change.
 */
export async function reviseNotes(
  store: Store,
  id: number,
  actor: Actor,
  baseUrl: string,
  work: (trx: Kysely<Schema>, row: ArticleRow, now: string) => Promise<void>,
): Promise<Article> {
  await write(store, async (trx, emit) => {
    const current = await loadForWrite(trx, id);
    await assertMay(trx, current, actor, 'edit');
    if (!repo.isPubliclyVisible(current)) {
      throw new AppError('CONFLICT', 'Only a published story takes correction and update notes: publish it first, or change its text.');
    }
    const before = await articleCacheKeys(trx, id);
    const now = nowIso();
    await work(trx, current, now);
    const columns = { updated_at: now, ...(await translationColumns(trx, current, {}, current.version + 1, true)) };
    if (!(await repo.updateArticleRowAtVersion(trx, id, current.version, columns))) throw staleVersion((await repo.findArticleRow(trx, id))!, current.version);
    await writeRevision(trx, id, actor, baseUrl);
    await emit(await event(trx, current, 'updated', before));
  });
  return getArticle(store.db, id, baseUrl);
}

/**
 * A state change that is not an edit of the text: publish, unpublish, trash, restore, a review's
 * steps (review.service.ts). `may` checks the actor against the stored row; `change` answers null
 * when there is nothing to do.
 */
export async function transition(
  store: Store,
  id: number,
  actor: Actor,
  baseUrl: string,
  may: 'publish' | 'delete' | ((db: Kysely<Schema>, row: ArticleRow) => Promise<void>),
  change: (row: ArticleRow, now: string) => { columns: Partial<ArticleRow>; action: WriteEvent['action'] } | null,
): Promise<Article> {
  await write(store, async (trx, emit) => {
    const current = await loadForWrite(trx, id);
    await (typeof may === 'function' ? may(trx, current) : assertMay(trx, current, actor, may));
    const result = change(current, nowIso());
    if (!result) return;
    const before = await articleCacheKeys(trx, id);
    await repo.updateArticleRowAtVersion(trx, id, current.version, { ...result.columns, updated_at: nowIso() });
    await writeRevision(trx, id, actor, baseUrl);
    await emit(await event(trx, current, result.action, before));
  });
  return getArticle(store.db, id, baseUrl);
}

export function publishArticle(store: Store, id: number, actor: Actor, baseUrl: string): Promise<Article> {
  return transition(store, id, actor, baseUrl, 'publish', (row, now) => {
    if (row.deleted_at) throw new AppError('CONFLICT', 'Restore the story from the trash before publishing it.');
    if (row.status === 'published') return null;
    // Under an embargo "publish" means at the embargo, not a moment before.
    const embargo = activeEmbargo(row, Date.parse(now));
    if (embargo) return { columns: { status: 'scheduled', publish_at: embargo, ...NO_REVIEW }, action: 'updated' };
    if (row.expires_at && Date.parse(row.expires_at) <= Date.parse(now)) {
      throw new AppError('CONFLICT', 'The story has expired: move its expiry to later, or remove it, to publish it again.', { fields: [{ field: 'expiresAt', message: 'has passed' }] });
    }
    return { columns: { status: 'published', publish_at: null, published_at: row.published_at ?? now, translation_in_progress: 0, ...NO_REVIEW }, action: 'published' };
  });
}

export function unpublishArticle(store: Store, id: number, actor: Actor, baseUrl: string): Promise<Article> {
  return transition(store, id, actor, baseUrl, 'publish', (row) =>
    row.status === 'draft' ? null : { columns: { status: 'draft', publish_at: null }, action: 'unpublished' },
  );
}

export function trashArticle(store: Store, id: number, actor: Actor, baseUrl: string): Promise<Article> {
  return transition(store, id, actor, baseUrl, 'delete', (row, now) =>
    row.deleted_at ? null : { columns: { deleted_at: now }, action: 'trashed' },
  );
}

export function restoreArticle(store: Store, id: number, actor: Actor, baseUrl: string): Promise<Article> {
  return transition(store, id, actor, baseUrl, 'delete', (row) =>
    row.deleted_at ? { columns: { deleted_at: null }, action: 'restored' } : null,
  );
}

/** Deletes one version and, with its last version, the story; the event names the pages it was on. */
async function erase(trx: Kysely<Schema>, current: ArticleRow): Promise<WriteEvent> {
  const before = await articleCacheKeys(trx, current.id);
  await trx.updateTable('articles').set({ translated_from_id: null, source_version: null }).where('translated_from_id', '=', current.id).execute();
  await trx.deleteFrom('articles').where('id', '=', current.id).execute();
  const left = await trx.selectFrom('articles').select('id').where('story_id', '=', current.story_id).executeTakeFirst();
  if (!left) await trx.deleteFrom('stories').where('id', '=', current.story_id).execute();
  return event(trx, current, 'deleted', before);
}

/** Deletes a story version for good; only from the trash, so nothing is lost by one click. */
export async function deleteArticleForever(store: Store, id: number, actor: Actor): Promise<void> {
  await write(store, async (trx, emit) => {
    const current = await loadForWrite(trx, id);
    await assertMay(trx, current, actor, 'delete');
    if (!current.deleted_at) throw new AppError('CONFLICT', 'Only a story in the trash can be deleted for good; trash it first.');
    await emit(await erase(trx, current));
  });
}

/**
 * Deletes versions for good without the trash, as part of the caller's write (`tx` from
 * `transact`): only for what Herald wrote itself (the demo), never a person's work.
 */
export async function eraseHeraldsOwnArticles(tx: Store, ids: number[]): Promise<void> {
  for (const id of ids) await announce(tx, await erase(tx.db, await loadForWrite(tx.db, id)));
}

/**
 * Credits `toUserId` with every version `fromUserId` wrote or created, in every language, as
 * part of the caller's write (a person is being removed). The versions are not edited: no new
 * revision, and the revisions keep who wrote what. Returns how many versions changed hands.
 */
export async function reassignAuthorship(tx: Store, fromUserId: number, toUserId: number): Promise<number> {
  const from = `user:${fromUserId}`;
  const written = await tx.db
    .selectFrom('articles')
    .select(['id', 'language', 'story_id'])
    .where((eb) => eb.or([eb('created_by', '=', from), eb('id', 'in', eb.selectFrom('article_authors').select('article_id').where('user_id', '=', fromUserId))]))
    .orderBy('id')
    .execute();
  for (const row of written) {
    const before = await articleCacheKeys(tx.db, row.id);
    await repo.moveByline(tx.db, row.id, fromUserId, toUserId);
    await tx.db.updateTable('articles').set({ created_by: `user:${toUserId}` }).where('id', '=', row.id).where('created_by', '=', from).execute();
    await announce(tx, await event(tx.db, row, 'updated', before));
  }
  return written.length;
}

/** Publishes every scheduled story whose time has come; returns how many. */
export async function publishDueArticles(store: Store, now = nowIso()): Promise<number> {
  const due = await store.db
    .selectFrom('articles')
    .select(['id'])
    .where('status', '=', 'scheduled')
    .where('publish_at', '<=', now)
    .where('deleted_at', 'is', null)
    // Never before an embargo, whatever publish_at says.
    .where((eb) => eb.or([eb('embargo_until', 'is', null), eb('embargo_until', '<=', now)]))
    .execute();
  for (const { id } of due) {
    await write(store, async (trx, emit) => {
      const row = await loadForWrite(trx, id);
      if (row.status !== 'scheduled' || activeEmbargo(row, Date.parse(now))) return;
      const publishedAt = row.publish_at ?? now;
      // Another process that got there first changed the version: it told everyone already.
      const changed = await repo.updateArticleRowAtVersion(trx, id, row.version, {
        status: 'published',
        published_at: publishedAt,
        publish_at: null,
        translation_in_progress: 0,
        updated_at: nowIso(),
      });
      if (changed) await emit(await event(trx, row, 'published'));
    });
  }
  return due.length;
}

/**
 * Expires every published story whose expiry has come (content/moments.ts); returns how many.
 * The event carries the pages the story was on, so caches drop them; its address then answers
 * 410 or, unlisted, shows it to whoever has it.
 */
export async function expireDueArticles(store: Store, now = nowIso()): Promise<number> {
  const due = await store.db
    .selectFrom('articles')
    .select(['id'])
    .where('status', '=', 'published')
    .where('expires_at', '<=', now)
    .where('deleted_at', 'is', null)
    .execute();
  for (const { id } of due) {
    await write(store, async (trx, emit) => {
      const row = await loadForWrite(trx, id);
      if (row.status !== 'published' || !row.expires_at || Date.parse(row.expires_at) > Date.parse(now)) return;
      const before = await articleCacheKeys(trx, id);
      if (await repo.updateArticleRowAtVersion(trx, id, row.version, { status: 'expired', updated_at: nowIso() })) {
        await emit(await event(trx, row, 'unpublished', before));
      }
    });
  }
  return due.length;
}

export async function listRevisions(db: Kysely<Schema>, id: number) {
  await loadForWrite(db, id);
  const rows = await db
    .selectFrom('article_revisions')
    .select(['version', 'actor', 'created_at', 'snapshot'])
    .where('article_id', '=', id)
    .orderBy('version', 'desc')
    .execute();
  return rows.map((r) => ({ version: r.version, actor: r.actor, createdAt: r.created_at, article: JSON.parse(r.snapshot) }));
}
