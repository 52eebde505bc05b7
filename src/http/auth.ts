import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor } from '../people/permissions.js';
import { actorForToken } from '../people/tokens.service.js';
import { AppError } from '../core/errors.js';
import './context.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/** Finds who is acting from a request, or null; several can be registered (tokens, sessions). */
export type Authenticator = (request: FastifyRequest) => Promise<Actor | null>;

export function bearerAuthenticator(app: FastifyInstance): Authenticator {
  return async (request) => {
    const header = request.headers.authorization;
    const match = header?.match(/^Bearer\s+(\S+)$/i);
    return match ? actorForToken(app.herald.database.db, match[1]) : null;
  };
}

/** A preHandler that answers 401 unless one of the authenticators recognises the caller. */
export function requireActor(authenticators: Authenticator[]) {
  return async (request: FastifyRequest) => {
    for (const authenticate of authenticators) {
      const actor = await authenticate(request);
      if (actor) {
        request.actor = actor;
        return;
      }
    }
    throw new AppError('UNAUTHORIZED', 'Send an Admin API token as "Authorization: Bearer <token>" or sign in.');
  };
}

/** The actor of an authenticated route; the preHandler guarantees there is one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('UNAUTHORIZED');
  return request.actor;
}
