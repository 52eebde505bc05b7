/**
 * What the public site's comment routes do, whole, so that comments.site.tsx only parses the
 * request and answers: the comment section of a story page, a fresh form token, a reader's new
 * comment taken through the form's checks and the filter, and the comment a reply page shows.
 * Plain functions over a Store; no HTTP.
 */
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { AppError } from '../core/errors.js';
import type { Mailer } from '../core/mail.js';
import { siteSecret } from '../core/signing.js';
import { formSignals, formToken, pendingCookie, pendingFromCookie } from './comments.form.js';
import { findCommentRow, publishedThreadByPath } from './comments.repository.js';
import { checkInput, commentableStory, submitComment, threadOpen, threadView, toPublicComment, type CommentableStory, type ThreadView } from './comments.service.js';
import { COMMENT_SETTINGS_KEY, commentSettingsFrom, getCommentSettings } from './comments.settings.js';
import type { CommentStatus, NewComment, PublicComment, Submission } from './comments.types.js';
import { notifyAuthorsOfHeldComment } from './notify.service.js';

/** What the comment section of a story page needs, loaded before the (synchronous) render. */
export interface CommentsPageData {
  view: ThreadView;
  /** Signed form token: article, time the form was served, nonce. */
  token: string;
  /** The reader's own comments awaiting moderation (from the signed cookie). */
  ownPending: number[];
}

/** The comment section of the story at `/language/slug`, or null when no published story is there. */
export async function storyPageComments(
  db: Kysely<Schema>,
  page: { language: string; slug: string },
  reader: { pendingCookie: string | undefined; now: number },
): Promise<CommentsPageData | null> {
  const thread = await publishedThreadByPath(db, page.language, page.slug, COMMENT_SETTINGS_KEY);
  if (!thread) return null;
  const ownPending = pendingFromCookie(await siteSecret(db), reader.pendingCookie);
  const open = threadOpen(thread.published_at, thread.mode, commentSettingsFrom(thread.settings));
  return { view: await threadView(db, thread.id, ownPending, open), token: await formToken(db, thread.id, reader.now), ownPending };
}

/** A form token for a story readers may comment on (404 for any other). */
export async function storyFormToken(db: Kysely<Schema>, articleId: number, now: number): Promise<string> {
  return formToken(db, (await commentableStory(db, articleId)).id, now);
}

/** A reader's comment as the form sends it: the fields, the signed form token and the honeypot. */
export interface PostedComment extends Omit<NewComment, 'articleId'> {
  token?: string;
  honeypot?: string;
}

export interface ReceivedComment {
  status: CommentStatus;
  /** What the reader is shown of it: nothing for spam, not even to its sender, so a bot learns nothing. */
  comment: PublicComment | null;
  /** The reader's held-comments cookie, renewed with this one while it waits for a moderator; null when unchanged. */
  pendingCookie: string | null;
}

/**
 * Takes a reader's comment on `story`: its fields first (a reader who corrects one sends the same
 * form token again, which must not count as a replay), then the form's bot signals, then the
 * filter. A held comment is mailed to the story's authors without waiting (`mailFailed` hears
 * when that fails) and joins the reader's own held comments.
 */
export async function receiveComment(
  store: Store,
  story: CommentableStory,
  post: PostedComment,
  from: Submission & { pendingCookie: string | undefined; now: number },
  mail: { mailer: Mailer; baseUrl: string; mailFailed: (error: unknown) => void },
): Promise<ReceivedComment> {
  const { db } = store;
  const fields: NewComment = { articleId: story.id, parentId: post.parentId, name: post.name, email: post.email, url: post.url, body: post.body };
  checkInput(fields);
  const { minSecondsToSubmit } = await getCommentSettings(db);
  const signals = await formSignals(db, { token: post.token, articleId: story.id, honeypot: post.honeypot, ip: from.ip }, minSecondsToSubmit, from.now);
  const result = await submitComment(store, fields, { ip: from.ip, userAgent: from.userAgent }, signals);
  if (result.status === 'spam') return { status: result.status, comment: null, pendingCookie: null };
  const row = (await findCommentRow(db, result.id))!;
  let cookie: string | null = null;
  if (result.status === 'pending') {
    notifyAuthorsOfHeldComment(
      db,
      mail.mailer,
      { id: result.id, articleId: story.id, authorName: row.author_name, body: row.body, reasons: result.judgement.reasons },
      mail.baseUrl,
    ).catch(mail.mailFailed);
    const secret = await siteSecret(db);
    cookie = pendingCookie(secret, [...pendingFromCookie(secret, from.pendingCookie), result.id]);
  }
  return { status: result.status, comment: toPublicComment(row), pendingCookie: cookie };
}

/** The published comment a reply page answers, with its story, or null when there is none to show. */
export async function replyTarget(db: Kysely<Schema>, commentId: number, now: number): Promise<{ comment: PublicComment; story: CommentableStory; token: string } | null> {
  const row = await findCommentRow(db, commentId);
  if (!row || row.status !== 'approved') return null;
  // A comment stays approved when its story is unpublished; the story's address must not show.
  const story = await commentableStory(db, row.article_id).catch((error: unknown) => {
    if (error instanceof AppError && error.status === 404) return null;
    throw error;
  });
  if (!story) return null;
  return { comment: toPublicComment(row), story, token: await formToken(db, story.id, now) };
}
