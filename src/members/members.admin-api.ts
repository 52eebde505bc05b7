import { Readable } from 'node:stream';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { invalidField } from '../core/errors.js';
import { isId } from '../core/ids.js';
import { pageOf } from '../core/pagination.js';
import { actorOf } from '../http/auth.js';
import { assertCan } from '../people/permissions.js';
import { exportMembers } from './csv/export.js';
import { importMembers } from './csv/import.js';
import * as members from './members.service.js';
import { CreateMemberBody, ExportMembersQuery, ImportMembersQuery, ListMembersQuery, MemberIdParams, UpdateMemberBody } from './members.schemas.js';

/** Largest member list accepted by upload: a few hundred thousand rows. */
const MAX_IMPORT_BYTES = 50 * 1024 * 1024;

/** Members, their subscriptions, and CSV in and out; editors and administrators only (`members.manage`). */
export const membersAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  const tags = ['members'];
  const preHandler = async (request: FastifyRequest) => assertCan(actorOf(request), 'members.manage');

  app.addContentTypeParser(['text/csv', 'text/plain'], { parseAs: 'string', bodyLimit: MAX_IMPORT_BYTES }, (_request, body, done) => done(null, body));

  api.get('/members', { schema: { tags, querystring: ListMembersQuery }, preHandler }, async (request) =>
    members.listMembers(db, request.query, pageOf(request.query)),
  );

  api.post('/members', { schema: { tags, body: CreateMemberBody }, preHandler }, async (request, reply) => reply.status(201).send(await members.createMember(db, request.body)));

  // Static paths before `/members/:id`, for the reader of this file; Fastify prefers them anyway.
  api.get('/members/export', { schema: { tags, querystring: ExportMembersQuery }, preHandler }, async (request, reply) => {
    const day = new Date().toISOString().slice(0, 10);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="members-${day}.csv"`)
      .header('cache-control', 'no-store')
      .send(Readable.from(exportMembers(db, request.query)));
  });

  api.post('/members/import', { bodyLimit: MAX_IMPORT_BYTES, schema: { tags, querystring: ImportMembersQuery }, preHandler }, async (request) => {
    if (typeof request.body !== 'string') throw invalidField('file', 'send the CSV file as the request body with Content-Type: text/csv');
    const newsletters = request.query.newsletters?.split(',').map(Number);
    if (newsletters?.some((id) => !isId(id))) throw invalidField('newsletters', 'must be newsletter ids');
    return importMembers(db, request.body, { format: request.query.format, newsletters, language: request.query.language });
  });

  api.get('/members/:id', { schema: { tags, params: MemberIdParams }, preHandler }, async (request) => members.getMember(db, request.params.id));

  api.patch('/members/:id', { schema: { tags, params: MemberIdParams, body: UpdateMemberBody }, preHandler }, async (request) =>
    members.updateMember(db, request.params.id, request.body),
  );

  api.delete('/members/:id', { schema: { tags, params: MemberIdParams }, preHandler }, async (request, reply) => {
    await members.removeMember(db, request.params.id);
    return reply.status(204).send();
  });
};
