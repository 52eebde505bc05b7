/**
 * Inbound activities, after Fedify has checked their signature. Each kind of activity a part
 * of Herald cares about is an InboundHandler; `INBOUND_HANDLERS` lists them all and
 * federation.ts registers one Fedify listener per activity type that calls each handler of
 * that type. To handle something new (a reply, a Like), write a handler in its own file and
 * add it to the list.
 *
 * Every activity handled is recorded in `federation_inbox` by its id: the same activity
 * delivered twice (a retry, a process killed mid-way) is handled once.
 *
 * Fedify has checked that the signature is the actor's; what the actor speaks for is checked
 * here, before any handler runs (spokenFor): an activity about another server's things is
 * dropped, and not recorded either.
 */
import type { InboxContext } from '@fedify/fedify';
import { Announce, Create, Delete, Follow, Like, Undo, Update, type Activity } from '@fedify/vocab';
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import type { FederationData } from './context.js';
import { isBlockedActor } from './editions.service.js';
import { followHandlers } from './follows.inbound.js';
import { reactionHandlers } from './reactions.inbound.js';
import { replyHandlers } from './replies.inbound.js';

export interface InboundHandler<A extends Activity = Activity> {
  /** The vocabulary class (Follow, Undo, Create …). */
  type: new (...args: any[]) => A;
  /**
   * Handles one activity; `recipient` is the site language whose inbox received it (null:
   * the shared inbox). Throwing makes Fedify retry later with backoff.
   */
  handle(ctx: InboxContext<FederationData>, activity: A, recipient: string | null): Promise<void>;
}

export const INBOUND_HANDLERS: InboundHandler<any>[] = [...followHandlers, ...replyHandlers, ...reactionHandlers];

async function alreadyHandled(db: Kysely<Schema>, activityId: string): Promise<boolean> {
  return (await db.selectFrom('federation_inbox').select('id').where('activity_id', '=', activityId).executeTakeFirst()) !== undefined;
}

/** `Follow` for https://www.w3.org/ns/activitystreams#Follow. */
function typeName(activity: Activity): string {
  const typeId = (activity.constructor as typeof Activity).typeId.href;
  return typeId.slice(Math.max(typeId.lastIndexOf('#'), typeId.lastIndexOf('/')) + 1);
}

/** Activities about an object of the sender's own server: what they create, change, delete or take back. */
const ABOUT_OWN_OBJECT = [Create, Update, Delete, Undo];
/** Activities about an object of this site: an edition followed, a story liked or boosted. */
const ABOUT_OUR_OBJECT = [Follow, Like, Announce];

/**
 * Whether the sender speaks for what the activity names. Its id is on the sender's server (else
 * one server could take another's activity ids, and Undo them); an edit, deletion or Undo is of
 * something on the sender's server; a Follow, Like or boost is of something on this site.
 */
export function spokenFor(activity: Activity, siteOrigin: string): boolean {
  const actor = activity.actorId;
  if (!actor) return false;
  if (activity.id && activity.id.origin !== actor.origin) return false;
  const object = activity.objectId;
  if (ABOUT_OWN_OBJECT.some((type) => activity instanceof type)) return object !== null && object.origin === actor.origin;
  if (ABOUT_OUR_OBJECT.some((type) => activity instanceof type)) return object !== null && object.origin === siteOrigin;
  return true;
}

/** Runs the handlers of the activity's type once per activity id, then records it. */
export async function handleInbound(ctx: InboxContext<FederationData>, activity: Activity, handlers: InboundHandler[]): Promise<void> {
  const db = ctx.data.database.db;
  const id = activity.id?.href;
  // A blocked instance's activities (follows, replies, likes) are dropped, and not kept either.
  if (activity.actorId && (await isBlockedActor(db, activity.actorId.href))) return;
  if (!spokenFor(activity, ctx.origin)) return;
  // An activity without an id cannot be recognised again: handled, never recorded.
  if (id && (await alreadyHandled(db, id))) return;
  for (const handler of handlers) await handler.handle(ctx, activity, ctx.recipient);
  if (!id) return;
  const json = await activity.toJsonLd({ contextLoader: ctx.contextLoader });
  await db
    .insertInto('federation_inbox')
    .values({
      activity_id: id,
      type: typeName(activity),
      recipient: ctx.recipient,
      actor_uri: activity.actorId?.href ?? '',
      object_id: activity.objectId?.href ?? null,
      payload: JSON.stringify(json),
      received_at: nowIso(),
    })
    .onConflict((oc) => oc.column('activity_id').doNothing())
    .execute();
}
