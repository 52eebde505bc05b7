/**
 * The Admin API's shapes, as the admin app reads them: the server's own types, imported as
 * types only (erased at build time, so no server code reaches the browser bundle).
 */
import type { Article as StoredArticle } from '../content/articles.types.js';

/** A story as the Admin API answers it, with what the signed-in person may do with it. */
export type { AdminArticle as Article, ArticleActions } from '../content/articles.access.js';
/** A story as stored, without anyone's permissions (a revision's snapshot). */
export type { StoredArticle };
export type { ArticleStatus as Status, FeaturedImage, TranslationLink } from '../content/articles.types.js';
export type { Tag } from '../content/tags.service.js';
export type { Section } from '../content/sections.service.js';
export type { PublicAuthor as Author } from '../people/users.service.js';
export type { Page } from '../content/articles.list.js';
export type { LibraryItem, MediaItem } from '../media/media.service.js';
export type { Removal, StaffMember } from '../people/users.admin.service.js';
export type { Guest } from '../people/guests.service.js';
export type { DemoSummary } from '../demo/demo-removal.service.js';
export type { LanguageState, LanguageStatus } from '../content/translation-state.js';
export type { TranslationGaps } from '../content/translations.service.js';

/** One saved version of a story, as `GET /articles/:id/revisions` lists it. */
export interface Revision {
  version: number;
  actor: string;
  createdAt: string;
  article: StoredArticle;
}
