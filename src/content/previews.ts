/**
 * Preview links, as Ghost has them: an address that shows a draft or scheduled story exactly as
 * readers will see it, to whoever has the link (a colleague without an account, a source asked
 * to check a quote). Signed with the site's key, so nothing is stored and no one can guess one;
 * each expires, and a story published since leads to its page.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { sign, siteSecret, verify } from '../core/signing.js';
import { AppError } from '../core/errors.js';
import { assertCan, type Actor } from '../people/permissions.js';
import { getArticle } from './articles.service.js';
import { isPubliclyVisible, loadArticles } from './articles.repository.js';
import type { Article } from './articles.types.js';
import { absoluteUrl } from './urls.js';

const PURPOSE = 'preview';
/** How long a link works: long enough for an edit and its checks, short enough to be forgotten. */
export const PREVIEW_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;

export interface PreviewLink {
  url: string;
  expiresAt: string;
}

interface PreviewToken {
  article: number;
  expires: number;
}

function underEmbargo(article: Article, now: number): boolean {
  return article.embargoUntil !== null && Date.parse(article.embargoUntil) > now;
}

export async function createPreviewLink(db: Kysely<Schema>, actor: Actor, articleId: number, baseUrl: string, now: number): Promise<PreviewLink> {
  assertCan(actor, 'articles.read');
  const article = await getArticle(db, articleId, baseUrl);
  if (underEmbargo(article, now)) {
    throw new AppError('CONFLICT', `The story is under embargo until ${article.embargoUntil}: no preview link shows it before then.`, {
      fields: [{ field: 'embargoUntil', message: 'has not passed' }],
    });
  }
  const expires = now + PREVIEW_LIFETIME_MS;
  const token = sign(await siteSecret(db), PURPOSE, { article: article.id, expires } satisfies PreviewToken);
  return { url: absoluteUrl(baseUrl, `/preview/${token}`), expiresAt: new Date(expires).toISOString() };
}

export type PreviewLookup = { kind: 'preview'; article: Article; expiresAt: string } | { kind: 'published'; path: string } | { kind: 'missing' };

/** What a preview link shows now: the story as it stands, its page once published, or nothing. */
export async function findPreview(db: Kysely<Schema>, token: string, baseUrl: string, now: number): Promise<PreviewLookup> {
  const claim = verify<PreviewToken>(await siteSecret(db), PURPOSE, token);
  if (!claim || !Number.isSafeInteger(claim.article) || typeof claim.expires !== 'number' || claim.expires <= now) return { kind: 'missing' };
  // Linked as readers will see it: translations and neighbours only where they are public.
  const [article] = await loadArticles(db, [claim.article], baseUrl, 'public');
  if (!article || article.deletedAt) return { kind: 'missing' };
  if (isPubliclyVisible({ status: article.status, deleted_at: article.deletedAt })) return { kind: 'published', path: article.path };
  // A link made before an embargo was set shows nothing until it lifts: an embargo admits no reader.
  if (underEmbargo(article, now)) return { kind: 'missing' };
  return { kind: 'preview', article, expiresAt: new Date(claim.expires).toISOString() };
}
