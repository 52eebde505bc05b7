/**
 * Every request the fediverse part of Herald sends goes through core/outbound-http: fetching a
 * remote actor or key (Fedify's document loaders below), a follower's handle (handles.ts) and
 * posting an activity to an inbox (delivery.ts). Fedify's own loaders and sender use fetch, which reaches any address; these
 * keep Herald's address policy (public addresses only), size caps and timeouts.
 *
 * HERALD_FEDERATION_ALLOW_PRIVATE_ADDRESS (tests only) lifts the address policy, as Fedify's
 * `allowPrivateAddress` option does, so that two servers on loopback can talk.
 */
import { signRequest } from '@fedify/fedify';
import { preloadedContexts, type AuthenticatedDocumentLoaderFactory, type DocumentLoader, type RemoteDocument } from '@fedify/vocab-runtime';
import { outboundRequest, type OutboundResponse } from '../core/outbound-http.js';

export interface TransportPolicy {
  /** config.outboundAllow: hosts and ranges reachable although not public. */
  outboundAllow: readonly string[];
  /** config.federationAllowPrivateAddress: every address is reachable (tests on loopback). */
  allowPrivateAddress: boolean;
}

const DOCUMENT_MAX_BYTES = 1024 * 1024;
const TIMEOUT_MS = 10_000;
export const ACTIVITY_MEDIA_TYPE = 'application/activity+json';
const ACCEPT = `${ACTIVITY_MEDIA_TYPE}, application/ld+json; profile="https://www.w3.org/ns/activitystreams", application/json;q=0.9`;
const USER_AGENT = 'Herald (ActivityPub; Fedify)';

export function allowListOf(policy: TransportPolicy): string[] {
  return policy.allowPrivateAddress ? [...policy.outboundAllow, '0.0.0.0/0', '::/0'] : [...policy.outboundAllow];
}

function asDocument(url: string, response: OutboundResponse): RemoteDocument {
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const type = (response.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (!/^application\/(activity\+json|ld\+json|json|jrd\+json)$/.test(type)) throw new Error(`${url} answered ${type || 'no content type'}, not JSON-LD`);
  let document: unknown;
  try {
    document = JSON.parse(response.text());
  } catch {
    throw new Error(`${url} answered malformed JSON`);
  }
  return { contextUrl: null, document, documentUrl: response.url };
}

async function get(url: string, policy: TransportPolicy, headers: Record<string, string>): Promise<RemoteDocument> {
  const response = await outboundRequest(url, {
    headers: { accept: ACCEPT, 'user-agent': USER_AGENT, ...headers },
    maxBytes: DOCUMENT_MAX_BYTES,
    allow: allowListOf(policy),
    timeoutMs: TIMEOUT_MS,
    maxRedirects: 3,
  });
  return asDocument(url, response);
}

/** A JSON document (a WebFinger answer) fetched through the outbound guard. */
export async function fetchJson(url: string, policy: TransportPolicy): Promise<unknown> {
  return (await get(url, policy, { accept: 'application/jrd+json, application/json' })).document;
}

/** The JSON-LD contexts Fedify ships are answered without a request; everything else is fetched. */
export function documentLoader(policy: TransportPolicy): DocumentLoader {
  return async (url) => {
    if (Object.hasOwn(preloadedContexts, url)) return { contextUrl: null, document: preloadedContexts[url], documentUrl: url };
    return get(url, policy, {});
  };
}

/** A loader whose GETs carry the actor's signature (servers in "secure mode" ask for one). */
export function authenticatedDocumentLoaderFactory(policy: TransportPolicy): AuthenticatedDocumentLoaderFactory {
  return (identity) => async (url) => {
    if (Object.hasOwn(preloadedContexts, url)) return { contextUrl: null, document: preloadedContexts[url], documentUrl: url };
    const signed = await signRequest(new Request(url, { headers: { accept: ACCEPT } }), identity.privateKey, identity.keyId, { spec: 'draft-cavage-http-signatures-12' });
    return get(url, policy, Object.fromEntries(signed.headers));
  };
}

/** POSTs one activity to an inbox, signed with the actor's RSA key (draft-cavage, which every server reads). */
export async function postActivity(
  inbox: string,
  body: string,
  key: { keyId: URL; privateKey: CryptoKey },
  policy: TransportPolicy,
  timeoutMs = TIMEOUT_MS,
): Promise<{ status: number }> {
  const request = new Request(inbox, { method: 'POST', body, headers: { 'content-type': ACTIVITY_MEDIA_TYPE } });
  const signed = await signRequest(request, key.privateKey, key.keyId, { spec: 'draft-cavage-http-signatures-12', body: new TextEncoder().encode(body).buffer as ArrayBuffer });
  const response = await outboundRequest(inbox, {
    method: 'POST',
    body,
    headers: { ...Object.fromEntries(signed.headers), 'user-agent': USER_AGENT },
    // Only the status counts; the receiver's answer is not read and its redirects not followed.
    maxBytes: 0,
    readBody: false,
    maxRedirects: 0,
    allow: allowListOf(policy),
    timeoutMs,
    connectTimeoutMs: Math.min(timeoutMs, 5_000),
  });
  return { status: response.status };
}
