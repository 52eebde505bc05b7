import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { pageOf } from '../core/pagination.js';
import { assertCan } from '../people/permissions.js';
import { addBlock, listBlocks, removeBlock } from './blocks.service.js';
import { commentsOpen } from './comments.service.js';
import { getCommentSettings, updateCommentSettings } from './comments.settings.js';
import * as moderation from './moderation.service.js';
import { threadMode } from './comments.repository.js';
import {
  ActionParams, BlockBody, BulkBody, CommentIdParams, CommentSettingsPatch, EditCommentBody, ListCommentsQuery, ReplyBody,
  StoryParams, ThreadModeBody,
} from './comments.schemas.js';

/** The moderation queue and everything around it; editors and administrators only (`comments.moderate`). */
export const commentsAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const baseUrl = async () => (await app.herald.settings()).baseUrl;
  const tags = ['comments'];

  api.get('/comments', { schema: { tags, querystring: ListCommentsQuery } }, async (request) => {
    const { status, story, email, q } = request.query;
    return moderation.listComments(
      database.db,
      actorOf(request),
      { status, articleId: story, email, search: q },
      pageOf(request.query),
      await baseUrl(),
    );
  });

  // Static paths first: Fastify prefers them to `/comments/:id` anyway, but the intent reads clearer.
  api.post('/comments/bulk', { schema: { tags, body: BulkBody } }, async (request) =>
    moderation.bulkModerate(database, actorOf(request), request.body.ids, request.body.action, await baseUrl()),
  );

  api.get('/comments/blocks', { schema: { tags } }, async (request) => {
    assertCan(actorOf(request), 'comments.moderate');
    return { items: await listBlocks(database.db) };
  });

  api.post('/comments/blocks', { schema: { tags, body: BlockBody } }, async (request, reply) => {
    assertCan(actorOf(request), 'comments.moderate');
    return reply.status(201).send(await addBlock(database.db, request.body.kind, request.body.value));
  });

  api.delete('/comments/blocks/:id', { schema: { tags, params: CommentIdParams } }, async (request, reply) => {
    assertCan(actorOf(request), 'comments.moderate');
    await removeBlock(database.db, request.params.id);
    return reply.status(204).send();
  });

  api.get('/comments/settings', { schema: { tags } }, async (request) => {
    assertCan(actorOf(request), 'comments.moderate');
    return getCommentSettings(database.db);
  });

  api.patch('/comments/settings', { schema: { tags, body: CommentSettingsPatch } }, async (request) => {
    assertCan(actorOf(request), 'settings.manage');
    return updateCommentSettings(database.db, request.body);
  });

  api.get('/comments/stories/:story', { schema: { tags, params: StoryParams } }, async (request) => {
    assertCan(actorOf(request), 'comments.moderate');
    const mode = (await threadMode(database.db, request.params.story)) ?? 'auto';
    return { story: request.params.story, mode, open: await commentsOpen(database.db, request.params.story) };
  });

  api.put('/comments/stories/:story', { schema: { tags, params: StoryParams, body: ThreadModeBody } }, async (request) => {
    await moderation.setCommentsMode(database, actorOf(request), request.params.story, request.body.mode);
    return { story: request.params.story, mode: request.body.mode, open: await commentsOpen(database.db, request.params.story) };
  });

  api.get('/comments/:id', { schema: { tags, params: CommentIdParams } }, async (request) =>
    moderation.getComment(database.db, actorOf(request), request.params.id, await baseUrl()),
  );

  api.patch('/comments/:id', { schema: { tags, params: CommentIdParams, body: EditCommentBody } }, async (request) =>
    moderation.editComment(database, actorOf(request), request.params.id, request.body, await baseUrl()),
  );

  api.delete('/comments/:id', { schema: { tags, params: CommentIdParams } }, async (request, reply) => {
    await moderation.deleteComment(database, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  api.post('/comments/:id/reply', { schema: { tags, params: CommentIdParams, body: ReplyBody } }, async (request, reply) =>
    reply.status(201).send(await moderation.replyToComment(database, actorOf(request), request.params.id, request.body.body, await baseUrl())),
  );

  api.post('/comments/:id/:action', { schema: { tags, params: ActionParams } }, async (request) =>
    moderation.moderateComment(database, actorOf(request), request.params.id, request.params.action, await baseUrl()),
  );

};
