import type { Kysely, Selectable } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { ArticleCorrectionsTable, ArticleRow, ArticleRowUpdate, NewArticleRow, Schema } from '../db/schema.js';
import { publicAuthor, PUBLIC_AUTHOR_COLUMNS } from '../people/users.service.js';
import { creditsOf, noCredits } from './credits.service.js';
import { localSection, sectionsShowing, type Section } from './sections.service.js';
import { toTag } from './tags.service.js';
import { getSettings } from '../settings/settings.service.js';
import { languageStatesOf, VERSION_COLUMNS, type VersionRow } from './translation-state.js';
import { absoluteUrl, articlePath, mediaPath } from './urls.js';
import type { Article, ArticleCard, Correction, CorrectionKind, ArticleKind, ArticleReview, ArticleStatus, Audience, Expiry, TranslationLink } from './articles.types.js';

export function findArticleRow(db: Kysely<Schema>, id: number): Promise<ArticleRow | undefined> {
  return db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertArticleRow(db: Kysely<Schema>, row: NewArticleRow): Promise<number> {
  const { id } = await db.insertInto('articles').values(row).returning('id').executeTakeFirstOrThrow();
  return id;
}

/** Updates only when the stored version is `expectedVersion`; false means someone saved first. */
export async function updateArticleRowAtVersion(
  db: Kysely<Schema>,
  id: number,
  expectedVersion: number,
  changes: ArticleRowUpdate,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set({ ...changes, version: expectedVersion + 1 })
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function replaceArticleTags(db: Kysely<Schema>, articleId: number, tagIds: number[]): Promise<void> {
  await db.deleteFrom('article_tags').where('article_id', '=', articleId).execute();
  if (tagIds.length) {
    await db
      .insertInto('article_tags')
      .values(tagIds.map((tag_id, position) => ({ article_id: articleId, tag_id, position })))
      .execute();
  }
}

export async function replaceArticleAuthors(db: Kysely<Schema>, articleId: number, userIds: number[]): Promise<void> {
  await db.deleteFrom('article_authors').where('article_id', '=', articleId).execute();
  if (userIds.length) {
    await db
      .insertInto('article_authors')
      .values(userIds.map((user_id, position) => ({ article_id: articleId, user_id, position })))
      .execute();
  }
}

/** Puts `toUserId` in `fromUserId`'s place in the byline, or drops `fromUserId` when `toUserId` is in it already. */
export async function moveByline(db: Kysely<Schema>, articleId: number, fromUserId: number, toUserId: number): Promise<void> {
  const authors = await articleAuthorIds(db, articleId);
  if (!authors.includes(fromUserId)) return;
  if (authors.includes(toUserId)) {
    await db.deleteFrom('article_authors').where('article_id', '=', articleId).where('user_id', '=', fromUserId).execute();
  } else {
    await db.updateTable('article_authors').set({ user_id: toUserId }).where('article_id', '=', articleId).where('user_id', '=', fromUserId).execute();
  }
}

export async function articleAuthorIds(db: Kysely<Schema>, articleId: number): Promise<number[]> {
  const rows = await db.selectFrom('article_authors').select('user_id').where('article_id', '=', articleId).execute();
  return rows.map((r) => r.user_id);
}

export async function insertRevision(
  db: Kysely<Schema>,
  revision: { articleId: number; version: number; snapshot: unknown; actor: string; createdAt: string },
): Promise<void> {
  await db
    .insertInto('article_revisions')
    .values({
      article_id: revision.articleId,
      version: revision.version,
      snapshot: JSON.stringify(revision.snapshot),
      actor: revision.actor,
      created_at: revision.createdAt,
    })
    .execute();
}

export function isPubliclyVisible(row: Pick<ArticleRow, 'status' | 'deleted_at'>): boolean {
  return row.status === 'published' && row.deleted_at === null;
}

/** Published, then past its expiry (content/moments.ts): listed nowhere, its address still answers. */
export function isExpired(row: Pick<ArticleRow, 'status' | 'deleted_at'>): boolean {
  return row.status === 'expired' && row.deleted_at === null;
}

// What a story card, a previous/next link or a listing shows: no body, tags, authors or
// translations. Bodies are most of a row, so cards read a fraction of what full articles do.
const CARD_COLUMNS = [
  'articles.id',
  'articles.story_id',
  'articles.kind',
  'articles.language',
  'articles.title',
  'articles.standfirst',
  'articles.excerpt',
  'articles.slug',
  'articles.section_id',
  'articles.image_url',
  'articles.image_media_id',
  'articles.image_caption',
  'articles.image_credit',
  'articles.image_alt',
  'articles.status',
  'articles.published_at',
  'articles.updated_at',
] as const;

/** A column of CARD_COLUMNS without its table. */
type CardColumn = (typeof CARD_COLUMNS)[number] extends infer C ? (C extends `articles.${infer Name extends keyof ArticleRow}` ? Name : never) : never;

type CardRow = Pick<ArticleRow, CardColumn> & { media_path: string | null };

function toCard(row: CardRow, sections: Section[], baseUrl: string): ArticleCard {
  const section = sections.find((s) => s.id === row.section_id);
  const imageUrl = row.media_path ? mediaPath(row.media_path) : row.image_url;
  const path = articlePath(row.language, row.slug);
  return {
    id: row.id,
    storyId: row.story_id,
    kind: row.kind as ArticleKind,
    language: row.language,
    title: row.title,
    standfirst: row.standfirst,
    excerpt: row.excerpt,
    slug: row.slug,
    path,
    url: absoluteUrl(baseUrl, path),
    section: section ? localSection(section, row.language) : null,
    featuredImage: imageUrl
      ? { url: imageUrl, mediaId: row.image_media_id, caption: row.image_caption, credit: row.image_credit, alt: row.image_alt }
      : null,
    status: row.status as ArticleStatus,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

const cardRows = prepared((db, of: { ids: number[] }) =>
  db
    .selectFrom('articles')
    .leftJoin('media', 'media.id', 'articles.image_media_id')
    .select(CARD_COLUMNS)
    .select('media.path as media_path')
    .where('articles.id', 'in', of.ids),
);

/** Cards for the given articles, in the order of `ids`, in one query (sections come from memory). */
export async function loadArticleCards(db: Kysely<Schema>, ids: number[], baseUrl: string): Promise<ArticleCard[]> {
  if (ids.length === 0) return [];
  const rows = await cardRows(db, { ids });
  const sections = await sectionsShowing(db, rows.map((r) => r.section_id));
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => {
    const row = byId.get(id);
    return row ? [toCard(row, sections, baseUrl)] : [];
  });
}

function groupBy<T, K>(items: T[], keyOf: (item: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Full representations of the given articles, in the order of `ids`, with their tags,
 * authors, section, image and translations fetched in one query each (never one per article).
 */
export async function loadArticles(
  db: Kysely<Schema>,
  ids: number[],
  baseUrl: string,
  audience: Audience,
): Promise<Article[]> {
  if (ids.length === 0) return [];
  const rows = await articleRows(db).where('articles.id', 'in', ids).execute();
  return withRelations(db, ids, rows, baseUrl, audience);
}

function toCorrection(row: Pick<Selectable<ArticleCorrectionsTable>, 'id' | 'kind' | 'note' | 'published_at' | 'source_correction_id'>): Correction {
  return { id: row.id, kind: row.kind as CorrectionKind, text: row.note, publishedAt: row.published_at, sourceCorrectionId: row.source_correction_id };
}

function reviewOf(row: ArticleRow): ArticleReview | null {
  if (!row.review_submitted_at) return null;
  const returned = row.review_returned_at !== null;
  return {
    state: returned ? 'returned' : 'submitted',
    submittedAt: row.review_submitted_at,
    submittedBy: { principal: row.review_submitted_by ?? '', name: row.review_submitted_name ?? '' },
    returnedAt: row.review_returned_at,
    returnedBy: returned ? { principal: row.review_returned_by ?? '', name: row.review_returned_name ?? '' } : null,
    note: row.review_note,
  };
}

/** Whole article rows with their library image's path: what `withRelations` completes. */
export function articleRows(db: Kysely<Schema>) {
  return db.selectFrom('articles').leftJoin('media', 'media.id', 'articles.image_media_id').selectAll('articles').select('media.path as media_path');
}

type FullRow = ArticleRow & { media_path: string | null };

const tagRowsOf = prepared((db, of: { ids: number[] }) =>
  db
    .selectFrom('article_tags')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['article_tags.article_id', 'tags.id', 'tags.language', 'tags.name', 'tags.slug', 'tags.description'])
    .where('article_tags.article_id', 'in', of.ids)
    .orderBy('article_tags.position'),
);

const authorRowsOf = prepared((db, of: { ids: number[] }) =>
  db
    .selectFrom('article_authors')
    .innerJoin('users', 'users.id', 'article_authors.user_id')
    .select(['article_authors.article_id', ...PUBLIC_AUTHOR_COLUMNS])
    .where('article_authors.article_id', 'in', of.ids)
    .orderBy('article_authors.position'),
);

const correctionRowsOf = prepared((db, of: { ids: number[] }) =>
  db
    .selectFrom('article_corrections')
    .select(['id', 'article_id', 'kind', 'note', 'published_at', 'source_correction_id'])
    .where('article_id', 'in', of.ids)
    .orderBy('published_at')
    .orderBy('id'),
);

/** Every language version of the given stories, trashed ones included, with what their translation state reads. */
const versionRowsOf = prepared((db, of: { storyIds: number[] }) =>
  db
    .selectFrom('articles')
    .select([...VERSION_COLUMNS, 'slug'])
    .where('story_id', 'in', of.storyIds)
    .orderBy('language'),
);

/** The version rows of the given stories, as `languageStatesOf` reads them. */
export function storyVersionRows(db: Kysely<Schema>, storyIds: number[]): Promise<VersionRow[]> {
  return storyIds.length ? versionRowsOf(db, { storyIds }) : Promise.resolve([]);
}

/** What a revision keeps of an article: not what is derived from the other versions or the address. */
export function revisionSnapshot(article: Article) {
  const { translations: _t, translationStatus: _s, path: _p, url: _u, ...snapshot } = article;
  return snapshot;
}

/** Articles from rows already read (in the order of `ids`), with their tags, authors, section and translations. */
export async function withRelations(db: Kysely<Schema>, ids: number[], rows: FullRow[], baseUrl: string, audience: Audience): Promise<Article[]> {
  if (rows.length === 0) return [];
  const storyIds = [...new Set(rows.map((r) => r.story_id))];
  const [tagRows, authorRows, correctionRows, credits, sections, siblings, siteLanguages] = await Promise.all([
    tagRowsOf(db, { ids }),
    authorRowsOf(db, { ids }),
    correctionRowsOf(db, { ids }),
    creditsOf(db, ids),
    sectionsShowing(db, rows.map((r) => r.section_id)),
    versionRowsOf(db, { storyIds }),
    audience === 'admin' ? getSettings(db).then((s) => s.languages) : [],
  ]);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const tagsOf = groupBy(tagRows, (t) => t.article_id);
  const authorsOf = groupBy(authorRows, (a) => a.article_id);
  const correctionsOf = groupBy(correctionRows, (c) => c.article_id);
  const versionsOf = groupBy(siblings, (s) => s.story_id);
  return ids.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const versions = versionsOf.get(row.story_id) ?? [];
    const translations: TranslationLink[] = versions
      .filter((s) => s.id !== row.id)
      .filter((s) => audience === 'admin' || isPubliclyVisible(s))
      .map((s) => {
        const path = articlePath(s.language, s.slug);
        return {
          id: s.id,
          language: s.language,
          title: s.title,
          slug: s.slug,
          path,
          url: absoluteUrl(baseUrl, path),
          status: s.status as ArticleStatus,
          updatedAt: s.updated_at,
        };
      });
    const translatedFrom = versions.find((s) => s.id === row.translated_from_id);
    // Assigned onto the card rather than spread into a new literal: V8 copied the spread
    // card slowly, 20 µs an article, half the cost of loading a feed's 50 stories.
    return [
      Object.assign(toCard(row, sections, baseUrl), {
        body: row.body,
        tags: (tagsOf.get(id) ?? []).map(toTag),
        authors: (authorsOf.get(id) ?? []).map(publicAuthor),
        credits: credits.get(id) ?? noCredits(),
        source: row.source_name
          ? { name: row.source_name, url: row.source_url, publishedAt: row.source_published_at }
          : null,
        machineTranslated: row.machine_translated === 1,
        translatedFrom: translatedFrom ? { id: translatedFrom.id, language: translatedFrom.language } : null,
        translations,
        seoTitle: row.seo_title,
        seoDescription: row.seo_description,
        publishAt: row.publish_at,
        embargoUntil: row.embargo_until,
        expiresAt: row.expires_at,
        expiry: row.expiry as Expiry,
        createdAt: row.created_at,
        deletedAt: row.deleted_at,
        version: row.version,
        createdBy: row.created_by,
        ...(audience === 'admin' ? { translationStatus: languageStatesOf(versions, siteLanguages) } : {}),
        review: audience === 'admin' ? reviewOf(row) : null,
        corrections: (correctionsOf.get(id) ?? []).map(toCorrection),
      }),
    ];
  });
}
