import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { linkUrl } from './links.service.js';
import { assertCan } from './permissions.js';
import { createContentKey, listContentKeys, revokeContentKey } from './content-keys.service.js';
import { CreateContentKeyBody, CreateGuestBody, CreateTokenBody, IdParams, InviteBody, RemoveUserQuery, UpdateGuestBody, UpdateUserBody } from './people.schemas.js';
import * as guests from './guests.service.js';
import { createApiToken } from './tokens.service.js';
import * as staff from './users.admin.service.js';

/** People and Admin API tokens. */
export const usersAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  const { mailer } = app.herald;
  const tags = ['users'];

  api.get('/users', { schema: { tags } }, async (request) => ({ items: await staff.listStaff(db, actorOf(request)) }));

  api.post('/users/invitations', { schema: { tags, body: InviteBody } }, async (request, reply) => {
    const actor = actorOf(request);
    const invited = await staff.invite(db, actor, request.body);
    const url = linkUrl((await app.herald.settings()).baseUrl, invited.token);
    const delivery = await mailer.send({
      to: invited.user.email,
      subject: `You are invited to write for ${(await app.herald.settings()).name}`,
      text: `Hello ${invited.user.name},\n\n${actor.name} invited you as ${invited.user.role}. Choose your password here within seven days:\n${url}`,
    });
    return reply.status(201).send({ user: invited.user, url, expiresAt: invited.expiresAt, delivery });
  });

  api.patch('/users/:id', { schema: { tags, params: IdParams, body: UpdateUserBody } }, async (request) =>
    staff.updateStaff(app.herald.database, actorOf(request), request.params.id, request.body),
  );

  api.delete('/users/:id', { schema: { tags, params: IdParams, querystring: RemoveUserQuery } }, async (request) =>
    staff.removeStaff(app.herald.database, actorOf(request), request.params.id, request.query.reassignTo),
  );

  api.delete('/users/:id/sessions', { schema: { tags, params: IdParams } }, async (request) => ({
    ended: await staff.signOutEverywhere(db, actorOf(request), request.params.id),
  }));

  // Guest contributors: credited on stories, with an author page, no account.
  const guestTags = ['guest contributors'];
  api.get('/guests', { schema: { tags: guestTags } }, async (request) => ({ items: await guests.listGuests(db, actorOf(request)) }));

  api.post('/guests', { schema: { tags: guestTags, body: CreateGuestBody } }, async (request, reply) =>
    reply.status(201).send(await guests.createGuest(app.herald.database, actorOf(request), request.body)),
  );

  api.patch('/guests/:id', { schema: { tags: guestTags, params: IdParams, body: UpdateGuestBody } }, async (request) =>
    guests.updateGuest(app.herald.database, actorOf(request), request.params.id, request.body),
  );

  api.delete('/guests/:id', { schema: { tags: guestTags, params: IdParams } }, async (request, reply) => {
    await guests.removeGuest(app.herald.database, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  api.get('/tokens', { schema: { tags: ['tokens'] } }, async (request) => ({ items: await staff.listTokens(db, actorOf(request)) }));

  api.post('/tokens', { schema: { tags: ['tokens'], body: CreateTokenBody } }, async (request, reply) => {
    assertCan(actorOf(request), 'tokens.manage');
    return reply.status(201).send(await createApiToken(db, request.body));
  });

  api.delete('/tokens/:id', { schema: { tags: ['tokens'], params: IdParams } }, async (request, reply) => {
    await staff.revokeToken(db, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  // Content API keys, as `herald key` manages them; revoking here also drops cached answers.
  const keyTags = ['content keys'];
  api.get('/content-keys', { schema: { tags: keyTags } }, async (request) => {
    assertCan(actorOf(request), 'tokens.manage');
    return { items: await listContentKeys(db) };
  });

  api.post('/content-keys', { schema: { tags: keyTags, body: CreateContentKeyBody } }, async (request, reply) => {
    assertCan(actorOf(request), 'tokens.manage');
    return reply.status(201).send(await createContentKey(db, request.body));
  });

  api.delete('/content-keys/:id', { schema: { tags: keyTags, params: IdParams } }, async (request, reply) => {
    assertCan(actorOf(request), 'tokens.manage');
    await revokeContentKey(app.herald.database, request.params.id);
    return reply.status(204).send();
  });
};
