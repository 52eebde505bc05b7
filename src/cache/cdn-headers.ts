import { createHash } from 'node:crypto';
import type { IncomingHttpHeaders, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { CacheConfig } from '../config.js';
import type { CachedPage } from './page-store.js';

/** A strong validator of the exact bytes sent. */
export function etagOf(body: Buffer): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/** `If-None-Match` names this entity tag (or `*`): the client's copy is still good. */
export function notModified(headers: IncomingHttpHeaders, etag: string): boolean {
  const condition = headers['if-none-match'];
  if (!condition) return false;
  const bare = etag.replace(/^W\//, '');
  return condition === '*' || condition.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}

// Header-size limits of proxies and CDNs sit around 8-16 KB; a sitemap may show thousands of
// stories. Past this length the per-article keys are left out of the header (the listing keys
// such as list:en still purge the page when a story comes or goes).
const MAX_KEY_HEADER = 4096;

function keyHeaderValue(keys: string[], separator: string): string {
  const all = keys.join(separator);
  if (all.length <= MAX_KEY_HEADER) return all;
  return keys.filter((key) => !key.startsWith('article:')).join(separator).slice(0, MAX_KEY_HEADER);
}

/**
 * Headers that let a CDN keep a public page and purge it by key: browsers revalidate every
 * time (max-age=0, cheap with the ETag), shared caches keep it for s-maxage and may serve it
 * stale while they refetch. A route's own Cache-Control and ETag are kept; s-maxage is added
 * when the route did not say how long shared caches may keep the page.
 */
export function sharedCacheHeaders(config: CacheConfig, keys: string[], etag: string, existing: OutgoingHttpHeaders) {
  const headers: Record<string, string> = {
    etag,
    'surrogate-key': keyHeaderValue(keys, ' '),
    'cache-tag': keyHeaderValue(keys, ','),
  };
  const own = existing['cache-control'];
  const shared = `s-maxage=${config.sharedMaxAge}, stale-while-revalidate=${config.staleWhileRevalidate}`;
  if (own === undefined) headers['cache-control'] = `public, max-age=0, ${shared}`;
  else if (!/s-maxage/i.test(String(own))) {
    headers['cache-control'] = /stale-while-revalidate/i.test(String(own))
      ? `${own}, s-maxage=${config.sharedMaxAge}`
      : `${own}, ${shared}`;
  }
  return headers;
}

/**
 * A Cache-Control whose lifetimes (fresh and stale) end within `seconds`: a page must not be
 * kept past the moment an embargo lifts or an expiry comes (content/moments.gate.ts).
 */
export function boundedLifetime(cacheControl: string, seconds: number): string {
  return cacheControl.replace(/\b(max-age|s-maxage|stale-while-revalidate|stale-if-error)=(\d+)/gi, (_, name: string, value: string) => `${name}=${Math.min(Number(value), seconds)}`);
}

/** The stored headers of a page, its lifetimes bounded by `seconds` (null: as they are). */
export function withLifetime(headers: OutgoingHttpHeaders, seconds: number | null): OutgoingHttpHeaders {
  const own = headers['cache-control'];
  if (seconds === null || typeof own !== 'string') return headers;
  const bounded = boundedLifetime(own, seconds);
  return bounded === own ? headers : { ...headers, 'cache-control': bounded };
}

/** A Cache-Control that forbids keeping a response in a shared cache. */
export function forbidsSharing(cacheControl: OutgoingHttpHeaders[string]): boolean {
  return cacheControl !== undefined && /private|no-store|no-cache/i.test(String(cacheControl));
}

// Headers that belong to one exchange, not to the stored page.
const HOP_BY_HOP = new Set(['date', 'connection', 'keep-alive', 'transfer-encoding', 'content-length', 'set-cookie', 'x-cache', 'age']);

export function storableHeaders(headers: OutgoingHttpHeaders): OutgoingHttpHeaders {
  const kept: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_BY_HOP.has(name.toLowerCase())) kept[name.toLowerCase()] = value;
  }
  return kept;
}

/** The headers a hit is sent with, built once when the page is stored rather than on every hit. */
export function hitHeaders(headers: OutgoingHttpHeaders, body: Buffer): OutgoingHttpHeaders {
  return { ...headers, 'content-length': body.length, 'x-cache': 'HIT' };
}

/**
 * Sends a cached page on a raw Node response: the fast path that never reaches a route.
 * No Age header: an entry is never stale (writes drop it), so its age says nothing useful.
 */
export function writePage(res: ServerResponse, page: CachedPage, requestHeaders: IncomingHttpHeaders, head: boolean, lifetime: number | null = null): void {
  if (requestHeaders['if-none-match'] !== undefined && notModified(requestHeaders, page.etag)) {
    res.writeHead(304, { etag: page.etag, 'cache-control': withLifetime(page.headers, lifetime)['cache-control'] ?? '', 'x-cache': 'HIT' });
    res.end();
    return;
  }
  res.writeHead(page.status, withLifetime(page.wireHeaders, lifetime));
  res.end(head ? undefined : page.body);
}
