import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { invalid } from '../core/errors.js';
import { assertCan } from '../people/permissions.js';
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

/** Tags and sections: read by every role, changed by editors and administrators. */
export const taxonomyAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const { db, hooks } = database;
  const manage = async (request: Parameters<typeof actorOf>[0]) => assertCan(actorOf(request), 'taxonomy.manage');
  const changed = (entity: 'tag' | 'section', id: number, action: 'created' | 'updated' | 'deleted') =>
    hooks.committed([{ entity, id, action }]);

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

  api.post('/tags', { schema: { tags: ['tags'], body: CreateTagBody }, preHandler: manage }, async (request, reply) => {
    const tag = await tags.createTag(db, { ...request.body, language: languageOrFail(request.body.language) });
    await changed('tag', tag.id, 'created');
    return reply.status(201).send(tag);
  });

  api.patch('/tags/:id', { schema: { tags: ['tags'], params: IdParams, body: UpdateTagBody }, preHandler: manage }, async (request) => {
    const tag = await tags.updateTag(db, request.params.id, request.body);
    await changed('tag', tag.id, 'updated');
    return tag;
  });

  api.delete('/tags/:id', { schema: { tags: ['tags'], params: IdParams }, preHandler: manage }, async (request, reply) => {
    await tags.deleteTag(db, request.params.id);
    await changed('tag', request.params.id, 'deleted');
    return reply.status(204).send();
  });

  api.get('/sections', { schema: { tags: ['sections'] } }, async () => ({ items: await sections.listSections(db) }));

  api.get('/sections/:id', { schema: { tags: ['sections'], params: IdParams } }, async (request) =>
    sections.getSection(db, request.params.id),
  );

  api.post('/sections', { schema: { tags: ['sections'], body: SectionBody }, preHandler: manage }, async (request, reply) => {
    const section = await sections.createSection(db, request.body);
    await changed('section', section.id, 'created');
    return reply.status(201).send(section);
  });

  api.patch(
    '/sections/:id',
    { schema: { tags: ['sections'], params: IdParams, body: SectionBody }, preHandler: manage },
    async (request) => {
      const section = await sections.updateSection(db, request.params.id, request.body);
      await changed('section', section.id, 'updated');
      return section;
    },
  );

  api.delete('/sections/:id', { schema: { tags: ['sections'], params: IdParams }, preHandler: manage }, async (request, reply) => {
    await sections.deleteSection(db, request.params.id);
    await changed('section', request.params.id, 'deleted');
    return reply.status(204).send();
  });
};
