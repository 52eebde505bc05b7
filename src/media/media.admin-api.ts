import type { FastifyPluginAsync } from 'fastify';
import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { AppError, invalidField } from '../core/errors.js';
import { IdParams } from '../core/ids.js';
import { pageOf, PaginationQuery } from '../core/pagination.js';
import { assertCan } from '../people/permissions.js';
import { describeMedia, getLibraryItem, listMedia, uploadImage } from './media.service.js';
import { getMediaSettings, updateMediaSettings } from './media.settings.js';

const ListQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })), ...PaginationQuery }, { additionalProperties: false });
// The focal point's range is checked by the service, which names the coordinate at fault.
const FocalPointBody = Type.Union([Type.Object({ x: Type.Number(), y: Type.Number() }, { additionalProperties: false }), Type.Null()]);
const DescribeBody = Type.Object(
  {
    alt: Type.Optional(Type.String({ maxLength: 1000 })),
    caption: Type.Optional(Type.String({ maxLength: 1000 })),
    credit: Type.Optional(Type.String({ maxLength: 300 })),
    focalPoint: Type.Optional(FocalPointBody),
  },
  { additionalProperties: false },
);
const SettingsBody = Type.Object({ maxUploadMb: Type.Optional(Type.Number()) }, { additionalProperties: false });

const MB = 1024 * 1024;

/** Uploading images (multipart/form-data, field "file") and the media library. */
export const mediaAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database, config } = app.herald;
  await app.register(multipart, { limits: { files: 1, fields: 5, parts: 6 } });
  const tags = ['media'];

  api.post('/media', { schema: { tags, consumes: ['multipart/form-data'] } }, async (request, reply) => {
    const actor = actorOf(request);
    // Refused before a byte of the file is read.
    assertCan(actor, 'media.upload');
    const { maxUploadMb } = await getMediaSettings(database.db);
    if (!request.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the image as multipart/form-data in a field named "file".');
    const file = await request.file({ limits: { fileSize: maxUploadMb * MB } });
    if (!file) throw invalidField('file', 'is required');
    let data: Buffer;
    try {
      data = await file.toBuffer();
    } catch (error) {
      if ((error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
        throw new AppError('PAYLOAD_TOO_LARGE', `The image is larger than the limit of ${maxUploadMb} MB.`);
      }
      throw error;
    }
    const item = await uploadImage(database, config, { data, filename: file.filename, mimeType: file.mimetype }, actor);
    return reply.status(201).send(item);
  });

  api.get('/media', { schema: { tags, querystring: ListQuery } }, async (request) =>
    listMedia(database.db, { q: request.query.q, ...pageOf(request.query) }, actorOf(request)),
  );

  api.get('/media/settings', { schema: { tags } }, async () => getMediaSettings(database.db));

  api.patch('/media/settings', { schema: { tags, body: SettingsBody } }, async (request) => {
    assertCan(actorOf(request), 'settings.manage');
    return updateMediaSettings(database.db, request.body);
  });

  api.get('/media/:id', { schema: { tags, params: IdParams } }, async (request) => getLibraryItem(database.db, request.params.id, actorOf(request)));

  api.patch('/media/:id', { schema: { tags, params: IdParams, body: DescribeBody } }, async (request) =>
    describeMedia(database, config, request.params.id, request.body, actorOf(request)),
  );
};
