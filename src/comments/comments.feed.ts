import type { FastifyInstance } from 'fastify';
import { plainText } from '../content/body.js';
import { absoluteUrl, articlePath } from '../content/urls.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { AppError } from '../core/errors.js';
import { isId } from '../core/ids.js';
import { rss2, type FeedEntry } from '../reach/feed-formats.js';
import { threadView } from './comments.service.js';
import { commentStrings } from './comments.strings.js';

/** `/comments/feed/ID.xml`: the RSS 2.0 feed of a story's approved comments, newest first. */
export function registerFeedRoute(routes: FastifyInstance): void {
  const { db } = routes.herald.database;
  routes.get<{ Params: { file: string } }>('/comments/feed/:file', async (request, reply) => {
    const articleId = Number(/^(\d+)\.xml$/.exec(request.params.file)?.[1] ?? NaN);
    // Beyond the largest id nothing is stored (and PostgreSQL would refuse the number: a 500).
    const article = isId(articleId)
      ? await db.selectFrom('articles').select(['id', 'title', 'language', 'slug', 'status', 'deleted_at']).where('id', '=', articleId).executeTakeFirst()
      : undefined;
    if (!article || article.status !== 'published' || article.deleted_at) throw new AppError('NOT_FOUND', 'No published story has this comments feed.');
    const settings = await routes.herald.settings();
    const view = await threadView(db, article.id);
    const url = absoluteUrl(settings.baseUrl, articlePath(article.language, article.slug));
    const c = commentStrings(article.language);
    // Newest first by date: the thread's order puts a late reply under its parent.
    const newest = [...view.comments].sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id).slice(0, 50);
    const entries: FeedEntry[] = newest.map((comment) => ({
      id: `${url}#comment-${comment.id}`,
      url: `${url}#comment-${comment.id}`,
      title: `${comment.authorName}: ${Array.from(plainText(comment.html)).slice(0, 80).join('')}`,
      summary: '',
      contentHtml: comment.html,
      published: new Date(comment.createdAt),
      updated: new Date(comment.createdAt),
      authors: [{ name: comment.authorName }],
      categories: [],
    }));
    const channel = {
      id: `${url}#comments`,
      title: `${c.feed}: ${article.title}`,
      description: `${c.feed}: ${article.title} · ${settings.name}`,
      home: `${url}#comments`,
      language: article.language,
      updated: newest.length ? new Date(newest[0].createdAt) : new Date(0),
      self: { rss: absoluteUrl(settings.baseUrl, `/comments/feed/${article.id}.xml`) },
      copyright: settings.publisherName,
      publisher: { name: settings.publisherName || settings.name, url: absoluteUrl(settings.baseUrl, '/') },
    };
    addCacheKeys(reply, [cacheKey.comments(article.id), cacheKey.article(article.id)]);
    return reply.header('cache-control', 'public, max-age=300').type('application/rss+xml; charset=utf-8').send(rss2(channel, entries));
  });

}
