import type { FastifyPluginAsync } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import { invalid } from '../core/errors.js';
import { pageOf } from '../core/pagination.js';
import { canonicalLanguage } from './languages.js';
import { listArticles } from './articles.list.js';
import * as articles from './articles.service.js';
import { ArticleIdParams, CreateArticleBody, DeleteArticleQuery, ListArticlesQuery, UpdateArticleBody } from './articles.schemas.js';

export const articlesAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const baseUrl = async () => (await app.herald.settings()).baseUrl;
  const tags = ['articles'];

  api.get('/articles', { schema: { tags, querystring: ListArticlesQuery } }, async (request) => {
    const { language, status, kind, section, tag, author, trashed } = request.query;
    const canonical = language === undefined ? undefined : canonicalLanguage(language);
    if (canonical === null) throw invalid([{ field: 'language', message: 'is not a BCP 47 language tag' }]);
    return listArticles(
      database.db,
      { language: canonical, status, kind, sectionId: section, tagId: tag, authorId: author, trashed, ...pageOf(request.query) },
      await baseUrl(),
      'admin',
    );
  });

  api.post('/articles', { schema: { tags, body: CreateArticleBody } }, async (request, reply) => {
    const article = await articles.createArticle(database, request.body, actorOf(request), await baseUrl());
    return reply.status(201).header('location', `${request.url}/${article.id}`).send(article);
  });

  api.get('/articles/:id', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    articles.getArticle(database.db, request.params.id, await baseUrl()),
  );

  api.patch('/articles/:id', { schema: { tags, params: ArticleIdParams, body: UpdateArticleBody } }, async (request) =>
    articles.updateArticle(database, request.params.id, request.body, actorOf(request), await baseUrl()),
  );

  api.post('/articles/:id/publish', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    articles.publishArticle(database, request.params.id, actorOf(request), await baseUrl()),
  );

  api.post('/articles/:id/unpublish', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    articles.unpublishArticle(database, request.params.id, actorOf(request), await baseUrl()),
  );

  api.post('/articles/:id/restore', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    articles.restoreArticle(database, request.params.id, actorOf(request), await baseUrl()),
  );

  api.delete(
    '/articles/:id',
    { schema: { tags, params: ArticleIdParams, querystring: DeleteArticleQuery } },
    async (request, reply) => {
      if (request.query.permanent) {
        await articles.deleteArticleForever(database, request.params.id, actorOf(request));
        return reply.status(204).send();
      }
      return articles.trashArticle(database, request.params.id, actorOf(request), await baseUrl());
    },
  );

  api.get('/articles/:id/revisions', { schema: { tags, params: ArticleIdParams } }, async (request) => ({
    items: await articles.listRevisions(database.db, request.params.id),
  }));
};
