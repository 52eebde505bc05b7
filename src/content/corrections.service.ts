/**
 * Corrections and update notes on published stories, on the record. A note belongs to one
 * language version and is written in its language; writing one is a change of the story's
 * words (articles.service.ts `reviseNotes`): a new version, `dateModified` and the sitemap's
 * `lastmod` move to its time, and the story's translations become outdated until they carry
 * the note over (a translation's note names the source's note it renders).
 */
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { ArticleRow, Schema } from '../db/schema.js';
import { toIso } from '../db/time.js';
import { invalid, notFound, requiredField, tooLong, type FieldError } from '../core/errors.js';
import { textFault } from '../core/unsafe-text.js';
import type { Actor } from '../people/permissions.js';
import { reviseNotes } from './articles.service.js';
import { CORRECTION_KINDS, MAX_CORRECTION_LENGTH, type Article, type Correction, type CorrectionKind } from './articles.types.js';
import { absoluteUrl, articlePath } from './urls.js';

export interface CorrectionInput {
  kind?: CorrectionKind;
  text?: string;
  /** When the note is made public; now when not given. Never later than now, nor before the story's publication. */
  publishedAt?: string;
  /** For a translation: the note of another version of the story this one carries over. */
  sourceCorrectionId?: number | null;
}

/** A clock a minute ahead of the server's is still "now": a time picked on a screen is not refused for it. */
const CLOCK_SKEW_MS = 60_000;

/** The columns of a note from `input`, or the faults of its fields; `creating` requires kind and text. */
async function noteColumns(db: Kysely<Schema>, article: ArticleRow, input: CorrectionInput, now: string, creating: boolean) {
  const faults: FieldError[] = [];
  const columns: { kind?: string; note?: string; published_at?: string; source_correction_id?: number | null } = {};
  if (input.kind !== undefined || creating) {
    if (!CORRECTION_KINDS.includes(input.kind as CorrectionKind)) faults.push({ field: 'kind', message: `must be one of ${CORRECTION_KINDS.join(', ')}` });
    else columns.kind = input.kind;
  }
  if (input.text !== undefined || creating) {
    const text = (input.text ?? '').trim();
    const unsafe = textFault('text', text);
    if (!text) faults.push(requiredField('text', 'is required: what was wrong, or what changed'));
    else if ([...text].length > MAX_CORRECTION_LENGTH) faults.push(tooLong('text', MAX_CORRECTION_LENGTH));
    else if (unsafe) faults.push(unsafe);
    else columns.note = text;
  }
  if (input.publishedAt !== undefined) {
    const at = Date.parse(input.publishedAt);
    if (Number.isNaN(at)) faults.push({ field: 'publishedAt', message: 'is not an ISO 8601 date-time' });
    else if (at > Date.parse(now) + CLOCK_SKEW_MS) faults.push({ field: 'publishedAt', message: 'must not be in the future' });
    else if (article.published_at && at < Date.parse(article.published_at)) {
      faults.push({ field: 'publishedAt', message: `must not be before the story was published (${article.published_at})` });
    } else columns.published_at = toIso(input.publishedAt);
  } else if (creating) columns.published_at = now;
  if (input.sourceCorrectionId != null) {
    const source = await db
      .selectFrom('article_corrections')
      .innerJoin('articles', 'articles.id', 'article_corrections.article_id')
      .select(['articles.id', 'articles.story_id'])
      .where('article_corrections.id', '=', input.sourceCorrectionId)
      .executeTakeFirst();
    if (!source || source.story_id !== article.story_id || source.id === article.id) {
      faults.push({ field: 'sourceCorrectionId', message: `is not a note of another language version of this story` });
    } else columns.source_correction_id = input.sourceCorrectionId;
  } else if (input.sourceCorrectionId === null) columns.source_correction_id = null;
  if (faults.length) throw invalid(faults);
  return columns;
}

async function assertNoteOf(db: Kysely<Schema>, articleId: number, correctionId: number) {
  const found = await db.selectFrom('article_corrections').select('id').where('id', '=', correctionId).where('article_id', '=', articleId).executeTakeFirst();
  if (!found) throw notFound(`Correction ${correctionId} of article ${articleId}`);
}

/** Adds a note to a published story; answers the story with its notes. */
export function addCorrection(store: Store, articleId: number, input: CorrectionInput, actor: Actor, baseUrl: string): Promise<Article> {
  return reviseNotes(store, articleId, actor, baseUrl, async (trx, article, now) => {
    const columns = await noteColumns(trx, article, input, now, true);
    await trx
      .insertInto('article_corrections')
      .values({
        article_id: articleId,
        kind: columns.kind!,
        note: columns.note!,
        published_at: columns.published_at!,
        source_correction_id: columns.source_correction_id ?? null,
        created_by: actor.principal,
        created_at: now,
        updated_at: now,
      })
      .execute();
  });
}

/** Changes a note's kind, text or time. */
export function updateCorrection(store: Store, articleId: number, correctionId: number, input: CorrectionInput, actor: Actor, baseUrl: string): Promise<Article> {
  return reviseNotes(store, articleId, actor, baseUrl, async (trx, article, now) => {
    await assertNoteOf(trx, articleId, correctionId);
    const columns = await noteColumns(trx, article, input, now, false);
    await trx.updateTable('article_corrections').set({ ...columns, updated_at: now }).where('id', '=', correctionId).execute();
  });
}

/** Removes a note made by mistake (the story's revisions still hold it). */
export function removeCorrection(store: Store, articleId: number, correctionId: number, actor: Actor, baseUrl: string): Promise<Article> {
  return reviseNotes(store, articleId, actor, baseUrl, async (trx) => {
    await assertNoteOf(trx, articleId, correctionId);
    await trx.deleteFrom('article_corrections').where('id', '=', correctionId).execute();
  });
}

/** A note as the public corrections page lists it: with the story it is on. */
export interface ListedCorrection extends Correction {
  article: { id: number; title: string; path: string; url: string };
}

/**
 * The notes on the public stories of `language`, newest first, a page of `limit` (`hasMore`
 * says whether another page follows).
 */
export async function publicCorrections(
  db: Kysely<Schema>,
  language: string,
  page: number,
  limit: number,
  baseUrl: string,
): Promise<{ items: ListedCorrection[]; hasMore: boolean }> {
  const rows = await db
    .selectFrom('article_corrections')
    .innerJoin('articles', 'articles.id', 'article_corrections.article_id')
    .select([
      'article_corrections.id',
      'article_corrections.kind',
      'article_corrections.note',
      'article_corrections.published_at',
      'article_corrections.source_correction_id',
      'articles.id as article_id',
      'articles.title',
      'articles.slug',
    ])
    .where('articles.language', '=', language)
    .where('articles.status', '=', 'published')
    .where('articles.deleted_at', 'is', null)
    .orderBy('article_corrections.published_at', 'desc')
    .orderBy('article_corrections.id', 'desc')
    .limit(limit + 1)
    .offset((page - 1) * limit)
    .execute();
  return {
    hasMore: rows.length > limit,
    items: rows.slice(0, limit).map((row) => {
      const path = articlePath(language, row.slug);
      return {
        id: row.id,
        kind: row.kind as CorrectionKind,
        text: row.note,
        publishedAt: row.published_at,
        sourceCorrectionId: row.source_correction_id,
        article: { id: row.article_id, title: row.title, path, url: absoluteUrl(baseUrl, path) },
      };
    }),
  };
}
