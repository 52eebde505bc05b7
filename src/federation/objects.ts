/**
 * Herald's things as ActivityStreams objects: a language edition as a Service, a story as an
 * Article. Plain functions of the data, so tests check them without a server.
 */
import { Temporal as Polyfill } from '@js-temporal/polyfill';
import { Article as ArticleObject, Endpoints, Hashtag, Image, LanguageString, PUBLIC_COLLECTION, Service, Tombstone } from '@fedify/vocab';
import type { Article } from '../content/articles.types.js';
import { absoluteLinks, absoluteUrl, tagPath } from '../content/urls.js';
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
    manuallyApprovesFollowers: false,
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
  const content = absoluteLinks(article.body, baseUrl);
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
    url: new URL(article.url),
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
