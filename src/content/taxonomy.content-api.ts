import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { cacheKey } from '../core/cache-keys.js';
import { sendContent } from '../http/content-response.js';
import { listPublicAuthors } from './authors.public.js';
import { LanguageContentQuery, PublicAuthor, PublicSection, PublicTag } from './articles.content-schemas.js';
import { resolveRefs } from './refs.service.js';
import { listSections, localSection } from './sections.service.js';
import { listTags } from './tags.service.js';

/** Sections (one entry per language they are named in), tags and authors. */
export const taxonomyContentApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  const schema = (item: typeof PublicSection | typeof PublicTag | typeof PublicAuthor, tag: string) => ({
    tags: [tag],
    querystring: LanguageContentQuery,
    response: { 200: Type.Object({ items: Type.Array(item) }) },
  });

  api.get('/sections', { schema: schema(PublicSection, 'sections') }, async (request, reply) => {
    const { language } = await resolveRefs(db, request.query);
    const sections = await listSections(db);
    const items = sections.flatMap((s) =>
      Object.keys(s.names)
        .filter((l) => !language || l === language)
        .map((l) => localSection(s, l)),
    );
    return sendContent(request, reply, { items }, sections.map((s) => cacheKey.section(s.id)));
  });

  api.get('/tags', { schema: schema(PublicTag, 'tags') }, async (request, reply) => {
    const { language } = await resolveRefs(db, request.query);
    const items = await listTags(db, { language });
    return sendContent(request, reply, { items }, items.map((t) => cacheKey.tag(t.id)));
  });

  api.get('/authors', { schema: schema(PublicAuthor, 'authors') }, async (request, reply) => {
    const { language } = await resolveRefs(db, request.query);
    const items = await listPublicAuthors(db, language);
    const settings = await app.herald.settings();
    // A new byline appears when a story is published: the listings' keys cover that.
    return sendContent(request, reply, { items }, [...items.map((a) => cacheKey.author(a.id)), ...settings.languages.map(cacheKey.list)]);
  });
};
