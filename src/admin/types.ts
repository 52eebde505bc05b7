/** The Admin API's shapes, as the admin app reads them (src/content/articles.types.ts is the source). */
export type Status = 'draft' | 'scheduled' | 'published';

export interface Tag {
  id: number;
  language: string;
  name: string;
  slug: string;
}

export interface Section {
  id: number;
  names: Record<string, { name: string; slug: string }>;
}

export interface Author {
  id: number;
  name: string;
  slug: string;
}

export interface FeaturedImage {
  url: string;
  mediaId: number | null;
  caption: string;
  credit: string;
  alt: string;
}

export interface TranslationLink {
  id: number;
  language: string;
  title: string;
  status: Status;
  updatedAt: string;
}

export interface Article {
  id: number;
  storyId: number;
  language: string;
  title: string;
  standfirst: string;
  body: string;
  slug: string;
  url: string;
  section: { id: number; name: string } | null;
  tags: Tag[];
  authors: Author[];
  featuredImage: FeaturedImage | null;
  source: { name: string; url: string | null; publishedAt: string | null } | null;
  machineTranslated: boolean;
  translatedFrom: { id: number; language: string } | null;
  translations: TranslationLink[];
  seoTitle: string;
  seoDescription: string;
  status: Status;
  publishAt: string | null;
  publishedAt: string | null;
  updatedAt: string;
  deletedAt: string | null;
  version: number;
  createdBy: string;
}

export interface Page<T> {
  items: T[];
  pagination: { page: number; limit: number; total: number; pages: number };
}

export interface MediaItem {
  id: number;
  url: string;
  mimeType: string;
  width: number | null;
  height: number | null;
  originalName: string;
  alt: string;
  caption: string;
  credit: string;
  variants: Array<{ format: string; width: number; url: string }>;
}

export interface StaffMember {
  id: number;
  name: string;
  slug: string;
  role: string;
  email?: string;
  active?: boolean;
}

export interface Revision {
  version: number;
  actor: string;
  createdAt: string;
  article: Article;
}

export type LanguageState = 'original' | 'current' | 'outdated' | 'missing';

export interface LanguageStatus {
  language: string;
  state: LanguageState;
  articleId: number | null;
  title: string | null;
  status: Status | null;
  machineTranslated: boolean;
  updatedAt: string | null;
}
