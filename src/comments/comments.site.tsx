import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { renderToString } from 'preact-render-to-string';
import fp from 'fastify-plugin';
import formbody from '@fastify/formbody';
import rateLimit from '@fastify/rate-limit';
import { readFileSync } from 'node:fs';
import { articlePath } from '../content/urls.js';
import { addCacheKeys } from '../http/cache-keys.js';
import { cacheKey } from '../core/cache-keys.js';
import { AppError, invalid } from '../core/errors.js';
import { isId, MAX_ID } from '../core/ids.js';
import { keepCommentsPageData } from './comments.context.js';
import { redisKey } from '../core/redis.js';
import { PENDING_COOKIE } from './comments.form.js';
import { ProblemList, sendCommentsPage } from './comments.pages.js';
import { commentableStory, type CommentableStory } from './comments.service.js';
import { getCommentSettings } from './comments.settings.js';
import { commentStrings } from './comments.strings.js';
import { CommentForm, CommentItem, SCRIPT_PATH, STYLE_PATH } from './comments.view.js';
import { networkOf, normalizeIp } from './network.js';
import { registerFeedRoute } from './comments.feed.js';
import { receiveComment, replyTarget, storyFormToken, storyPageComments } from './reader.service.js';
import { registerForgetRoutes } from './privacy.site.js';
import { reduceOldIps } from './privacy.service.js';
import { format } from '../site/i18n.js';
import { sendErrorPage } from '../site/site.shared.js';

const SCRIPT = readFileSync(new URL('./comments.client.js', import.meta.url));
const STYLE = readFileSync(new URL('./comments.css', import.meta.url));
const IP_JOB_INTERVAL_MS = 60 * 60_000;

interface CommentForm {
  article?: string | number;
  parent?: string | number;
  token?: string;
  name?: string;
  email?: string;
  url?: string;
  body?: string;
  phone?: string;
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function integerField(value: unknown, field: string): number | null {
  if (value === undefined || value === null || value === '') return null;
  const n = Number(value);
  // Within the ids a row can have: a larger number is an error on PostgreSQL, not a missing row.
  if (!isId(n)) throw invalid([{ field, message: `must be a whole number from 1 to ${MAX_ID}` }]);
  return n;
}

/**
 * Comments on the public site: loads a story's comments for its page (see comments.context.ts),
 * takes new comments (plain form POST or fetch), the comments feed of a story, reply pages for
 * readers without JavaScript, the data-deletion pages, and the periodic IP reduction.
 */
export const commentsSite = fp(async (app: FastifyInstance) => {
  const { database } = app.herald;
  const { db } = database;
  const { mailer } = app.herald;

  // Story pages: load the thread before the site's route renders the (synchronous) page.
  app.addHook('preHandler', (request, reply, done) => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || request.routeOptions.url !== '/:lang/:slug') return done();
    const { lang, slug } = request.params as { lang: string; slug: string };
    storyPageComments(db, { language: lang, slug }, { pendingCookie: request.cookies?.[PENDING_COOKIE], now: app.herald.now() })
      .then((data) => {
        if (data) {
          addCacheKeys(reply, [cacheKey.comments(data.view.articleId)]);
          keepCommentsPageData(request, data);
        }
        done();
      })
      .catch((error: Error) => done(error));
  });

  // A reader with held comments gets a personal page: no shared cache may keep it.
  app.addHook('onSend', async (request, reply, payload) => {
    if (request.cookies?.[PENDING_COOKIE] && request.routeOptions.url === '/:lang/:slug') reply.header('cache-control', 'private, no-cache');
    return payload;
  });

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<unknown> = Promise.resolve();
  const reduceIps = () => {
    running = reduceOldIps(db).catch((error: unknown) => app.log.error({ err: error }, 'comments: reducing IP addresses failed'));
  };
  app.addHook('onReady', async () => {
    reduceIps();
    timer = setInterval(reduceIps, IP_JOB_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });

  // Several app processes count together in Redis when there is one; otherwise each counts in memory.
  const redis = await app.herald.redis();

  await app.register(async (routes) => {
    await routes.register(formbody);
    await routes.register(rateLimit, {
      global: false,
      ...(redis ? { redis, nameSpace: redisKey(app.herald.config.cache.redisPrefix, 'comments-') } : {}),
      // A Redis outage must not silence readers: the other layers still judge every comment.
      skipOnError: true,
    });
    routes.addHook('onSend', async (request, reply, payload) => {
      if (request.url !== SCRIPT_PATH && request.url !== STYLE_PATH) reply.header('cache-control', 'private, no-store');
      return payload;
    });
    registerRoutes(routes);
  });

  function registerRoutes(routes: FastifyInstance) {
    const perIp = routes.rateLimit({
      max: async () => (await getCommentSettings(db)).ratePerIpPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `ip:${normalizeIp(request.ip)}`,
    });
    // A second counter on the same route: @fastify/rate-limit runs one `rateLimit` hook per
    // request, so this one counts through its public `createRateLimit` instead.
    const countNetwork = routes.createRateLimit({
      max: async () => (await getCommentSettings(db)).ratePerNetworkPerMinute,
      timeWindow: 60_000,
      keyGenerator: (request) => `net:${networkOf(request.ip)}`,
    });
    const perNetwork = async (request: FastifyRequest, reply: FastifyReply) => {
      const counted = await countNetwork(request);
      if (counted.isAllowed || !counted.isExceeded) return;
      reply.header('retry-after', String(counted.ttlInSeconds));
      throw new AppError('RATE_LIMITED', `Too many comments from your network; try again in ${counted.ttlInSeconds} seconds.`);
    };

    routes.get(SCRIPT_PATH, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('text/javascript; charset=utf-8').send(SCRIPT),
    );

    routes.get(STYLE_PATH, async (_request, reply) =>
      reply.header('cache-control', 'public, max-age=3600').type('text/css; charset=utf-8').send(STYLE),
    );

    routes.get<{ Querystring: { article?: string } }>('/comments/token', async (request) => {
      const articleId = integerField(request.query.article, 'article');
      if (!articleId) throw invalid([{ field: 'article', message: 'is required' }]);
      return { token: await storyFormToken(db, articleId, app.herald.now()) };
    });

    routes.post<{ Body: CommentForm }>('/comments', { onRequest: [perIp, perNetwork] }, async (request, reply) => {
      const form = request.body ?? {};
      const settings = await app.herald.settings();
      let story: CommentableStory | undefined;
      try {
        story = await commentableStory(db, integerField(form.article, 'article'));
        const post = { parentId: integerField(form.parent, 'parent'), name: form.name ?? '', email: form.email ?? '', url: form.url, body: form.body ?? '', token: form.token, honeypot: form.phone };
        const received = await receiveComment(
          database,
          story,
          post,
          { ip: request.ip ? normalizeIp(request.ip) : null, userAgent: request.headers['user-agent'] ?? '', pendingCookie: request.cookies?.[PENDING_COOKIE], now: app.herald.now() },
          { mailer, baseUrl: settings.baseUrl, mailFailed: (error) => request.log.error({ err: error }, 'comments: notifying authors failed') },
        );
        if (received.pendingCookie) {
          reply.setCookie(PENDING_COOKIE, received.pendingCookie, { path: '/', httpOnly: true, sameSite: 'lax', secure: request.protocol === 'https', maxAge: 30 * 86_400 });
        }
        const c = commentStrings(story.language);
        const { comment } = received;
        if (wantsJson(request)) {
          return reply.status(201).send({
            id: comment?.id ?? null,
            status: received.status === 'approved' ? 'approved' : 'pending',
            message: received.status === 'approved' ? c.published : c.received,
            html: comment ? renderToString(<CommentItem comment={comment} language={story.language} timeZone={settings.timezone} />) : null,
          });
        }
        return reply.redirect(`${articlePath(story.language, story.slug)}${comment ? `#comment-${comment.id}` : '#comments'}`, 303);
      } catch (error) {
        if (wantsJson(request) || !(error instanceof AppError) || error.status >= 500) throw error;
        const language = story?.language ?? settings.defaultLanguage;
        const c = commentStrings(language);
        return sendCommentsPage(request, reply, settings, {
          language,
          title: c.problem,
          status: error.status,
          body: <ProblemList message={error.message} fields={error.fields ?? []} back={story ? `${articlePath(story.language, story.slug)}#comments` : null} language={language} />,
        });
      }
    });

    // Replying without JavaScript: the comment and a form whose parent is set. A page readers
    // open from a link: an address naming no published comment answers the site's 404 page.
    routes.get<{ Params: { id: string } }>('/comments/:id/reply', async (request, reply) => {
      const id = /^[1-9]\d*$/.test(request.params.id) ? Number(request.params.id) : 0;
      const target = isId(id) ? await replyTarget(db, id, app.herald.now()) : null;
      if (!target) return sendErrorPage(request, reply, 404);
      const { comment, story, token } = target;
      const settings = await app.herald.settings();
      const c = commentStrings(story.language);
      return sendCommentsPage(request, reply, settings, {
        language: story.language,
        title: format(c.replyTo, { name: comment.authorName }),
        body: (
          <>
            <p>
              <a href={`${articlePath(story.language, story.slug)}#comment-${comment.id}`}>{story.title}</a>
            </p>
            <ol class="comment-list">
              <CommentItem comment={comment} language={story.language} timeZone={settings.timezone} />
            </ol>
            <CommentForm articleId={story.id} language={story.language} token={token} parentId={comment.id} />
          </>
        ),
      });
    });

    registerFeedRoute(routes);
    registerForgetRoutes(routes, mailer);
  }
});

