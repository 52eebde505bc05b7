import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { actorOf } from '../http/auth.js';
import type { Actor } from '../people/permissions.js';
import { invalid } from '../core/errors.js';
import { pageOf } from '../core/pagination.js';
import { canonicalLanguage } from './languages.js';
import { withAllowed } from './articles.access.js';
import { bulkArticles } from './articles.bulk.js';
import { listArticles } from './articles.list.js';
import { storiesNeeding } from './translations.service.js';
import * as articles from './articles.service.js';
import type { Article } from './articles.types.js';
import { sendBack, submitForReview, type ReviewMail } from './review.service.js';
import { ArticleIdParams, BulkArticlesBody, CreateArticleBody, DeleteArticleQuery, ListArticlesQuery, SendBackBody, UpdateArticleBody } from './articles.schemas.js';

export const articlesAdminApi: FastifyPluginAsync = async (app) => {
  const api = app.withTypeProvider<TypeBoxTypeProvider>();
  const { database } = app.herald;
  const baseUrl = async () => (await app.herald.settings()).baseUrl;
  const tags = ['articles'];
  /** A story with what the asking actor may do with it now. */
  const answer = async (request: FastifyRequest, act: (actor: Actor, baseUrl: string) => Promise<Article>) => {
    const actor = actorOf(request);
    return withAllowed(await act(actor, await baseUrl()), actor);
  };
  const reviewMail: ReviewMail = {
    mailer: app.herald.mailer,
    mailFailed: (error) => app.log.error({ err: error }, 'review: mailing the editors or the writer failed'),
  };

  api.get('/articles', { schema: { tags, querystring: ListArticlesQuery } }, async (request) => {
    const { language, status, kind, section, tag, author, review, trashed, q, translation } = request.query;
    const canonical = language === undefined ? undefined : canonicalLanguage(language);
    if (canonical === null) throw invalid([{ field: 'language', message: 'is not a BCP 47 language tag' }]);
    const storyIds = translation ? await storiesNeeding(database.db, translation) : undefined;
    const page = await listArticles(
      database.db,
      { language: canonical, status, kind, sectionId: section, tagId: tag, authorId: author, review, trashed, titleContains: q?.trim(), storyIds, ...pageOf(request.query) },
      await baseUrl(),
      'admin',
    );
    const actor = actorOf(request);
    return { ...page, items: page.items.map((article) => withAllowed(article, actor)) };
  });

  api.post('/articles/bulk', { schema: { tags, body: BulkArticlesBody } }, async (request) => {
    const actor = actorOf(request);
    const { done, refused } = await bulkArticles(database, request.body, actor, await baseUrl());
    return { done: done.map((article) => withAllowed(article, actor)), refused };
  });

  api.post('/articles', { schema: { tags, body: CreateArticleBody } }, async (request, reply) => {
    const article = await answer(request, (actor, url) => articles.createArticle(database, request.body, actor, url));
    return reply.status(201).header('location', `${request.url}/${article.id}`).send(article);
  });

  api.get('/articles/:id', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    answer(request, (_actor, url) => articles.getArticle(database.db, request.params.id, url)),
  );

  api.patch('/articles/:id', { schema: { tags, params: ArticleIdParams, body: UpdateArticleBody } }, async (request) =>
    answer(request, (actor, url) => articles.updateArticle(database, request.params.id, request.body, actor, url)),
  );

  api.post('/articles/:id/publish', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    answer(request, (actor, url) => articles.publishArticle(database, request.params.id, actor, url)),
  );

  api.post('/articles/:id/unpublish', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    answer(request, (actor, url) => articles.unpublishArticle(database, request.params.id, actor, url)),
  );

  api.post('/articles/:id/submit', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    answer(request, (actor, url) => submitForReview(database, request.params.id, actor, url, reviewMail)),
  );

  api.post('/articles/:id/send-back', { schema: { tags, params: ArticleIdParams, body: SendBackBody } }, async (request) =>
    answer(request, (actor, url) => sendBack(database, request.params.id, actor, request.body.note, url, reviewMail)),
  );

  api.post('/articles/:id/restore', { schema: { tags, params: ArticleIdParams } }, async (request) =>
    answer(request, (actor, url) => articles.restoreArticle(database, request.params.id, actor, url)),
  );

  api.delete(
    '/articles/:id',
    { schema: { tags, params: ArticleIdParams, querystring: DeleteArticleQuery } },
    async (request, reply) => {
      if (request.query.permanent) {
        await articles.deleteArticleForever(database, request.params.id, actorOf(request));
        return reply.status(204).send();
      }
      return answer(request, (actor, url) => articles.trashArticle(database, request.params.id, actor, url));
    },
  );

  api.get('/articles/:id/revisions', { schema: { tags, params: ArticleIdParams } }, async (request) => ({
    items: await articles.listRevisions(database.db, request.params.id),
  }));
};
