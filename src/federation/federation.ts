/**
 * The fediverse side of Herald, on Fedify: each site language is an actor (`@fr@host`) with
 * WebFinger, an inbox, an outbox and a followers collection; each published story is an
 * Article at its own URI. Fedify's storage is Herald's database (kv-store.ts, message-queue.ts)
 * and its network requests go through Herald's outbound helper (transport.ts).
 *
 * What is received is handled in inbound.ts (one handler per activity type); what is sent is
 * queued by outbox.ts and sent by delivery.ts.
 */
import { createFederation, type Context, type Federation } from '@fedify/fedify';
import { Activity, Article as ArticleObject, Create, Note, type Recipient } from '@fedify/vocab';
import type { Kysely } from 'kysely';
import { loadArticles } from '../content/articles.repository.js';
import type { Article } from '../content/articles.types.js';
import type { Schema } from '../db/schema.js';
import { absoluteUrl } from '../content/urls.js';
import type { FederationData } from './context.js';
import { countFollowers, followersPage } from './followers.repository.js';
import { handleInbound, INBOUND_HANDLERS, type InboundHandler } from './inbound.js';
import { actorKeyPairs } from './keys.js';
import { DatabaseKvStore } from './kv-store.js';
import { DatabaseMessageQueue } from './message-queue.js';
import { editionActor, instant, storyObject } from './objects.js';
import { ACTOR_PATH, ARTICLE_PATH, COMMENT_PATH, FOLLOWERS_PATH, INBOX_PATH, OUTBOX_PATH, SHARED_INBOX_PATH } from './paths.js';
import { lastCommentActivity } from './activities.repository.js';
import { replyNoteFor, siteReply } from './replies.outbox.js';
import { authenticatedDocumentLoaderFactory, documentLoader, type TransportPolicy } from './transport.js';

export type HeraldFederation = Federation<FederationData>;

export interface FederationOptions {
  db: Kysely<Schema>;
  policy: TransportPolicy;
  /** How often an idle inbox queue looks for work queued by another process. */
  queuePollMs?: number;
}

const FOLLOWERS_PAGE = 50;
const OUTBOX_ITEMS = 20;

/** The site language an identifier names, as the site spells it (WebFinger ignores case). */
async function siteLanguage(ctx: Context<FederationData>, identifier: string): Promise<string | null> {
  const { languages } = await ctx.data.settings();
  return languages.find((l) => l.toLowerCase() === identifier.toLowerCase()) ?? null;
}

/** A published story (never a page) as the public sees it, or null. */
export async function federatedStory(db: Kysely<Schema>, articleId: number, baseUrl: string): Promise<Article | null> {
  const row = await db.selectFrom('articles').select(['id', 'kind', 'status', 'deleted_at']).where('id', '=', articleId).executeTakeFirst();
  if (!row || row.kind !== 'story' || row.status !== 'published' || row.deleted_at !== null) return null;
  const [article] = await loadArticles(db, [articleId], baseUrl, 'public');
  return article ?? null;
}

/** The Article for a story, with the URIs of its language's actor. */
export function articleFor(ctx: Context<FederationData>, article: Article, baseUrl: string): ArticleObject {
  return storyObject(article, baseUrl, {
    id: ctx.getObjectUri(ArticleObject, { id: String(article.id) }),
    actor: ctx.getActorUri(article.language),
    followers: ctx.getFollowersUri(article.language),
  });
}

export function createHeraldFederation(options: FederationOptions): HeraldFederation {
  const { db, policy } = options;
  const federation = createFederation<FederationData>({
    kv: new DatabaseKvStore(db),
    queue: { inbox: new DatabaseMessageQueue(db, { pollMs: options.queuePollMs ?? 1000, leaseMs: 60_000 }) },
    // The queue runs in server processes only (startServer), not in the CLI or tests' apps.
    manuallyStartQueue: true,
    documentLoaderFactory: () => documentLoader(policy),
    contextLoaderFactory: () => documentLoader(policy),
    authenticatedDocumentLoaderFactory: authenticatedDocumentLoaderFactory(policy),
  });

  federation
    .setActorDispatcher(ACTOR_PATH, async (ctx, identifier) => {
      const language = await siteLanguage(ctx, identifier);
      if (!language || language !== identifier) return null;
      const settings = await ctx.data.settings();
      const keys = await ctx.getActorKeyPairs(language);
      return editionActor(
        settings,
        language,
        {
          id: ctx.getActorUri(language),
          inbox: ctx.getInboxUri(language),
          outbox: ctx.getOutboxUri(language),
          followers: ctx.getFollowersUri(language),
          sharedInbox: ctx.getInboxUri(),
        },
        { publicKey: keys[0].cryptographicKey, assertionMethods: keys.map((k) => k.multikey) },
        { url: absoluteUrl(settings.baseUrl, ctx.data.iconPath), mediaType: 'image/png' },
      );
    })
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      const language = await siteLanguage(ctx, identifier);
      return language ? actorKeyPairs(ctx.data.database.db, language) : [];
    })
    // `@zh-hant@host` finds `zh-Hant`: WebFinger and Mastodon compare handles without case.
    .mapHandle(async (ctx, username) => siteLanguage(ctx, username));

  federation
    .setFollowersDispatcher(FOLLOWERS_PATH, async (ctx, identifier, cursor) => {
      const language = await siteLanguage(ctx, identifier);
      if (!language || cursor === null) return null;
      const rows = await followersPage(ctx.data.database.db, language, Number(cursor) || 0, FOLLOWERS_PAGE);
      const items: Recipient[] = rows.map((r) => ({
        id: new URL(r.follower_uri),
        inboxId: new URL(r.inbox),
        endpoints: r.shared_inbox ? { sharedInbox: new URL(r.shared_inbox) } : null,
      }));
      return { items, nextCursor: rows.length === FOLLOWERS_PAGE ? String(rows[rows.length - 1].id) : null };
    })
    .setFirstCursor(() => '0')
    .setCounter(async (ctx, identifier) => {
      const language = await siteLanguage(ctx, identifier);
      return language ? countFollowers(ctx.data.database.db, language) : 0;
    });

  // The latest stories of the edition, newest first: what a server looking at the account sees.
  federation
    .setOutboxDispatcher(OUTBOX_PATH, async (ctx, identifier) => {
      const language = await siteLanguage(ctx, identifier);
      if (!language) return null;
      const settings = await ctx.data.settings();
      const ids = await ctx.data.database.db
        .selectFrom('articles')
        .select('id')
        .where('language', '=', language)
        .where('kind', '=', 'story')
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .orderBy('published_at', 'desc')
        .limit(OUTBOX_ITEMS)
        .execute();
      const articles = await loadArticles(ctx.data.database.db, ids.map((r) => r.id), settings.baseUrl, 'public');
      const items = articles.map((article) => {
        const object = articleFor(ctx, article, settings.baseUrl);
        return new Create({
          id: new URL(`${object.id!.href}#create`),
          actor: ctx.getActorUri(language),
          object,
          tos: object.toIds,
          ccs: object.ccIds,
          published: instant(article.publishedAt ?? article.createdAt),
        });
      });
      return { items };
    })
    .setCounter(async (ctx, identifier) => {
      const language = await siteLanguage(ctx, identifier);
      if (!language) return 0;
      const row = await ctx.data.database.db
        .selectFrom('articles')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('language', '=', language)
        .where('kind', '=', 'story')
        .where('status', '=', 'published')
        .where('deleted_at', 'is', null)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    });

  federation.setObjectDispatcher(ArticleObject, ARTICLE_PATH, async (ctx, values) => {
    const id = Number(values.id);
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const settings = await ctx.data.settings();
    const article = await federatedStory(ctx.data.database.db, id, settings.baseUrl);
    return article && settings.languages.includes(article.language) ? articleFor(ctx, article, settings.baseUrl) : null;
  });

  // A site comment sent back to a fediverse reply, while the fediverse has it (not since deleted).
  federation.setObjectDispatcher(Note, COMMENT_PATH, async (ctx, values) => {
    const id = Number(values.id);
    if (!Number.isSafeInteger(id) || id < 1) return null;
    const db = ctx.data.database.db;
    const last = await lastCommentActivity(db, id);
    if (!last || last.type === 'Delete') return null;
    const settings = await ctx.data.settings();
    const reply = await siteReply(db, id, settings.baseUrl);
    return reply && settings.languages.includes(reply.story.language) ? replyNoteFor(ctx, reply) : null;
  });

  const listeners = federation.setInboxListeners(INBOX_PATH, SHARED_INBOX_PATH);
  const byType = new Map<InboundHandler['type'], InboundHandler[]>();
  for (const handler of INBOUND_HANDLERS) byType.set(handler.type, [...(byType.get(handler.type) ?? []), handler]);
  // Activities no handler asks for (an Accept, a Like for now) are recorded all the same.
  if (!byType.has(Activity)) byType.set(Activity, []);
  for (const [type, handlers] of byType) {
    listeners.on(type as typeof Activity, (ctx, activity) => handleInbound(ctx, activity, handlers));
  }
  return federation;
}
