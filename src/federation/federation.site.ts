/**
 * Mounts Fedify into Fastify (Fedify ships adapters for other frameworks, not this one): the
 * requests for WebFinger and under `/ap/` are handed to `federation.fetch` as web Requests, with
 * their bodies unparsed, since an inbox checks the signature over the exact bytes received.
 * A browser opening an actor's, a story's or a reply's fediverse address is sent to its page on the site.
 * With federation off in the settings, all of it answers 404.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { Article as ArticleObject, Note } from '@fedify/vocab';
import { sendErrorPage } from '../site/site.shared.js';
import { absoluteUrl, articlePath } from '../content/urls.js';
import { markSource } from '../core/source-marks.js';
import type { FederationData } from './context.js';
import type { HeraldFederation } from './federation.js';
import { FEDIVERSE_SOURCE } from './objects.js';
import { limitInboxes } from './inbox-limits.js';
import { siteReply } from './replies.outbox.js';

/** The largest activity an inbox reads; Mastodon's own limit is about as large. */
export const INBOX_MAX_BYTES = 256 * 1024;

export interface FederationSiteOptions {
  federation: HeraldFederation;
  data: FederationData;
  /** Activities one instance may post a minute (inbox-limits.ts). */
  inboxRatePerMinute: number;
}

function webRequest(request: FastifyRequest, url: URL): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
  }
  const body = Buffer.isBuffer(request.body) ? new Uint8Array(request.body) : undefined;
  return new Request(url, { method: request.method, headers, body: request.method === 'GET' || request.method === 'HEAD' ? undefined : body });
}

export const federationSite: FastifyPluginAsync<FederationSiteOptions> = async (app, { federation, data, inboxRatePerMinute }) => {
  await limitInboxes(app, inboxRatePerMinute);
  // Inboxes read the raw bytes (signatures and digests cover them), up to INBOX_MAX_BYTES.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: INBOX_MAX_BYTES }, (_request, body, done) => done(null, body));

  const handle = async (request: FastifyRequest, reply: FastifyReply) => {
    const settings = await data.settings();
    if (!settings.federation) return sendErrorPage(request, reply, 404);
    const url = new URL(request.url, `${settings.baseUrl}/`);
    const response = await federation.fetch(webRequest(request, url), {
      contextData: data,
      onNotFound: () => new Response(null, { status: 404 }),
      // A browser: the page the fediverse address stands for, marked as reached from the fediverse.
      onNotAcceptable: async () => {
        const ctx = federation.createContext(url, data);
        const parsed = ctx.parseUri(url);
        if (parsed?.type === 'actor' && settings.languages.includes(parsed.identifier)) {
          return Response.redirect(markSource(absoluteUrl(settings.baseUrl, `/${parsed.identifier}/`), settings.baseUrl, FEDIVERSE_SOURCE), 303);
        }
        if (parsed?.type === 'object' && parsed.class === ArticleObject) {
          const row = await data.database.db
            .selectFrom('articles')
            .select(['language', 'slug'])
            .where('id', '=', Number(parsed.values.id) || 0)
            .where('status', '=', 'published')
            .where('deleted_at', 'is', null)
            .executeTakeFirst();
          if (row) return Response.redirect(markSource(absoluteUrl(settings.baseUrl, articlePath(row.language, row.slug)), settings.baseUrl, FEDIVERSE_SOURCE), 303);
        }
        if (parsed?.type === 'object' && parsed.class === Note) {
          const reply = await siteReply(data.database.db, Number(parsed.values.id) || 0, settings.baseUrl);
          if (reply) return Response.redirect(`${markSource(reply.story.url, settings.baseUrl, FEDIVERSE_SOURCE)}#comment-${reply.comment.id}`, 303);
        }
        return new Response(null, { status: 404 });
      },
    });
    if (response.status === 404 && request.method === 'GET' && !request.url.startsWith('/.well-known/')) return sendErrorPage(request, reply, 404);
    reply.status(response.status);
    response.headers.forEach((value, name) => reply.header(name, value));
    return reply.send(Buffer.from(await response.arrayBuffer()));
  };

  app.get('/.well-known/webfinger', handle);
  app.route({ method: ['GET', 'POST'], url: '/ap/*', handler: handle });
};
