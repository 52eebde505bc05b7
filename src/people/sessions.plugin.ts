import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Authenticator } from '../http/auth.js';
import { AppError } from '../core/errors.js';
import { sameSecret } from './secrets.js';
import { findSession, type FoundSession } from './sessions.service.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser session behind this request, when it came with a valid session cookie. */
    heraldSession: FoundSession | null;
  }
  interface FastifyContextConfig {
    /** false on the few writes that need no session (signing in, using a link). */
    csrf?: boolean;
  }
}

export const SESSION_COOKIE = 'herald_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const CSRF_REFUSED =
  'This write came with your session cookie but without its CSRF token (header x-csrf-token), so it may come from another site; it was refused.';

/**
 * Reads the session cookie of Admin API requests. A write authenticated by that cookie must
 * carry the session's CSRF token in `x-csrf-token` (a synchronizer token: the server keeps it
 * with the session and the admin app reads it from GET /session); without it the request is
 * refused before its body is even read. Requests with a bearer token carry no cookie authority.
 */
export const sessions = fp(async (app) => {
  const { db } = app.herald.database;
  app.decorateRequest('heraldSession', null);
  app.addHook('onRequest', async (request) => {
    if (!request.url.startsWith('/api/admin/') || request.headers.authorization) return;
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return;
    const found = await findSession(db, token);
    if (!found) return;
    const exempt = request.routeOptions.config?.csrf === false;
    if (!exempt && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (!sameSecret(Array.isArray(sent) ? sent[0] : sent, found.csrfToken)) throw new AppError('FORBIDDEN', CSRF_REFUSED);
    }
    request.heraldSession = found;
  });
});

/** Lets the Admin API accept a signed-in browser (see `sessions` for the CSRF rule). */
export const sessionAuthenticator: Authenticator = async (request) => request.heraldSession?.actor ?? null;

export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    // Secure whenever the site is reached over HTTPS (directly or behind a proxy saying so).
    secure: request.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}
