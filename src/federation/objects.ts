/**
 * Herald's things as ActivityStreams objects: a language edition as a Service, a story as an
 * Article, a site comment answering a fediverse reply as a Note. Plain functions of the data,
 * so tests check them without a server.
 */
import { Temporal as Polyfill } from '@js-temporal/polyfill';
import { Article as ArticleObject, Endpoints, Hashtag, Image, LanguageString, Mention, Note, PUBLIC_COLLECTION, Service, Tombstone } from '@fedify/vocab';
import sanitizeHtml from 'sanitize-html';
import { renderCommentBody } from '../comments/comments.render.js';
import type { Article } from '../content/articles.types.js';
import { absoluteLinks, absoluteUrl, tagPath } from '../content/urls.js';
import { markSource, markSourceInHtml } from '../core/source-marks.js';
import type { SiteSettings } from '../settings/settings.service.js';

/** Node 20 has no Temporal: the polyfill Fedify itself uses makes the instants its vocabulary takes. */
export function instant(iso: string): Temporal.Instant {
  return Polyfill.Instant.from(iso) as unknown as Temporal.Instant;
}

/** The URIs an actor's documents live at (from Fedify's context, so they follow its routes). */
export interface ActorUris {
  id: URL;
  inbox: URL;
  outbox: URL;
  followers: URL;
  sharedInbox: URL;
}

/** What links to the site in the site's Articles say about where their reader comes from (`?ref=fediverse`). */
export const FEDIVERSE_SOURCE = 'fediverse';

/** The language's own name for itself: "français", "繁體中文", "العربية". */
function ownName(language: string): string {
  try {
    return new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** A language edition: the site's name, description and logo, and the language's home page. */
export function editionActor(
  settings: SiteSettings,
  language: string,
  uris: ActorUris,
  keys: { publicKey: NonNullable<ConstructorParameters<typeof Service>[0]['publicKey']>; assertionMethods: NonNullable<ConstructorParameters<typeof Service>[0]['assertionMethods']> },
  icon: { url: string; mediaType: string },
): Service {
  return new Service({
    id: uris.id,
    preferredUsername: language,
    name: `${settings.name} (${ownName(language)})`,
    summary: settings.description ? `<p>${escapeHtml(settings.description)}</p>` : null,
    url: new URL(absoluteUrl(settings.baseUrl, `/${language}/`)),
    icon: new Image({ url: new URL(icon.url), mediaType: icon.mediaType }),
    inbox: uris.inbox,
    outbox: uris.outbox,
    followers: uris.followers,
    endpoints: new Endpoints({ sharedInbox: uris.sharedInbox }),
    publicKey: keys.publicKey,
    assertionMethods: keys.assertionMethods,
    // Mastodon then shows "Request to follow" and waits for the Accept.
    manuallyApprovesFollowers: settings.federationFollowApproval,
    discoverable: true,
    indexable: true,
  });
}

/** `#ElectionsMunicipales` from "élections municipales": a hashtag is one word. */
export function hashtagName(tag: string): string {
  const words = tag.split(/[^\p{L}\p{N}_]+/u).filter(Boolean);
  return `#${words.map((w, i) => (i === 0 ? w : w[0].toLocaleUpperCase() + w.slice(1))).join('')}`;
}

const IMAGE_TYPES: Record<string, string> = { jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', avif: 'image/avif' };

function imageType(url: string): string | undefined {
  const extension = new URL(url).pathname.split('.').pop()?.toLowerCase() ?? '';
  return IMAGE_TYPES[extension];
}

/** A published story as an Article: what Mastodon shows as the title with a link card. */
export function storyObject(article: Article, baseUrl: string, uris: { id: URL; actor: URL; followers: URL }): ArticleObject {
  const language = article.language;
  // Links to the site say the reader came from the fediverse (the Article's id stays as it is: it names the object).
  const content = markSourceInHtml(absoluteLinks(article.body, baseUrl), baseUrl, FEDIVERSE_SOURCE);
  const image = article.featuredImage;
  const imageUrl = image ? (image.url.startsWith('/') ? absoluteUrl(baseUrl, image.url) : image.url) : null;
  const published = article.publishedAt ?? article.createdAt;
  return new ArticleObject({
    id: uris.id,
    attribution: uris.actor,
    to: PUBLIC_COLLECTION,
    cc: uris.followers,
    names: [article.title, new LanguageString(article.title, language)],
    summaries: article.standfirst ? [article.standfirst, new LanguageString(article.standfirst, language)] : [],
    contents: [content, new LanguageString(content, language)],
    url: new URL(markSource(article.url, baseUrl, FEDIVERSE_SOURCE)),
    published: instant(published),
    updated: article.updatedAt > published ? instant(article.updatedAt) : null,
    attachments: image && imageUrl ? [new Image({ url: new URL(imageUrl), name: image.alt || null, mediaType: imageType(imageUrl) ?? null })] : [],
    tags: article.tags.map((tag) => new Hashtag({ href: new URL(absoluteUrl(baseUrl, tagPath(language, tag.slug))), name: hashtagName(tag.name) })),
  });
}

/** What stays of a story taken off the site. */
export function storyTombstone(id: URL, deletedAt: string): Tombstone {
  return new Tombstone({ id, deleted: instant(deletedAt) });
}

/** A site comment answering a reply from the fediverse, and the reply it answers. */
export interface SiteReply {
  comment: { id: number; body: string; authorName: string; createdAt: string; updatedAt: string };
  /** The fediverse reply: its Note, its author's actor, `@user@instance` and profile page. */
  answered: { objectId: string; actorUri: string; handle: string | null; profile: string };
  story: { language: string; url: string };
}

// What a reply's content may hold: the comment's paragraphs and links, and the mention.
const REPLY_POLICY: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'a', 'span'],
  allowedAttributes: { a: ['href', 'rel', 'class'], span: ['class', 'translate'] },
  allowedSchemes: ['http', 'https'],
};

/**
 * The reply's text as Mastodon writes one: the mention of whom it answers first (a link to
 * their profile, marked up as Mastodon's own mentions are), the comment, then who wrote it —
 * the account is the edition, not the person.
 */
export function replyContent(reply: SiteReply): string {
  const { answered, comment } = reply;
  const user = answered.handle?.match(/^@([^@]+)@/)?.[1];
  const mention = `<span class="h-card" translate="no"><a href="${escapeHtml(answered.profile)}" class="u-url mention">@<span>${escapeHtml(user ?? answered.actorUri)}</span></a></span>`;
  return sanitizeHtml(`<p>${mention}</p>${renderCommentBody(comment.body)}<p>— ${escapeHtml(comment.authorName)}</p>`, REPLY_POLICY);
}

/**
 * The Note: in reply to the fediverse reply, addressed to its author, unlisted for everyone else
 * (the public and the edition's followers in `cc`, as Mastodon addresses a reply), with the
 * Mention that makes Mastodon notify them.
 */
export function replyNote(reply: SiteReply, uris: { id: URL; actor: URL; followers: URL }): Note {
  // The story's address is the site's: links to the site say the reader comes from the fediverse.
  const site = reply.story.url;
  const content = markSourceInHtml(replyContent(reply), site, FEDIVERSE_SOURCE);
  const replier = new URL(reply.answered.actorUri);
  return new Note({
    id: uris.id,
    attribution: uris.actor,
    to: replier,
    ccs: [PUBLIC_COLLECTION, uris.followers],
    replyTarget: new URL(reply.answered.objectId),
    contents: [content, new LanguageString(content, reply.story.language)],
    tags: [new Mention({ href: replier, name: reply.answered.handle ?? replier.href })],
    url: new URL(markSource(`${reply.story.url}#comment-${reply.comment.id}`, site, FEDIVERSE_SOURCE)),
    published: instant(reply.comment.createdAt),
    updated: reply.comment.updatedAt > reply.comment.createdAt ? instant(reply.comment.updatedAt) : null,
  });
}
