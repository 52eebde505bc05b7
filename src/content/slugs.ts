import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';

/** Path segments the site routes use after `/{lang}/`; a story slug must not shadow them. */
export const RESERVED_SLUGS = new Set([
  'search', 'tag', 'section', 'author', 'page', 'feed', 'rss', 'atom', 'feed.json', 'privacy', 'corrections', 'comments', 'api', 'admin', 'media',
]);

const MAX_SLUG_LENGTH = 80;

/**
 * A readable slug in any script: letters and digits of every alphabet are kept (Chinese,
 * Arabic, Cyrillic, accented Latin), everything else becomes single hyphens. May return ''
 * for a title with no letter at all; callers supply the fallback.
 */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKC')
    .toLocaleLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // Cut by code point so no character is split, then drop a trailing hyphen left by the cut.
  return Array.from(slug).slice(0, MAX_SLUG_LENGTH).join('').replace(/-+$/, '');
}

/** A slug for `text`, never empty: falls back to `fallback` when the text has no letter. */
export function slugOr(text: string, fallback: string): string {
  return slugify(text) || fallback;
}

/** The first free slug for an article in `language`: `base`, then `base-2`, `base-3`, … */
export async function uniqueArticleSlug(
  db: Kysely<Schema>,
  language: string,
  base: string,
  exceptArticleId?: number,
): Promise<string> {
  const taken = await db
    .selectFrom('articles')
    .select('slug')
    .where('language', '=', language)
    .where((eb) => eb.or([eb('slug', '=', base), eb('slug', 'like', `${base}-%`)]))
    .$if(exceptArticleId !== undefined, (q) => q.where('id', '!=', exceptArticleId!))
    .execute();
  const used = new Set(taken.map((r) => r.slug));
  if (!used.has(base) && !RESERVED_SLUGS.has(base)) return base;
  for (let n = 2; ; n++) {
    const candidate = `${base}-${n}`;
    if (!used.has(candidate)) return candidate;
  }
}
