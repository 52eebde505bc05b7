import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { invalid } from '../core/errors.js';
import { canonicalLanguage } from './languages.js';
import * as sections from './sections.service.js';
import { suggestTags } from './suggestions.js';
import * as tags from './tags.service.js';
import { CreateTagBody, IdParams, ListTagsQuery, SectionBody, SuggestQuery, UpdateTagBody } from './taxonomy.schemas.js';

function languageOrFail(value: string, field = 'language'): string {
  const language = canonicalLanguage(value);
  if (!language) throw invalid([{ field, message: `"${value}" is not a BCP 47 language tag` }]);
  return language;
}

/** Tags and sections: read by every role; the services let editors and administrators change them. */
export const taxonomyAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const { db } = database;

  api.get('/tags', { schema: { tags: ['tags'], querystring: ListTagsQuery } }, async (request) => ({
    items: await tags.listTags(db, {
      language: request.query.language === undefined ? undefined : languageOrFail(request.query.language),
    }),
  }));

  api.get('/tags/suggest', { schema: { tags: ['tags'], querystring: SuggestQuery } }, async (request) => {
    const language = languageOrFail(request.query.language);
    return suggestTags(request.query.text, language, request.query.limit ?? 10);
  });

  api.get('/tags/:id', { schema: { tags: ['tags'], params: IdParams } }, async (request) => tags.getTag(db, request.params.id));

  api.post('/tags', { schema: { tags: ['tags'], body: CreateTagBody } }, async (request, reply) => {
    const tag = await tags.createTag(database, actorOf(request), request.body);
    return reply.status(201).send(tag);
  });

  api.patch('/tags/:id', { schema: { tags: ['tags'], params: IdParams, body: UpdateTagBody } }, async (request) =>
    tags.updateTag(database, actorOf(request), request.params.id, request.body),
  );

  api.delete('/tags/:id', { schema: { tags: ['tags'], params: IdParams } }, async (request, reply) => {
    await tags.deleteTag(database, actorOf(request), request.params.id);
    return reply.status(204).send();
  });

  api.get('/sections', { schema: { tags: ['sections'] } }, async () => ({ items: await sections.listSections(db) }));

  api.get('/sections/:id', { schema: { tags: ['sections'], params: IdParams } }, async (request) =>
    sections.getSection(db, request.params.id),
  );

  api.post('/sections', { schema: { tags: ['sections'], body: SectionBody } }, async (request, reply) =>
    reply.status(201).send(await sections.createSection(database, actorOf(request), request.body)),
  );

  api.patch('/sections/:id', { schema: { tags: ['sections'], params: IdParams, body: SectionBody } }, async (request) =>
    sections.updateSection(database, actorOf(request), request.params.id, request.body),
  );

  api.delete('/sections/:id', { schema: { tags: ['sections'], params: IdParams } }, async (request, reply) => {
    await sections.deleteSection(database, actorOf(request), request.params.id);
    return reply.status(204).send();
  });
};
