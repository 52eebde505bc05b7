/**
 * How a reader browses one language: the front page's sections and the pages of a section,
 * tag or author, each found by its slug. Public audience only.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { findUserBySlug, type PublicAuthor } from '../people/users.service.js';
import { listArticles, type Page } from './articles.list.js';
import type { Article } from './articles.types.js';
import { findSectionBySlug, listSections, localSection, type LocalSection } from './sections.service.js';
import { findTagBySlug, type Tag } from './tags.service.js';

export interface SectionStories {
  section: LocalSection;
  articles: Article[];
}

/** The newest stories of every section named in `language`, in the sections' order; empty ones left out. */
export async function latestBySection(
  db: Kysely<Schema>,
  language: string,
  baseUrl: string,
  perSection = 3,
): Promise<SectionStories[]> {
  const sections = (await listSections(db)).filter((s) => s.names[language]);
  const pages = await Promise.all(
    sections.map((s) => listArticles(db, { language, sectionId: s.id, page: 1, limit: perSection }, baseUrl, 'public')),
  );
  return sections
    .map((s, i) => ({ section: localSection(s, language), articles: pages[i].items }))
    .filter((entry) => entry.articles.length > 0);
}

export type Topic =
  | { kind: 'section'; section: LocalSection; otherLanguages: LocalSection[] }
  | { kind: 'tag'; tag: Tag }
  | { kind: 'author'; author: PublicAuthor };

export type TopicKind = Topic['kind'];

/** The section, tag or author a listing page is about, or null when the slug names none. */
export async function findTopic(db: Kysely<Schema>, kind: TopicKind, language: string, slug: string): Promise<Topic | null> {
  if (kind === 'tag') {
    const tag = await findTagBySlug(db, language, slug);
    return tag ? { kind, tag } : null;
  }
  if (kind === 'author') {
    const author = await findUserBySlug(db, slug);
    return author ? { kind, author } : null;
  }
  const section = await findSectionBySlug(db, language, slug);
  if (!section) return null;
  const whole = (await listSections(db)).find((s) => s.id === section.id);
  const otherLanguages = Object.keys(whole?.names ?? {})
    .filter((l) => l !== language)
    .map((l) => localSection(whole!, l));
  return { kind, section, otherLanguages };
}

/** One page of a topic's stories in `language`, newest first. */
export function topicArticles(
  db: Kysely<Schema>,
  topic: Topic,
  language: string,
  baseUrl: string,
  page: number,
  limit: number,
): Promise<Page<Article>> {
  const filter =
    topic.kind === 'section'
      ? { sectionId: topic.section.id }
      : topic.kind === 'tag'
        ? { tagId: topic.tag.id }
        : { authorId: topic.author.id };
  return listArticles(db, { language, page, limit, ...filter }, baseUrl, 'public');
}

/** The id a topic's cache key and feed are named by. */
export function topicId(topic: Topic): number {
  return topic.kind === 'section' ? topic.section.id : topic.kind === 'tag' ? topic.tag.id : topic.author.id;
}
