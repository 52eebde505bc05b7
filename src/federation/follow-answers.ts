/**
 * The answer to a Follow of an edition, sent to the follower's own inbox: an Accept (they follow
 * it now) or a Reject (a request declined, a follower removed — Mastodon and the others then
 * drop the follow on their side too). Its id comes from the Follow's, so the same follow answered
 * twice (an inbox handled again, two editors at once) queues one activity.
 */
import { createHash } from 'node:crypto';
import type { Context } from '@fedify/fedify';
import { Accept, Follow, Reject } from '@fedify/vocab';
import type { OutgoingActivity } from './activities.repository.js';
import type { FederationData } from './context.js';
import type { Fediverse } from './fediverse.js';

/** The follow being answered, as a follower row holds it. */
export interface AnsweredFollow {
  /** The followed edition: a site language. */
  actor: string;
  follower_uri: string;
  follow_id: string;
  inbox: string;
}

export async function followAnswer(ctx: Context<FederationData>, follow: AnsweredFollow, type: 'Accept' | 'Reject'): Promise<OutgoingActivity> {
  const edition = ctx.getActorUri(follow.actor);
  const follower = new URL(follow.follower_uri);
  const object = new Follow({ id: new URL(follow.follow_id), actor: follower, object: edition });
  const digest = createHash('sha256').update(follow.follow_id).digest('hex').slice(0, 32);
  const Answer = type === 'Accept' ? Accept : Reject;
  const answer = new Answer({ id: new URL(`${edition.href}#${type.toLowerCase()}s/${digest}`), actor: edition, object, to: follower });
  return {
    activityId: answer.id!.href,
    actor: follow.actor,
    type,
    recipientInbox: follow.inbox,
    payload: JSON.stringify(await answer.toJsonLd({ contextLoader: ctx.contextLoader })),
  };
}

/** A context for the site's own addresses outside a request (the admin, the CLI). */
export async function siteContext(fediverse: Fediverse): Promise<Context<FederationData>> {
  const settings = await fediverse.data.settings();
  return fediverse.federation.createContext(new URL(settings.baseUrl), fediverse.data);
}
