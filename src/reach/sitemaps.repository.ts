import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

// Lean queries for sitemaps: up to 50,000 URLs per file, so only the columns a URL needs
// (never whole articles), and translations fetched for the whole page in one query.

export interface StoryUrlRow {
  id: number;
  story_id: number;
  language: string;
  slug: string;
  updated_at: string;
  published_at: string | null;
  title: string;
}

function publicArticles(db: Kysely<Schema>) {
  return db.selectFrom('articles').where('status', '=', 'published').where('deleted_at', 'is', null);
}

export async function countPublicStories(db: Kysely<Schema>, language: string): Promise<number> {
  const row = await publicArticles(db)
    .where('language', '=', language)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function publicStoryPage(db: Kysely<Schema>, language: string, offset: number, limit: number): Promise<StoryUrlRow[]> {
  return publicArticles(db)
    .where('language', '=', language)
    .select(['id', 'story_id', 'language', 'slug', 'updated_at', 'published_at', 'title'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
}

/** Public language versions of the given stories (for hreflang alternates). */
export function publicVersionsOf(db: Kysely<Schema>, storyIds: number[]) {
  if (storyIds.length === 0) return Promise.resolve([]);
  return publicArticles(db).select(['story_id', 'language', 'slug']).where('story_id', 'in', storyIds).orderBy('language').execute();
}

/** Stories published since `since`, every language, newest first (the news sitemap: no pages). */
export function recentPublicStories(db: Kysely<Schema>, since: string, offset: number, limit: number): Promise<StoryUrlRow[]> {
  return publicArticles(db)
    .where('kind', '=', 'story')
    .where('published_at', '>=', since)
    .select(['id', 'story_id', 'language', 'slug', 'updated_at', 'published_at', 'title'])
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .offset(offset)
    .limit(limit)
    .execute();
}

export async function countRecentPublicStories(db: Kysely<Schema>, since: string): Promise<number> {
  const row = await publicArticles(db)
    .where('kind', '=', 'story')
    .where('published_at', '>=', since)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface PageUrlRow {
  id: number;
  slug: string;
  updated_at: string | null;
}

/** Sections named in a language, with the time of their latest public story there. */
export function sectionsIn(db: Kysely<Schema>, language: string): Promise<PageUrlRow[]> {
  return db
    .selectFrom('section_names')
    .leftJoin('articles', (join) =>
      join
        .onRef('articles.section_id', '=', 'section_names.section_id')
        .on('articles.language', '=', language)
        .on('articles.status', '=', 'published')
        .on('articles.deleted_at', 'is', null),
    )
    .where('section_names.language', '=', language)
    .select((eb) => ['section_names.section_id as id', 'section_names.slug', eb.fn.max('articles.updated_at').as('updated_at')])
    .groupBy(['section_names.section_id', 'section_names.slug'])
    .orderBy('section_names.slug')
    .execute();
}

/** Tags of a language that have at least one public story (an empty tag page is not worth crawling). */
export function tagsIn(db: Kysely<Schema>, language: string): Promise<PageUrlRow[]> {
  return db
    .selectFrom('tags')
    .innerJoin('article_tags', 'article_tags.tag_id', 'tags.id')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .where('tags.language', '=', language)
    .where('articles.status', '=', 'published')
    .where('articles.deleted_at', 'is', null)
    .where('articles.kind', '=', 'story')
    .select((eb) => ['tags.id', 'tags.slug', eb.fn.max('articles.updated_at').as('updated_at')])
    .groupBy(['tags.id', 'tags.slug'])
    .orderBy('tags.slug')
    .execute();
}

/** People with at least one public story in a language. */
export function authorsIn(db: Kysely<Schema>, language: string): Promise<PageUrlRow[]> {
  return db
    .selectFrom('users')
    .innerJoin('article_authors', 'article_authors.user_id', 'users.id')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .where('articles.language', '=', language)
    .where('articles.status', '=', 'published')
    .where('articles.deleted_at', 'is', null)
    .where('articles.kind', '=', 'story')
    .select((eb) => ['users.id', 'users.slug', eb.fn.max('articles.updated_at').as('updated_at')])
    .groupBy(['users.id', 'users.slug'])
    .orderBy('users.slug')
    .execute();
}

/** The newest change to a public story of a language: when its home page last changed. */
export async function newestStoryIn(db: Kysely<Schema>, language: string): Promise<string | null> {
  const row = await publicArticles(db)
    .where('kind', '=', 'story')
    .where('language', '=', language)
    .select((eb) => eb.fn.max('updated_at').as('newest'))
    .executeTakeFirst();
  return row?.newest ?? null;
}

/** The last change of a note on a public story of a language: when its corrections page last changed. */
export async function newestCorrectionIn(db: Kysely<Schema>, language: string): Promise<string | null> {
  const row = await db
    .selectFrom('article_corrections')
    .innerJoin('articles', 'articles.id', 'article_corrections.article_id')
    .where('articles.language', '=', language)
    .where('articles.status', '=', 'published')
    .where('articles.deleted_at', 'is', null)
    .select((eb) => eb.fn.max('article_corrections.updated_at').as('newest'))
    .executeTakeFirst();
  return row?.newest ?? null;
}

/** The newest change among one stories file's stories (same order and page as publicStoryPage): its lastmod in the index. */
export async function newestOnStoryPage(db: Kysely<Schema>, language: string, offset: number, limit: number): Promise<string | null> {
  const row = await db
    .selectFrom(
      publicArticles(db)
        .where('language', '=', language)
        .select('updated_at')
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .offset(offset)
        .limit(limit)
        .as('page'),
    )
    .select((eb) => eb.fn.max('page.updated_at').as('newest'))
    .executeTakeFirst();
  return row?.newest ?? null;
}

/** The names (slugs) of the given sections in every language: their pages' hreflang alternates. */
export function sectionNamesOf(db: Kysely<Schema>, sectionIds: number[]) {
  if (sectionIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('section_names').select(['section_id', 'language', 'slug']).where('section_id', 'in', sectionIds).execute();
}
