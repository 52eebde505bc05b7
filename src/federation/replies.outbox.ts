/**
 * Answers going back: a comment published on the site that answers a reply from the fediverse
 * is sent to the replier as a reply of its own (a Note from the story's language edition, in
 * reply to their Note). Editing it later sends an Update; taking it off the site (trash, spam,
 * deletion) sends a Delete. A comment is sent once: published again after its Delete, it stays
 * on the site only (the fediverse keeps a tombstone at its address). A replier whose instance
 * was blocked since is sent nothing.
 *
 * Comments announce their writes once committed (comments.service.ts `announce`), so the
 * activity is queued right after; the replier's inbox is looked up when it is fanned out
 * (delivery.ts), never in the moderator's request.
 */
import type { Context } from '@fedify/fedify';
import { Create, Delete, Note, PUBLIC_COLLECTION, Tombstone, Update } from '@fedify/vocab';
import type { Kysely } from 'kysely';
import { findCommentRow } from '../comments/comments.repository.js';
import { isPubliclyVisible } from '../content/articles.repository.js';
import { absoluteUrl, articlePath } from '../content/urls.js';
import type { Store, WriteEvent } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { lastCommentActivity, queueActivity, type OutgoingType } from './activities.repository.js';
import type { FederationData } from './context.js';
import { isBlockedActor } from './editions.service.js';
import type { Fediverse } from './fediverse.js';
import { instant, replyNote, type SiteReply } from './objects.js';

/** The published site comment `commentId` and the fediverse reply it answers, or null when it answers none. */
export async function siteReply(db: Kysely<Schema>, commentId: number, baseUrl: string): Promise<SiteReply | null> {
  const comment = await findCommentRow(db, commentId);
  if (!comment || comment.status !== 'approved' || comment.remote_object_id !== null || comment.parent_id === null) return null;
  const parent = await findCommentRow(db, comment.parent_id);
  if (!parent?.remote_object_id || !parent.remote_actor) return null;
  const story = await db.selectFrom('articles').select(['language', 'slug', 'kind', 'status', 'deleted_at']).where('id', '=', comment.article_id).executeTakeFirst();
  if (!story || story.kind !== 'story' || !isPubliclyVisible(story)) return null;
  return {
    comment: { id: comment.id, body: comment.body, authorName: comment.author_name, createdAt: comment.created_at, updatedAt: comment.updated_at },
    answered: { objectId: parent.remote_object_id, actorUri: parent.remote_actor, handle: parent.author_handle, profile: parent.author_url ?? parent.remote_actor },
    story: { language: story.language, url: absoluteUrl(baseUrl, articlePath(story.language, story.slug)) },
  };
}

/** The Note of a site reply, at the URIs of its language's edition. */
export function replyNoteFor(ctx: Context<FederationData>, reply: SiteReply): Note {
  return replyNote(reply, {
    id: ctx.getObjectUri(Note, { id: String(reply.comment.id) }),
    actor: ctx.getActorUri(reply.story.language),
    followers: ctx.getFollowersUri(reply.story.language),
  });
}

/** What a write of a comment means for the replier it answers, given what was last sent about it. */
export function replyActivityOf(action: WriteEvent['action'], last: string | undefined): OutgoingType | null {
  if (action === 'published') return last === undefined ? 'Create' : null;
  if (last === undefined || last === 'Delete') return null;
  if (action === 'updated') return 'Update';
  return action === 'unpublished' || action === 'deleted' ? 'Delete' : null;
}

async function queueReplyActivity(fediverse: Fediverse, commentId: number, action: WriteEvent['action']): Promise<boolean> {
  const { db } = fediverse.data.database;
  const settings = await fediverse.data.settings();
  if (!settings.federation) return false;
  const last = await lastCommentActivity(db, commentId);
  const type = replyActivityOf(action, last?.type);
  if (!type) return false;
  const ctx = fediverse.federation.createContext(new URL(settings.baseUrl), fediverse.data);
  const noteId = ctx.getObjectUri(Note, { id: String(commentId) });
  if (type === 'Delete') {
    // The comment may be gone: whom to tell, and as which edition, is what the last activity said.
    const actor = ctx.getActorUri(last!.actor);
    const to = new URL(last!.recipient_actor!);
    const deletion = new Delete({ id: new URL(`${noteId.href}#delete`), actor, object: new Tombstone({ id: noteId }), to, ccs: [PUBLIC_COLLECTION, ctx.getFollowersUri(last!.actor)] });
    await queueActivity(db, { activityId: deletion.id!.href, actor: last!.actor, type, commentId, recipientActor: to.href, payload: JSON.stringify(await deletion.toJsonLd({ contextLoader: ctx.contextLoader })) });
    return true;
  }
  const reply = await siteReply(db, commentId, settings.baseUrl);
  if (!reply || !settings.languages.includes(reply.story.language)) return false;
  // An instance blocked since its reply came in is sent nothing more, as its followers are not.
  if (type === 'Create' && (await isBlockedActor(db, reply.answered.actorUri))) return false;
  const note = replyNoteFor(ctx, reply);
  const actor = ctx.getActorUri(reply.story.language);
  const addressed = { actor, object: note, tos: note.toIds, ccs: note.ccIds };
  // The Create's id is the comment's: two processes publishing the same comment queue it once.
  const activity =
    type === 'Create'
      ? new Create({ id: new URL(`${noteId.href}#create`), ...addressed, published: instant(reply.comment.createdAt) })
      : new Update({ id: new URL(`${noteId.href}#updates/${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`), ...addressed, updated: instant(reply.comment.updatedAt) });
  await queueActivity(db, {
    activityId: activity.id!.href,
    actor: reply.story.language,
    type,
    commentId,
    recipientActor: reply.answered.actorUri,
    payload: JSON.stringify(await activity.toJsonLd({ contextLoader: ctx.contextLoader })),
  });
  return true;
}

const installed = new WeakSet<Store>();

/** Sends site comments back to the fediverse replies they answer, on every comment write of this store. */
export function installReplyOutbox(store: Store, fediverse: Fediverse): void {
  if (installed.has(store)) return;
  installed.add(store);
  store.hooks.afterCommit(async (event) => {
    // Id 0: a change of the whole thread (comments opened or closed), not of one comment.
    if (event.entity !== 'comment' || event.id === 0) return;
    if (await queueReplyActivity(fediverse, event.id, event.action)) fediverse.data.queued();
  });
}
