import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { AppError } from '../core/errors.js';
import type { UserRow } from '../db/schema.js';
import { describeLink, sendPasswordReset, useLink } from './links.service.js';
import { redisKey } from '../core/redis.js';
import { PERMISSIONS, can, type Action } from './permissions.js';
import { LinkParams, ResetRequestBody, SessionPreferencesBody, SignInBody, UseLinkBody } from './people.schemas.js';
import { clearSessionCookie, SESSION_COOKIE, setSessionCookie } from './sessions.plugin.js';
import { createSession, endAllSessions, endSession, type FoundSession } from './sessions.service.js';
import { checkCredentials } from './sign-in.service.js';
import { setInterfaceLanguage } from './users.service.js';

// Per client address, on top of the per-e-mail lock-out: slows guessing across many accounts.
const SIGN_IN_LIMIT = { max: 30, timeWindow: '1 minute' };

/**
 * Signing in and out, and the one-time links. These routes sit beside the authenticated Admin
 * API (same prefix) because most of them are used by someone who is not signed in yet.
 */
export const signInAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  const { mailer } = app.herald;
  // With several app processes the per-address limit lives in Redis, so it holds across all of
  // them; if Redis fails, sign-in stays possible (the lock-out per e-mail is in the database).
  const redis = await app.herald.redis();
  await app.register(rateLimit, {
    global: false,
    skipOnError: true,
    ...(redis ? { redis, nameSpace: redisKey(app.herald.config.cache.redisPrefix, 'sign-in-') } : {}),
  });
  const tags = ['session'];

  const describeSession = async (session: Pick<FoundSession, 'actor' | 'email' | 'csrfToken' | 'interfaceLanguage'>) => {
    const settings = await app.herald.settings();
    const { actor } = session;
    return {
      user: { id: actor.userId, name: actor.name, email: session.email, role: actor.role, interfaceLanguage: session.interfaceLanguage },
      csrfToken: session.csrfToken,
      permissions: (Object.keys(PERMISSIONS) as Action[]).filter((action) => can(actor, action)),
      site: { name: settings.name, languages: settings.languages, defaultLanguage: settings.defaultLanguage, baseUrl: settings.baseUrl, timeZone: settings.timezone, federation: settings.federation },
    };
  };

  const startSession = async (request: FastifyRequest, reply: Parameters<typeof setSessionCookie>[1], user: UserRow) => {
    const created = await createSession(db, user.id, request.headers['user-agent'] ?? '');
    setSessionCookie(request, reply, created.token, created.expiresAt);
    return describeSession({
      csrfToken: created.csrfToken,
      email: user.email,
      interfaceLanguage: user.interface_language,
      actor: { role: user.role as FoundSession['actor']['role'], userId: user.id, principal: `user:${user.id}`, name: user.name },
    });
  };

  const signedIn = (request: FastifyRequest): FoundSession => {
    if (!request.heraldSession) throw new AppError('UNAUTHORIZED', 'Sign in first.');
    return request.heraldSession;
  };

  api.post(
    '/session',
    { schema: { tags, body: SignInBody }, config: { csrf: false, rateLimit: SIGN_IN_LIMIT } },
    async (request, reply) => {
      const user = await checkCredentials(db, request.body.email, request.body.password);
      return startSession(request, reply, user);
    },
  );

  api.get('/session', { schema: { tags } }, async (request) => describeSession(signedIn(request)));

  // A person's own preferences: anyone signed in may set theirs, and only theirs.
  api.patch('/session', { schema: { tags, body: SessionPreferencesBody } }, async (request) => {
    const session = signedIn(request);
    await setInterfaceLanguage(db, session.actor.userId!, request.body.interfaceLanguage);
    return describeSession({ ...session, interfaceLanguage: request.body.interfaceLanguage });
  });

  api.delete('/session', { schema: { tags } }, async (request, reply) => {
    signedIn(request);
    await endSession(db, request.cookies[SESSION_COOKIE]!);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  api.delete('/sessions', { schema: { tags } }, async (request, reply) => {
    await endAllSessions(db, signedIn(request).actor.userId!);
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  api.get('/links/:token', { schema: { tags, params: LinkParams } }, async (request) => describeLink(db, request.params.token));

  api.post(
    '/links/:token',
    { schema: { tags, params: LinkParams, body: UseLinkBody }, config: { csrf: false, rateLimit: SIGN_IN_LIMIT } },
    async (request, reply) => {
      const user = await useLink(db, request.params.token, request.body);
      return startSession(request, reply, user);
    },
  );

  // Always the same answer, at once: the form tells nobody which e-mails have an account,
  // neither by its words nor by how long it takes (the link is made and mailed afterwards).
  api.post(
    '/password-reset',
    { schema: { tags, body: ResetRequestBody }, config: { csrf: false, rateLimit: { max: 5, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const { baseUrl } = await app.herald.settings();
      sendPasswordReset(db, mailer, request.body.email, baseUrl).catch((error: unknown) =>
        request.log.error({ err: error }, 'password reset: making or mailing the link failed'),
      );
      return reply.status(202).send({ message: 'If an account uses this e-mail, a reset link is on its way.' });
    },
  );
};
