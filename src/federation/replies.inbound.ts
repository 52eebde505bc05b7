/**
 * Replies from the fediverse: a Note answering one of the site's stories (or a reply already
 * taken in) becomes a comment through the comments' own service — the same spam filter and
 * moderation rules as a comment from the site, with the replier's handle and profile instead
 * of an e-mail address. Its Update edits the comment (judged again), its Delete removes it.
 *
 * Only the Note's own actor speaks for it: a Note whose id is on another server than the
 * actor who sent it, or attributed to someone else, is refused; so is an edit or deletion by
 * anyone but the actor who wrote it (remote.service.ts).
 */
import type { InboxContext } from '@fedify/fedify';
import { Article as ArticleObject, Create, Delete, Note, Update, isActor, type Actor } from '@fedify/vocab';
import { AppError } from '../core/errors.js';
import { submitComment } from '../comments/comments.service.js';
import { commentTextFromHtml } from '../comments/comments.render.js';
import { findCommentRow, findRemoteCommentRow } from '../comments/comments.repository.js';
import { removeRemoteComment, reviseRemoteComment } from '../comments/remote.service.js';
import type { RemoteAuthor } from '../comments/comments.types.js';
import type { FederationData } from './context.js';
import type { InboundHandler } from './inbound.js';

/**
 * The Note, if its sender wrote it. (One of another origin never gets here: inbound.ts drops it
 * before anything is fetched, since its server is not the one that signed.)
 */
async function ownNote(ctx: InboxContext<FederationData>, activity: Create | Update): Promise<Note | null> {
  if (!activity.objectId || !activity.actorId) return null;
  const object = await activity.getObject(ctx);
  if (!(object instanceof Note) || !object.id || object.id.href !== activity.objectId.href) return null;
  if (object.attributionId && object.attributionId.href !== activity.actorId.href) return null;
  return object;
}

/** The story a Note answers and the comment it replies to, if any: one of our Articles, one of our replies, or a reply already taken in. */
async function answered(ctx: InboxContext<FederationData>, note: Note): Promise<{ articleId: number; parentId: number | null } | null> {
  const target = note.replyTargetId;
  if (!target) return null;
  const parsed = ctx.parseUri(target);
  if (parsed?.type === 'object' && parsed.class === ArticleObject) {
    const articleId = Number(parsed.values.id);
    return Number.isSafeInteger(articleId) && articleId > 0 ? { articleId, parentId: null } : null;
  }
  // A reply to a reply of ours (replies.outbox.ts), or to one taken in before.
  const commentId = parsed?.type === 'object' && parsed.class === Note ? Number(parsed.values.id) : null;
  if (commentId !== null && !(Number.isSafeInteger(commentId) && commentId > 0)) return null;
  const db = ctx.data.database.db;
  const parent = commentId !== null ? await findCommentRow(db, commentId) : await findRemoteCommentRow(db, target.href);
  return parent ? { articleId: parent.article_id, parentId: parent.status === 'approved' ? parent.id : null } : null;
}

/**
 * The Note's text as a comment: Mastodon begins a reply with a mention of whom it answers
 * (`@fr@news.example`), which says nothing on the story's own page.
 */
function noteText(note: Note): string {
  const html = note.content?.toString() ?? '';
  return commentTextFromHtml(html).replace(/^(?:\s*@[\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}_.:-]+)?)+\s*/u, '');
}

/** Who the replier is: their name, `@user@instance` and profile page (their actor's `url`, else its id). */
function authorOf(actor: Actor, note: Note): { name: string; url: string; remote: RemoteAuthor } {
  const id = actor.id!;
  // Built from the actor's own document rather than a WebFinger round trip to their server.
  const handle = actor.preferredUsername ? `@${actor.preferredUsername.toString()}@${id.host}` : id.href;
  const profile = actor.url instanceof URL ? actor.url : (actor.url?.href ?? id);
  const name = actor.name?.toString().trim() || handle;
  return { name: name.slice(0, 100), url: profile.href, remote: { objectId: note.id!.href, actorUri: id.href, handle } };
}

async function senderOf(ctx: InboxContext<FederationData>, activity: Create | Update): Promise<Actor | null> {
  const actor = await activity.getActor(ctx);
  return actor && isActor(actor) && actor.id?.href === activity.actorId?.href ? actor : null;
}

/** A refusal of the comments' service (a closed thread, a story gone, an empty text) is an answer, not a failure to retry. */
async function unlessRefused(work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
  }
}

const reply: InboundHandler<Create> = {
  type: Create,
  async handle(ctx, activity) {
    const note = await ownNote(ctx, activity);
    if (!note) return;
    const target = await answered(ctx, note);
    if (!target || (await findRemoteCommentRow(ctx.data.database.db, note.id!.href))) return;
    const actor = await senderOf(ctx, activity);
    if (!actor) return;
    const { name, url, remote } = authorOf(actor, note);
    await unlessRefused(() =>
      submitComment(ctx.data.database, { articleId: target.articleId, parentId: target.parentId, name, email: '', url, body: noteText(note), remote }, { ip: null, userAgent: 'ActivityPub' }),
    );
  },
};

const edit: InboundHandler<Update> = {
  type: Update,
  async handle(ctx, activity) {
    const note = await ownNote(ctx, activity);
    if (!note) return;
    const actor = await senderOf(ctx, activity);
    if (!actor) return;
    const { name, url, remote } = authorOf(actor, note);
    await unlessRefused(() => reviseRemoteComment(ctx.data.database, remote, { name, url, body: noteText(note) }));
  },
};

const deletion: InboundHandler<Delete> = {
  type: Delete,
  async handle(ctx, activity) {
    // Not fetched: a deleted Note answers 410. Its id says what it was; the signer, who asks.
    if (!activity.objectId || !activity.actorId) return;
    await removeRemoteComment(ctx.data.database, activity.objectId.href, activity.actorId.href);
  },
};

export const replyHandlers: InboundHandler<any>[] = [reply, edit, deletion];
