import { createHash } from 'node:crypto';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface PageResponse {
  status?: number;
  html: string;
  /** The newest change to anything the page shows (ISO), for Last-Modified. */
  lastModified?: string | null;
  /** Seconds a shared cache or browser may reuse the page without asking again. */
  maxAge: number;
  /** For whoever holds its address only (a preview): kept by no cache, not even the browser's. */
  private?: boolean;
}

/** How long each kind of page stays fresh: stories change rarely, listings often. */
export const MAX_AGE = { story: 300, listing: 60, static: 3600, missing: 60, gone: 3600 } as const;

function notModified(request: FastifyRequest, etag: string, lastModified: string | undefined): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch) return ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag.replace(/^W\//, ''));
  const since = request.headers['if-modified-since'];
  if (since && lastModified) return Date.parse(lastModified) <= Date.parse(since);
  return false;
}

/**
 * Sends an HTML page with validators: an ETag of the exact bytes and Last-Modified from the
 * content, answering 304 when the browser or cache already holds this version.
 */
export function sendPage(request: FastifyRequest, reply: FastifyReply, page: PageResponse) {
  // Encoded once: the hash, the compressor and the socket all take the same bytes.
  const bytes = Buffer.from(page.html);
  const etag = `W/"${createHash('sha1').update(bytes).digest('base64url')}"`;
  // HTTP dates have whole seconds; rounding up keeps If-Modified-Since comparisons honest.
  const lastModified = page.lastModified
    ? new Date(Math.ceil(Date.parse(page.lastModified) / 1000) * 1000).toUTCString()
    : undefined;
  reply
    .header('etag', etag)
    .header('cache-control', page.private ? 'private, no-store' : `public, max-age=${page.maxAge}, stale-while-revalidate=${page.maxAge}`)
    .header('vary', 'Accept-Encoding');
  if (lastModified) reply.header('last-modified', lastModified);
  const status = page.status ?? 200;
  if (status === 200 && notModified(request, etag, lastModified)) return reply.status(304).send();
  return reply.status(status).type('text/html; charset=utf-8').send(encode(reply, request, bytes));
}

// Below this size compression costs more than it saves.
const COMPRESS_FROM_BYTES = 1024;

/** The encoding to send: brotli, then gzip, among those the client accepts (q=0 refuses one). */
export function pickEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  const accepted = new Map<string, number>();
  for (const part of (Array.isArray(header) ? header.join(',') : (header ?? '')).toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    accepted.set(name.trim(), q ? Number(q.slice(2)) || 0 : 1);
  }
  for (const encoding of ['br', 'gzip'] as const) if ((accepted.get(encoding) ?? accepted.get('*') ?? 0) > 0) return encoding;
  return null;
}

/**
 * Pages are compressed here rather than by a later hook, so that the page cache, which keeps
 * one copy per encoding, stores and replays the compressed bytes.
 */
function encode(reply: FastifyReply, request: FastifyRequest, html: Buffer): Buffer {
  if (html.length < COMPRESS_FROM_BYTES) return html;
  const encoding = pickEncoding(request.headers['accept-encoding']);
  if (!encoding) return html;
  reply.header('content-encoding', encoding);
  return encoding === 'br'
    ? brotliCompressSync(html, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } })
    : gzipSync(html, { level: 6 });
}

/** The newest of several ISO timestamps, or null. */
export function newest(...dates: Array<string | null | undefined>): string | null {
  const valid = dates.filter((d): d is string => !!d);
  return valid.length ? valid.reduce((a, b) => (Date.parse(a) >= Date.parse(b) ? a : b)) : null;
}
