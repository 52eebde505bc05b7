import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';

export interface Representation {
  body: string;
  contentType: string;
  /** When what the representation shows last changed; null when unknown. */
  lastModified: Date | null;
}

function notModified(request: FastifyRequest, etag: string, lastModified: Date | null): boolean {
  const ifNoneMatch = request.headers['if-none-match'];
  // If-None-Match wins over If-Modified-Since when both are sent (RFC 9110 §13.2.2).
  if (ifNoneMatch !== undefined) {
    return ifNoneMatch.split(',').some((tag) => {
      const value = tag.trim().replace(/^W\//, '');
      return value === '*' || value === etag;
    });
  }
  const since = request.headers['if-modified-since'];
  if (since === undefined || lastModified === null) return false;
  const sinceMs = Date.parse(since);
  // HTTP dates have whole seconds; compare at that precision.
  return Number.isFinite(sinceMs) && Math.floor(lastModified.getTime() / 1000) * 1000 <= sinceMs;
}

/**
 * Sends a feed, sitemap or API document with a strong ETag (a hash of the bytes) and
 * Last-Modified, answering 304 with no body when the client already has this version.
 */
export function sendConditional(request: FastifyRequest, reply: FastifyReply, representation: Representation) {
  const etag = `"${createHash('sha256').update(representation.body).digest('base64url').slice(0, 27)}"`;
  reply.header('etag', etag);
  if (representation.lastModified) reply.header('last-modified', representation.lastModified.toUTCString());
  if (notModified(request, etag, representation.lastModified)) return reply.status(304).send();
  return reply.type(representation.contentType).send(representation.body);
}

/** The latest of some ISO timestamps, or null when there are none. */
export function latest(isoDates: Array<string | null | undefined>): Date | null {
  const times = isoDates.filter((d): d is string => !!d).map((d) => Date.parse(d));
  return times.length ? new Date(Math.max(...times)) : null;
}
