/**
 * A language edition following another fediverse account (`herald fediverse follow`): Herald's
 * editions are followed rather than following, but one outlet may follow a partner's edition,
 * and it is how two Herald servers are tested against each other. The Follow and its Undo go
 * out through the same queue as everything else.
 */
import { randomUUID } from 'node:crypto';
import { Follow, Object as ApObject, Undo, isActor, type Actor } from '@fedify/vocab';
import { AppError, invalid } from '../core/errors.js';
import { queueActivity } from './activities.repository.js';
import type { Fediverse } from './fediverse.js';
import { documentLoader, fetchJson, type TransportPolicy } from './transport.js';

/**
 * The remote actor a handle (`@fr@news.example`) or an actor URL names, fetched through the
 * outbound guard. Not Fedify's lookupObject: when the document cannot be fetched, it tries
 * WebFinger with the global fetch, which Herald's address policy and size caps never see.
 */
export async function findRemoteActor(policy: TransportPolicy, target: string): Promise<Actor> {
  try {
    return await fetchRemoteActor(policy, target);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw new AppError('NOT_FOUND', `Could not fetch ${target}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function fetchRemoteActor(policy: TransportPolicy, target: string): Promise<Actor> {
  let actorUrl = target;
  const handle = /^@?([^@\s]+)@([^@\s]+)$/.exec(target.replace(/^acct:/, ''));
  if (handle) {
    const [, user, host] = handle;
    const jrd = (await fetchJson(`https://${host}/.well-known/webfinger?resource=${encodeURIComponent(`acct:${user}@${host}`)}`, policy)) as { links?: Array<{ rel?: string; type?: string; href?: string }> };
    const self = jrd.links?.find((l) => l.rel === 'self' && /activity\+json|ld\+json/.test(l.type ?? '') && l.href);
    if (!self?.href) throw new AppError('NOT_FOUND', `${target} has no ActivityPub account.`);
    actorUrl = self.href;
  } else if (!URL.canParse(target) || !/^https?:$/.test(new URL(target).protocol)) {
    throw invalid([{ field: 'account', message: 'must be a handle such as @fr@news.example or an actor URL' }]);
  }
  const loader = documentLoader(policy);
  const { document } = await loader(actorUrl);
  const actor = await ApObject.fromJsonLd(document, { documentLoader: loader, contextLoader: loader });
  if (!isActor(actor) || !actor.id || !actor.inboxId) throw new AppError('NOT_FOUND', `${target} is not an ActivityPub account.`);
  return actor;
}

async function localActor(fediverse: Fediverse, language: string) {
  const settings = await fediverse.data.settings();
  if (!settings.languages.includes(language)) throw invalid([{ field: 'language', message: `must be one of the site's languages (${settings.languages.join(', ')})` }]);
  const ctx = fediverse.federation.createContext(new URL(settings.baseUrl), fediverse.data);
  return { ctx, uri: ctx.getActorUri(language) };
}

/** Queues a Follow of `target` from the edition `language`; returns the followed actor's id. */
export async function followAccount(fediverse: Fediverse, language: string, target: string): Promise<string> {
  const { ctx, uri } = await localActor(fediverse, language);
  const remote = await findRemoteActor(fediverse.data.policy, target);
  const follow = new Follow({ id: new URL(`${uri.href}#follows/${randomUUID()}`), actor: uri, object: remote.id, to: remote.id });
  await queueActivity(fediverse.data.database.db, {
    activityId: follow.id!.href,
    actor: language,
    type: 'Follow',
    recipientInbox: remote.inboxId!.href,
    payload: JSON.stringify(await follow.toJsonLd({ contextLoader: ctx.contextLoader })),
  });
  fediverse.data.queued();
  return remote.id!.href;
}

/** Queues the Undo of the edition's latest Follow of `target`. */
export async function unfollowAccount(fediverse: Fediverse, language: string, target: string): Promise<string> {
  const { ctx, uri } = await localActor(fediverse, language);
  const remote = await findRemoteActor(fediverse.data.policy, target);
  const db = fediverse.data.database.db;
  const sent = await db.selectFrom('federation_activities').select(['payload']).where('actor', '=', language).where('type', '=', 'Follow').orderBy('id', 'desc').execute();
  let follow: Follow | null = null;
  for (const row of sent) {
    const candidate = await Follow.fromJsonLd(JSON.parse(row.payload!), { contextLoader: ctx.contextLoader, documentLoader: ctx.contextLoader });
    if (candidate.objectId?.href === remote.id!.href) {
      follow = candidate;
      break;
    }
  }
  if (!follow) throw new AppError('NOT_FOUND', `The ${language} edition does not follow ${target}.`);
  const undo = new Undo({ id: new URL(`${uri.href}#undo/${randomUUID()}`), actor: uri, object: follow, to: remote.id });
  await queueActivity(db, {
    activityId: undo.id!.href,
    actor: language,
    type: 'Undo',
    recipientInbox: remote.inboxId!.href,
    payload: JSON.stringify(await undo.toJsonLd({ contextLoader: ctx.contextLoader })),
  });
  fediverse.data.queued();
  return remote.id!.href;
}
