/**
 * A remote actor's handle (`@user@instance`), found as Fedify's getActorHandle finds it — the
 * `acct:` name WebFinger gives for the actor, else `preferredUsername` at the actor's host — but
 * asked through the outbound guard (transport.ts): getActorHandle takes no document loader and
 * sends its WebFinger requests with the global fetch, which Herald's address policy, size caps
 * and timeouts never see.
 */
import type { Actor } from '@fedify/vocab';
import { fetchJson, type TransportPolicy } from './transport.js';

interface Jrd {
  subject?: string;
  aliases?: string[];
  links?: Array<{ rel?: string; href?: string }>;
}

async function webFinger(origin: string, resource: string, policy: TransportPolicy): Promise<Jrd | null> {
  try {
    return (await fetchJson(`${origin}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`, policy)) as Jrd;
  } catch {
    // Refused by the address policy, unreachable or not WebFinger: the actor's document says enough.
    return null;
  }
}

/**
 * Whether `user@domain`'s own WebFinger names `actorId`: a server may give its accounts handles on
 * another domain (Mastodon's WEB_DOMAIN), but only that domain can say the name is theirs.
 */
async function confirmedElsewhere(actorId: URL, user: string, domain: string, policy: TransportPolicy): Promise<boolean> {
  const jrd = await webFinger(`${actorId.protocol}//${domain}`, `acct:${user}@${domain}`, policy);
  return [...(jrd?.aliases ?? []), ...(jrd?.links ?? []).map((l) => l.href)].includes(actorId.href);
}

export async function actorHandle(actor: Actor, policy: TransportPolicy): Promise<string> {
  const id = actor.id;
  if (!id) return '';
  const jrd = await webFinger(id.origin, id.href, policy);
  for (const alias of [jrd?.subject, ...(jrd?.aliases ?? [])]) {
    const match = /^acct:([^@\s]+)@([^@\s]+)$/.exec(alias ?? '');
    if (!match) continue;
    const [, user, domain] = match;
    if (domain.toLowerCase() === id.host.toLowerCase() || (await confirmedElsewhere(id, user, domain, policy))) return `@${user}@${domain.toLowerCase()}`;
  }
  return actor.preferredUsername ? `@${actor.preferredUsername.toString()}@${id.host}` : '';
}
