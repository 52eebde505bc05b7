import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import { cacheKey } from '../core/cache-keys.js';
import { sendContent } from '../http/content-response.js';
import { notFound } from '../core/errors.js';
import { IdParams } from '../core/ids.js';
import { pageOf } from '../core/pagination.js';
import { latest } from '../reach/conditional.js';
import { boundary } from '../search/search.service.js';
import { listArticles } from './articles.list.js';
import { findPublicArticle } from './articles.public.js';
import { getArticle } from './articles.service.js';
import {
  ArticleContentQuery, ArticlePage, ListArticlesContentQuery, parseFields, PublicArticle, publicArticle, selectFields,
} from './articles.content-schemas.js';
import { resolveRefs } from './refs.service.js';

/** Published stories for apps: one list with filters, one story by id or by language and slug. */
export const articlesContentApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { db } = app.herald.database;
  const tags = ['articles'];

  api.get('/articles', { schema: { tags, querystring: ListArticlesContentQuery, response: { 200: ArticlePage } } }, async (request, reply) => {
    const { query } = request;
    const fields = parseFields(query.fields);
    const refs = await resolveRefs(db, query);
    const settings = await app.herald.settings();
    const page = await listArticles(
      db,
      {
        language: refs.language,
        kind: query.kind,
        sectionId: refs.sectionId,
        tagId: refs.tagId,
        authorId: refs.authorId,
        publishedAfter: boundary(query.from, 'from'),
        publishedBefore: boundary(query.to, 'to'),
        ...pageOf(query),
      },
      settings.baseUrl,
      'public',
    );
    const keys = [...(refs.language ? [refs.language] : settings.languages).map(cacheKey.list), ...page.items.map((a) => cacheKey.article(a.id))];
    const body = { items: page.items.map((a) => selectFields(publicArticle(a, settings.baseUrl), fields)), pagination: page.pagination };
    return sendContent(request, reply, body, keys, latest(page.items.map((a) => a.updatedAt)));
  });

  api.get('/articles/:id', { schema: { tags, params: IdParams, querystring: ArticleContentQuery, response: { 200: PublicArticle } } }, async (request, reply) => {
    const fields = parseFields(request.query.fields);
    const settings = await app.herald.settings();
    const article = await getArticle(db, request.params.id, settings.baseUrl, 'public');
    const body = selectFields(publicArticle(article, settings.baseUrl), fields);
    return sendContent(request, reply, body, [cacheKey.article(article.id), cacheKey.story(article.storyId)], latest([article.updatedAt]));
  });

  const SlugParams = Type.Object({ language: Type.String({ maxLength: 35 }), slug: Type.String({ maxLength: 300 }) });
  api.get(
    '/articles/slug/:language/:slug',
    { schema: { tags, params: SlugParams, querystring: ArticleContentQuery, response: { 200: PublicArticle } } },
    async (request, reply) => {
      const fields = parseFields(request.query.fields);
      const settings = await app.herald.settings();
      const { language, slug } = request.params;
      const found = await findPublicArticle(db, language, slug, settings.baseUrl);
      if (found.kind === 'moved') {
        const [, lang, newSlug] = found.path.split('/');
        return reply.redirect(`${app.prefix}/articles/slug/${lang}/${newSlug}`, 301);
      }
      if (found.kind !== 'found') throw notFound(`The ${language} story "${slug}"`);
      const { article } = found;
      const body = selectFields(publicArticle(article, settings.baseUrl), fields);
      return sendContent(request, reply, body, [cacheKey.article(article.id), cacheKey.story(article.storyId)], latest([article.updatedAt]));
    },
  );
};
