/**
 * How a reader browses one language: the front page's sections and the pages of a section,
 * tag or author, each found by its slug. Public audience only.
 */
import type { Kysely } from 'kysely';
import { unionAllOf } from '../db/columns.js';
import { prepared } from '../db/prepared.js';
import type { Schema } from '../db/schema.js';
import { findUserBySlug, type PublicAuthor } from '../people/users.service.js';
import { listArticleCards, type CardPage } from './articles.list.js';
import { loadArticleCards } from './articles.repository.js';
import type { ArticleCard } from './articles.types.js';
import { findSectionBySlug, listSections, localSection, sectionsShowing, type LocalSection } from './sections.service.js';
import { findTagBySlug, type Tag } from './tags.service.js';

export interface SectionStories {
  section: LocalSection;
  articles: ArticleCard[];
}

/** Each section's newest public stories in a language: one range of the section listing index per section. */
const newestPerSection = prepared((db, of: { sectionIds: number[]; language: string }, { perSection }: { perSection: number }) => {
  const newestOf = (sectionId: number) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('articles')
          .select(['id', 'section_id'])
          .where('section_id', '=', sectionId)
          .where('language', '=', of.language)
          .where('status', '=', 'published')
          .where('deleted_at', 'is', null)
          .where('kind', '=', 'story')
          .orderBy('published_at', 'desc')
          .orderBy('id', 'desc')
          .limit(perSection)
          .as('newest'),
      )
      .select(['newest.id', 'newest.section_id']);
  return unionAllOf(of.sectionIds, newestOf);
});

/** The newest stories of every section named in `language`, in the sections' order; empty ones left out. */
export async function latestBySection(
  db: Kysely<Schema>,
  language: string,
  baseUrl: string,
  perSection = 3,
): Promise<SectionStories[]> {
  const sections = (await sectionsShowing(db)).filter((s) => s.names[language]);
  if (sections.length === 0) return [];
  const rows = await newestPerSection(db, { sectionIds: sections.map((s) => s.id), language }, { perSection });
  const cards = new Map((await loadArticleCards(db, rows.map((r) => r.id), baseUrl)).map((card) => [card.id, card]));
  return sections
    .map((s) => ({
      section: localSection(s, language),
      articles: rows.filter((r) => r.section_id === s.id).flatMap((r) => cards.get(r.id) ?? []),
    }))
    .filter((entry) => entry.articles.length > 0);
}

export type Topic =
  | { kind: 'section'; section: LocalSection; otherLanguages: LocalSection[] }
  | { kind: 'tag'; tag: Tag }
  | {
      kind: 'author';
      author: PublicAuthor;
      /** The languages the author has public stories in: their page is worth indexing only there. */
      languages: string[];
    };

export type TopicKind = Topic['kind'];

/** The section, tag or author a listing page is about, or null when the slug names none. */
export async function findTopic(db: Kysely<Schema>, kind: TopicKind, language: string, slug: string): Promise<Topic | null> {
  if (kind === 'tag') {
    const tag = await findTagBySlug(db, language, slug);
    return tag ? { kind, tag } : null;
  }
  if (kind === 'author') {
    const author = await findUserBySlug(db, slug);
    return author ? { kind, author, languages: (await storyLanguagesOf(db, [author.id])).map((row) => row.language) } : null;
  }
  const section = await findSectionBySlug(db, language, slug);
  if (!section) return null;
  const whole = (await listSections(db)).find((s) => s.id === section.id);
  const otherLanguages = Object.keys(whole?.names ?? {})
    .filter((l) => l !== language)
    .map((l) => localSection(whole!, l));
  return { kind, section, otherLanguages };
}

/**
 * The languages the given people have public stories in (their author pages list stories,
 * not pages): which of their author pages exist for search engines, and their hreflang.
 */
export function storyLanguagesOf(db: Kysely<Schema>, userIds: number[]) {
  if (userIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('article_authors')
    .innerJoin('articles', 'articles.id', 'article_authors.article_id')
    .where('article_authors.user_id', 'in', userIds)
    .where('articles.status', '=', 'published')
    .where('articles.deleted_at', 'is', null)
    .where('articles.kind', '=', 'story')
    .select(['article_authors.user_id', 'articles.language'])
    .distinct()
    .execute();
}

/** One page of a topic's stories in `language`, newest first. */
export function topicArticles(
  db: Kysely<Schema>,
  topic: Topic,
  language: string,
  baseUrl: string,
  page: number,
  limit: number,
): Promise<CardPage> {
  const filter =
    topic.kind === 'section'
      ? { sectionId: topic.section.id }
      : topic.kind === 'tag'
        ? { tagId: topic.tag.id }
        : { authorId: topic.author.id };
  return listArticleCards(db, { language, page, limit, ...filter }, baseUrl);
}

/** The id a topic's cache key and feed are named by. */
export function topicId(topic: Topic): number {
  return topic.kind === 'section' ? topic.section.id : topic.kind === 'tag' ? topic.tag.id : topic.author.id;
}
