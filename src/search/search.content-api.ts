import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { Pagination, parseFields, PublicArticle, publicArticle, SearchContentQuery, selectFields } from '../content/articles.content-schemas.js';
import { resolveRefs } from '../content/refs.service.js';
import { cacheKey } from '../core/cache-keys.js';
import { sendContent } from '../http/content-response.js';
import { invalid } from '../core/errors.js';
import { pageOf } from '../core/pagination.js';
import { searchArticles } from './search.service.js';

const SearchResponse = Type.Object({
  query: Type.String(),
  items: Type.Array(
    Type.Object({
      article: PublicArticle,
      highlight: Type.Object({
        title: Type.String({ description: 'HTML: the title escaped, matched words in <mark>' }),
        snippet: Type.String({ description: 'HTML: a passage around the first match, escaped, matched words in <mark>' }),
      }),
    }),
  ),
  pagination: Pagination,
});

/** `GET /search?q=…`: published stories, title matches first, then newest. */
export const searchContentApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  api.get('/search', { schema: { tags: ['search'], querystring: SearchContentQuery, response: { 200: SearchResponse } } }, async (request, reply) => {
    const { query } = request;
    if (!query.q.trim()) throw invalid([{ field: 'q', message: 'must contain a word to search for' }]);
    const fields = parseFields(query.fields);
    const refs = await resolveRefs(db, query);
    const settings = await app.herald.settings();
    const results = await searchArticles(
      db,
      { q: query.q, language: refs.language, sectionId: refs.sectionId, tagId: refs.tagId, from: query.from, to: query.to, ...pageOf(query) },
      settings.baseUrl,
      'public',
    );
    const keys = [...(refs.language ? [refs.language] : settings.languages).map(cacheKey.list), ...results.items.map((r) => cacheKey.article(r.article.id))];
    return sendContent(request, reply, {
      query: results.query,
      items: results.items.map((r) => ({ article: selectFields(publicArticle(r.article, settings.baseUrl), fields), highlight: r.highlight })),
      pagination: results.pagination,
    }, keys);
  });
};
