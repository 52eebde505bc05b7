/**
 * Follow and Undo(Follow): a fediverse account follows or leaves a language edition. A Follow
 * is accepted at once (the Accept is queued like any other activity and sent by the delivery
 * worker); an Undo removes the follower.
 */
import { createHash } from 'node:crypto';
import type { InboxContext } from '@fedify/fedify';
import { Accept, Follow, Undo, getActorHandle, isActor } from '@fedify/vocab';
import type { FederationData } from './context.js';
import { queueActivity } from './activities.repository.js';
import { removeFollower, saveFollower } from './followers.repository.js';
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
    const handle = await getActorHandle(follower).catch(() => '');
    const db = ctx.data.database.db;
    await saveFollower(db, {
      actor: language,
      followerUri: follower.id.href,
      handle,
      inbox: follower.inboxId.href,
      sharedInbox: follower.endpoints?.sharedInbox?.href ?? null,
      followId: activity.id.href,
    });
    const actor = ctx.getActorUri(language);
    // Derived from the Follow's id: a Follow handled twice queues one Accept.
    const digest = createHash('sha256').update(activity.id.href).digest('hex').slice(0, 32);
    const accept = new Accept({ id: new URL(`${actor.href}#accepts/${digest}`), actor, object: activity, to: follower.id });
    await queueActivity(db, {
      activityId: accept.id!.href,
      actor: language,
      type: 'Accept',
      recipientInbox: follower.inboxId.href,
      payload: JSON.stringify(await accept.toJsonLd({ contextLoader: ctx.contextLoader })),
    });
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
