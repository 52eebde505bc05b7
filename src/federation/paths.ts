/**
 * Where the fediverse finds Herald's actors and objects. One place, because the dispatchers
 * (federation.ts) and the outbox (outbox.ts, which writes ids before Fedify runs) must agree.
 * The actor is a site language: `/ap/actors/fr`, handle `@fr@host`; `zh-Hant` stays as it is
 * (Mastodon's usernames allow a hyphen inside, and WebFinger compares without case).
 */
export const ACTOR_PATH = '/ap/actors/{identifier}';
export const INBOX_PATH = '/ap/actors/{identifier}/inbox';
export const OUTBOX_PATH = '/ap/actors/{identifier}/outbox';
export const FOLLOWERS_PATH = '/ap/actors/{identifier}/followers';
export const SHARED_INBOX_PATH = '/ap/inbox';
export const ARTICLE_PATH = '/ap/articles/{id}';
/** A site comment sent back to the fediverse reply it answers (a Note). */
export const COMMENT_PATH = '/ap/comments/{id}';

function base(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, '');
}

export function actorUri(baseUrl: string, language: string): string {
  return `${base(baseUrl)}${ACTOR_PATH.replace('{identifier}', encodeURIComponent(language))}`;
}

export function articleUri(baseUrl: string, articleId: number): string {
  return `${base(baseUrl)}${ARTICLE_PATH.replace('{id}', String(articleId))}`;
}

/** `@fr@news.example`: what readers type into Mastodon's search. */
export function actorHandle(baseUrl: string, language: string): string {
  return `@${language}@${new URL(baseUrl).host}`;
}
