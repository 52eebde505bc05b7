import type { Kysely } from 'kysely';
import { prepared } from '../db/prepared.js';
import type { Schema } from '../db/schema.js';
import { articleRows, isExpired, isPubliclyVisible, withRelations } from './articles.repository.js';
import type { Article } from './articles.types.js';
import { articlePath } from './urls.js';

const articleAtPath = prepared((db, path: { language: string; slug: string }) =>
  articleRows(db).where('articles.language', '=', path.language).where('articles.slug', '=', path.slug),
);

export type PublicLookup =
  | { kind: 'found'; article: Article }
  | { kind: 'moved'; path: string }
  | { kind: 'gone' }
  /** Past its expiry (content/moments.ts): a note (410) or, unlisted, the story for whoever has its address. */
  | { kind: 'expired'; article: Article }
  | { kind: 'missing' };

/**
 * What a reader finds at `/{language}/{slug}`: the story, a redirect from an old slug, "gone"
 * for a story that was published and then withdrawn to the trash, or nothing.
 */
export async function findPublicArticle(
  db: Kysely<Schema>,
  language: string,
  slug: string,
  baseUrl: string,
): Promise<PublicLookup> {
  // The whole row at once: a story found (the usual case) needs no second read.
  const [row] = await articleAtPath(db, { language, slug });
  if (row && (isPubliclyVisible(row) || isExpired(row))) {
    const [article] = await withRelations(db, [row.id], [row], baseUrl, 'public');
    return { kind: isExpired(row) ? 'expired' : 'found', article };
  }
  if (row?.deleted_at && row.published_at) return { kind: 'gone' };
  if (row) return { kind: 'missing' };
  const redirect = await db
    .selectFrom('slug_redirects')
    .innerJoin('articles', 'articles.id', 'slug_redirects.article_id')
    .select(['articles.language', 'articles.slug', 'articles.status', 'articles.deleted_at'])
    .where('slug_redirects.language', '=', language)
    .where('slug_redirects.slug', '=', slug)
    .executeTakeFirst();
  // An expired story's old addresses lead to its note too.
  if (redirect && (isPubliclyVisible(redirect) || isExpired(redirect))) return { kind: 'moved', path: articlePath(redirect.language, redirect.slug) };
  return { kind: 'missing' };
}
