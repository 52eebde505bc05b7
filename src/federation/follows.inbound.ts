/**
 * Follow and Undo(Follow): a fediverse account follows or leaves a language edition. A Follow
 * is accepted at once (the Accept is queued like any other activity and sent by the delivery
 * worker), or, when the site setting `federationFollowApproval` is on, waits as a request the
 * newsroom accepts or rejects (follow-requests.service.ts); an Undo removes the follower or
 * the request.
 */
import type { InboxContext } from '@fedify/fedify';
import { Follow, Undo, isActor } from '@fedify/vocab';
import type { FederationData } from './context.js';
import { queueActivity } from './activities.repository.js';
import { followAnswer } from './follow-answers.js';
import { actorHandle } from './handles.js';
import { followerStatus, removeFollower, saveFollower } from './followers.repository.js';
import type { InboundHandler } from './inbound.js';

/** The site language a Follow names, or null when it names no actor of this site. */
async function followedLanguage(ctx: InboxContext<FederationData>, follow: Follow): Promise<string | null> {
  if (!follow.objectId) return null;
  const parsed = ctx.parseUri(follow.objectId);
  if (parsed?.type !== 'actor') return null;
  const { languages } = await ctx.data.settings();
  return languages.includes(parsed.identifier) ? parsed.identifier : null;
}

const follow: InboundHandler<Follow> = {
  type: Follow,
  async handle(ctx, activity) {
    const language = await followedLanguage(ctx, activity);
    if (!language || !activity.id || !activity.actorId) return;
    const follower = await activity.getActor(ctx);
    // The signature was checked against this actor's key (Fedify); its inbox is where we answer.
    if (!follower || !isActor(follower) || !follower.id || !follower.inboxId) return;
    const db = ctx.data.database.db;
    // Someone who follows already stays in (a Follow sent again); anyone new waits for approval when the site asks for it.
    const known = await followerStatus(db, language, follower.id.href);
    const status = known === 'accepted' || !(await ctx.data.settings()).federationFollowApproval ? 'accepted' : 'pending';
    const row = { actor: language, follower_uri: follower.id.href, follow_id: activity.id.href, inbox: follower.inboxId.href };
    await saveFollower(db, {
      actor: language,
      followerUri: row.follower_uri,
      handle: await actorHandle(follower, ctx.data.policy),
      inbox: row.inbox,
      sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
      followId: row.follow_id,
      status,
    });
    if (status === 'pending') return;
    await queueActivity(db, await followAnswer(ctx, row, 'Accept'));
    ctx.data.queued();
  },
};

const unfollow: InboundHandler<Undo> = {
  type: Undo,
  async handle(ctx, activity) {
    const object = await activity.getObject(ctx);
    if (!(object instanceof Follow) || !activity.actorId) return;
    // Only the follower may take their Follow back (the signature is the Undo's actor's).
    if (object.actorId && object.actorId.href !== activity.actorId.href) return;
    const language = await followedLanguage(ctx, object);
    if (language) await removeFollower(ctx.data.database.db, language, activity.actorId.href);
  },
};

export const followHandlers: InboundHandler<any>[] = [follow, unfollow];
