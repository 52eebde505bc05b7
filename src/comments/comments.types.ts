export const COMMENT_STATUSES = ['pending', 'approved', 'spam', 'trash'] as const;
export type CommentStatus = (typeof COMMENT_STATUSES)[number];

export const MODERATION_ACTIONS = ['approve', 'spam', 'not-spam', 'trash', 'restore'] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/** Replies nest to this depth; a reply to a comment at the deepest level joins its parent's thread. */
export const MAX_DEPTH = 3;

/** What moderators see. */
export interface AdminComment {
  id: number;
  articleId: number;
  article: { title: string; language: string; url: string } | null;
  parentId: number | null;
  depth: number;
  status: CommentStatus;
  /** `handle` (`@user@instance`) for a reply from the fediverse, whose `email` is empty. */
  author: { name: string; email: string; url: string | null; ip: string | null; userAgent: string; userId: number | null; handle: string | null };
  body: string;
  html: string;
  score: number;
  reasons: string[];
  createdAt: string;
  updatedAt: string;
}

/** What a reader sees: never the e-mail, IP or score. */
export interface PublicComment {
  id: number;
  parentId: number | null;
  depth: number;
  authorName: string;
  authorUrl: string | null;
  /** `@user@instance` when the comment is a reply from the fediverse (authorUrl: their profile). */
  authorHandle: string | null;
  html: string;
  createdAt: string;
  /** Shown only to its author (through the signed cookie) until approved. */
  pending: boolean;
  /** Written by someone of the newsroom. */
  staff: boolean;
}

export interface NewComment {
  articleId: number;
  parentId?: number | null;
  name: string;
  email: string;
  url?: string | null;
  body: string;
  /** A reply from the fediverse: no e-mail address, the replier's handle and profile instead. */
  remote?: RemoteAuthor;
}

/** Who wrote a comment on the fediverse, and the Note it is. */
export interface RemoteAuthor {
  /** The Note's id: its later Update or Delete names it. */
  objectId: string;
  /** The replier's actor: only they may edit or delete the comment. */
  actorUri: string;
  /** `@user@instance`. */
  handle: string;
}

/** Where a submission came from, as the HTTP layer saw it. */
export interface Submission {
  ip: string | null;
  userAgent: string;
}
