/**
 * The newsroom's side of the fediverse: who follows each language edition, removing a follower
 * (their server told with a Reject), the follow requests waiting for approval (accepted or
 * rejected, their server told either way), and blocking an instance (its followers removed,
 * what its accounts send dropped by inbound.ts).
 */
import type { Kysely } from 'kysely';
import { invalidField, notFound } from '../core/errors.js';
import type { FollowerStatus, Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { assertCan, type Actor } from '../people/permissions.js';
import { queueActivity, type OutgoingActivity } from './activities.repository.js';
import type { Fediverse } from './fediverse.js';
import { followAnswer, siteContext } from './follow-answers.js';
import { countFollowers, followersPage } from './followers.repository.js';
import { actorHandle } from './paths.js';

export interface Edition {
  language: string;
  handle: string;
  followers: number;
  /** Follow requests waiting for approval. */
  requests: number;
}

export interface Follower {
  id: number;
  handle: string;
  uri: string;
  instance: string;
  since: string;
}

const PAGE = 50;

export async function listEditions(db: Kysely<Schema>, actor: Actor, site: { languages: string[]; baseUrl: string }): Promise<Edition[]> {
  assertCan(actor, 'fediverse.manage');
  return Promise.all(
    site.languages.map(async (language) => ({
      language,
      handle: actorHandle(site.baseUrl, language),
      followers: await countFollowers(db, language),
      requests: await countFollowers(db, language, 'pending'),
    })),
  );
}

/** One page of an edition's followers (or of its follow requests), oldest first, after the follower `after`. */
export async function listFollowers(db: Kysely<Schema>, actor: Actor, language: string, after = 0, status: FollowerStatus = 'accepted'): Promise<{ items: Follower[]; next: number | null }> {
  assertCan(actor, 'fediverse.manage');
  const rows = await followersPage(db, language, after, PAGE, status);
  const items = rows.map((r) => ({ id: r.id, handle: r.handle, uri: r.follower_uri, instance: new URL(r.follower_uri).host, since: r.created_at }));
  return { items, next: rows.length === PAGE ? rows[rows.length - 1].id : null };
}

/**
 * Removes a follower (or a follow request), and sends their server a Reject of their Follow.
 * They may follow again, unless their instance is blocked.
 */
export async function removeFollowerById(fediverse: Fediverse, actor: Actor, id: number, status: FollowerStatus = 'accepted'): Promise<void> {
  assertCan(actor, 'fediverse.manage');
  const { db } = fediverse.data.database;
  const what = status === 'accepted' ? 'Follower' : 'Follow request';
  const follower = await db.selectFrom('federation_followers').selectAll().where('id', '=', id).where('status', '=', status).executeTakeFirst();
  if (!follower) throw notFound(`${what} #${id}`);
  const reject = await followAnswer(await siteContext(fediverse), follower, 'Reject');
  await db.transaction().execute(async (trx) => {
    if (!(await withdrawFollow(trx, id, reject, status))) throw notFound(`${what} #${id}`);
  });
  fediverse.data.queued();
}

/**
 * Deletes one follow and queues the Reject that tells the follower's server, in the caller's
 * transaction. False when another editor removed (or answered) it meanwhile: they told that
 * server already.
 */
async function withdrawFollow(trx: Kysely<Schema>, id: number, reject: OutgoingActivity, status?: FollowerStatus): Promise<boolean> {
  let removal = trx.deleteFrom('federation_followers').where('id', '=', id);
  if (status) removal = removal.where('status', '=', status);
  if (Number((await removal.executeTakeFirst()).numDeletedRows) === 0) return false;
  await queueActivity(trx, reject);
  return true;
}

/** Accepts a follow request: the follower gets the edition's stories from now on, and their server an Accept. */
export async function acceptFollowRequest(fediverse: Fediverse, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'fediverse.manage');
  const { db } = fediverse.data.database;
  const request = await db.selectFrom('federation_followers').selectAll().where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
  if (!request) throw notFound(`Follow request #${id}`);
  const accept = await followAnswer(await siteContext(fediverse), request, 'Accept');
  await db.transaction().execute(async (trx) => {
    const result = await trx.updateTable('federation_followers').set({ status: 'accepted' }).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw notFound(`Follow request #${id}`);
    await queueActivity(trx, accept);
  });
  fediverse.data.queued();
}

/** `Spam.Example`, `https://spam.example/@x` → `spam.example`; anything else is refused. */
export function instanceHost(raw: string): string {
  const text = raw.trim().replace(/^@?[^@\s/]+@(?=[^@\s/]+$)/, '');
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  const host = URL.canParse(candidate) ? new URL(candidate).host.toLowerCase() : '';
  if (!text || !host || (!host.includes('.') && !host.includes(':') && host !== 'localhost')) throw invalidField('instance', 'must be an instance’s domain name, such as mastodon.example');
  return host;
}

export async function listBlockedInstances(db: Kysely<Schema>, actor: Actor): Promise<Array<{ host: string; createdAt: string }>> {
  assertCan(actor, 'fediverse.manage');
  const rows = await db.selectFrom('federation_blocked_instances').selectAll().orderBy('host').execute();
  return rows.map((r) => ({ host: r.host, createdAt: r.created_at }));
}

/** Blocks an instance and removes its followers from every edition; answers how many went. */
export async function blockInstance(fediverse: Fediverse, actor: Actor, raw: string): Promise<{ host: string; removedFollowers: number }> {
  assertCan(actor, 'fediverse.manage');
  const { db } = fediverse.data.database;
  const host = instanceHost(raw);
  const followers = (await db.selectFrom('federation_followers').selectAll().execute()).filter(
    (f) => URL.canParse(f.follower_uri) && new URL(f.follower_uri).host.toLowerCase() === host,
  );
  // Each follow is answered with a Reject, as Mastodon does when a person blocks a domain: the
  // people there then see that they no longer follow the edition, instead of waiting for stories.
  const context = await siteContext(fediverse);
  const rejects = await Promise.all(followers.map((follower) => followAnswer(context, follower, 'Reject')));
  const removed = await db.transaction().execute(async (trx) => {
    await trx.insertInto('federation_blocked_instances').values({ host, created_at: nowIso() }).onConflict((oc) => oc.column('host').doNothing()).execute();
    let count = 0;
    for (const [i, follower] of followers.entries()) if (await withdrawFollow(trx, follower.id, rejects[i])) count++;
    return count;
  });
  if (removed) fediverse.data.queued();
  return { host, removedFollowers: removed };
}

export async function unblockInstance(db: Kysely<Schema>, actor: Actor, host: string): Promise<void> {
  assertCan(actor, 'fediverse.manage');
  const result = await db.deleteFrom('federation_blocked_instances').where('host', '=', host.toLowerCase()).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Blocked instance ${host}`);
}

/** Whether what `actorUri` sends is dropped. */
export async function isBlockedActor(db: Kysely<Schema>, actorUri: string): Promise<boolean> {
  if (!URL.canParse(actorUri)) return false;
  const host = new URL(actorUri).host.toLowerCase();
  return (await db.selectFrom('federation_blocked_instances').select('host').where('host', '=', host).executeTakeFirst()) !== undefined;
}
