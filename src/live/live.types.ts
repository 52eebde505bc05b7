/** A story carrying rolling coverage: its state, shared by every language version of the story. */
export interface LiveBlog {
  storyId: number;
  startedAt: string;
  /** "Coverage has ended" since then; null while the coverage goes on. */
  closedAt: string | null;
  /** Read-only since then: every change answers 409. */
  archivedAt: string | null;
  updatedAt: string;
}

export interface LivePicture {
  url: string;
  alt: string;
  caption: string;
  credit: string;
}

/** One entry as a reader of one language sees it: in that language when translated, else as written. */
export interface LiveEntry {
  id: number;
  storyId: number;
  /** The language `body` is in: the page's when a translation exists, else the one it was written in. */
  language: string;
  /** The language it was written in. */
  originalLanguage: string;
  /** Whether `body` is a translation, and made by a machine. */
  translated: boolean;
  machineTranslated: boolean;
  author: { id: number | null; name: string };
  /** Sanitized HTML (the story body's rules). */
  body: string;
  picture: LivePicture | null;
  /** A YouTube, Vimeo, X or Mastodon address (src/content/embeds.ts). */
  embedUrl: string | null;
  pinned: boolean;
  publishedAt: string;
  updatedAt: string;
  /** Set on a deleted entry (only the change stream and the admin's trash see those). */
  deletedAt: string | null;
}

/** What a change did to the blog, as announced to readers' live connections. */
export type LiveChange = 'entry' | 'deleted' | 'state';
