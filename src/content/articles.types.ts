import type { PublicAuthor } from '../people/users.service.js';
import type { BodyFormat } from './body.js';
import type { Credits, CreditsInput } from './credits.service.js';
import type { LocalSection } from './sections.service.js';
import type { Tag } from './tags.service.js';
import type { LanguageStatus } from './translation-state.js';

/** 'expired': a published story whose expiry has come (content/moments.ts); no one sets it by hand. */
export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'expired'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** What a story's expiry does: its address answers 410 Gone with a note, or it stays reachable but listed nowhere. */
export const EXPIRIES = ['gone', 'unlisted'] as const;
export type Expiry = (typeof EXPIRIES)[number];

/**
 * A story is news: dated, listed, in feeds and search. A page (About, Contact) is served at its
 * own address the same way but shows no date and is never listed (migration 2026-12-02-10).
 */
export const ARTICLE_KINDS = ['story', 'page'] as const;
export type ArticleKind = (typeof ARTICLE_KINDS)[number];

export interface FeaturedImageInput {
  url?: string;
  mediaId?: number;
  caption?: string;
  credit?: string;
  alt?: string;
}

export interface SourceInput {
  name: string;
  url?: string;
  publishedAt?: string;
}

/** What an editor may set on a story version; every field optional on update. */
export interface ArticleFields {
  title: string;
  standfirst?: string;
  body?: string;
  bodyFormat?: BodyFormat;
  excerpt?: string;
  slug?: string;
  section?: number | null;
  tags?: string[];
  /** The byline, in the order given: people's ids or slugs, staff or guest contributors. */
  authors?: Array<number | string>;
  /** Translators, photographers and additional reporting (credits.service.ts). */
  credits?: CreditsInput;
  featuredImage?: FeaturedImageInput | null;
  source?: SourceInput | null;
  machineTranslated?: boolean;
  translatedFrom?: number | null;
  seoTitle?: string;
  seoDescription?: string;
  status?: ArticleStatus;
  publishAt?: string | null;
  /** Kept from an import or set by a person back-dating a story; defaults to the moment of publication. */
  publishedAt?: string;
  /** Nothing of the story shows anywhere before this time; publishing it before then schedules it for then. */
  embargoUntil?: string | null;
  /** When the published story leaves the site, and how (`expiry`, 'gone' unless given). */
  expiresAt?: string | null;
  expiry?: Expiry;
}

export interface NewArticle extends ArticleFields {
  language: string;
  /** 'story' unless given; a language version of another article is of that article's kind. */
  kind?: ArticleKind;
  /** Another article's id: the new one becomes a version of the same story. */
  translationOf?: number;
  /** Made by "Translate": a copy or a machine translation that waits for a person (not part of the API). */
  translationInProgress?: boolean;
}

export interface ArticlePatch extends Partial<ArticleFields> {
  /** The version the editor started from; a newer stored one answers 409. */
  version: number;
}

export interface FeaturedImage {
  url: string;
  mediaId: number | null;
  caption: string;
  credit: string;
  alt: string;
}

export interface Source {
  name: string;
  url: string | null;
  publishedAt: string | null;
}

export interface TranslationLink {
  id: number;
  language: string;
  title: string;
  slug: string;
  path: string;
  url: string;
  status: ArticleStatus;
  updatedAt: string;
}

/** Who did something to a story, as they were named then. */
export interface ActedBy {
  principal: string;
  name: string;
}

/**
 * A draft's review (null when none is asked): `submitted` waits for an editor, `returned` was
 * sent back to its writer with a note. Publishing or scheduling the story ends it.
 */
export interface ArticleReview {
  state: 'submitted' | 'returned';
  submittedAt: string;
  submittedBy: ActedBy;
  returnedAt: string | null;
  returnedBy: ActedBy | null;
  note: string | null;
}

/** The longest note an editor may send a draft back with. */
export const MAX_REVIEW_NOTE_LENGTH = 2000;

export interface Article {
  id: number;
  storyId: number;
  kind: ArticleKind;
  language: string;
  title: string;
  standfirst: string;
  body: string;
  excerpt: string;
  slug: string;
  path: string;
  url: string;
  section: LocalSection | null;
  tags: Tag[];
  authors: PublicAuthor[];
  credits: Credits;
  featuredImage: FeaturedImage | null;
  source: Source | null;
  machineTranslated: boolean;
  translatedFrom: { id: number; language: string } | null;
  /** The other language versions of the same story (published ones only for the public). */
  translations: TranslationLink[];
  seoTitle: string;
  seoDescription: string;
  status: ArticleStatus;
  publishAt: string | null;
  publishedAt: string | null;
  embargoUntil: string | null;
  expiresAt: string | null;
  expiry: Expiry;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
  createdBy: string;
  /** The story in every site language (translation-state.ts); for the admin audience only. */
  translationStatus?: LanguageStatus[];
  review: ArticleReview | null;
  /** Its correction and update notes, oldest first. */
  corrections: Correction[];
}

/** A note on a published story: it was wrong (`correction`), or it has moved on (`update`). */
export const CORRECTION_KINDS = ['correction', 'update'] as const;
export type CorrectionKind = (typeof CORRECTION_KINDS)[number];

/** The longest correction or update note. */
export const MAX_CORRECTION_LENGTH = 2000;

export interface Correction {
  id: number;
  kind: CorrectionKind;
  /** Plain text, in the story's language. */
  text: string;
  /** When the note was made public. */
  publishedAt: string;
  /** For a note carried over to a translation: the source's note it renders. */
  sourceCorrectionId: number | null;
}

/** A story as a listing, a card or a previous/next link shows it. */
export type ArticleCard = Pick<
  Article,
  'id' | 'storyId' | 'kind' | 'language' | 'title' | 'standfirst' | 'excerpt' | 'slug' | 'path' | 'url' | 'section' | 'featuredImage' | 'status' | 'publishedAt' | 'updatedAt'
>;

export type Audience = 'public' | 'admin';
