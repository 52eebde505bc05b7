/**
 * Old addresses of imported content (WordPress's `/?p=12`, `/2010/10/16/hello-world/`,
 * `/category/news/world/`, `/tag/x/`, a Ghost `/slug/`) answering 301 with the new address,
 * and of its feeds and people (WordPress's `/feed/`, `/category/x/feed/`, `/author/x/`, Ghost's
 * `/rss/`, `/author/x/`, `/tag/x/rss/`).
 * The target is resolved when a reader asks, so a story renamed after the import still
 * redirects to where it lives now.
 */
import type { Insertable, Kysely } from 'kysely';
import type { LegacyRedirectsTable, Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { unsafeCharacter } from '../core/unsafe-text.js';
import { isPubliclyVisible } from '../content/articles.repository.js';
import { articlePath, authorPath, sectionPath, tagPath } from '../content/urls.js';
import { FEED_FORMATS } from '../reach/feeds.service.js';

/** What an old address leads to: content, a person's page, or a feed (`-feed`: the RSS feed of it). */
export type LegacyTarget =
  | { type: 'article' | 'tag' | 'tag-feed'; id: number }
  | { type: 'section' | 'section-feed' | 'author' | 'author-feed'; id: number; language: string }
  | { type: 'feed'; language: string };

/** Query parameters WordPress addresses content by; every other parameter is ignored. */
const ID_PARAMS = ['p', 'page_id', 'cat', 'tag', 'attachment_id'];

/**
 * The form an old address is stored and looked up in: the path decoded, lower-cased, without
 * the trailing slash, and only the query parameter that names content (`/?p=12`).
 */
export function normalizeLegacyPath(pathAndQuery: string): string | null {
  let url: URL;
  try {
    url = new URL(pathAndQuery, 'http://legacy.invalid');
  } catch {
    return null;
  }
  for (const param of ID_PARAMS) {
    const value = url.searchParams.get(param);
    if (value) return unsafeCharacter(value, 'line') ? null : `/?${param}=${value.trim().toLowerCase()}`;
  }
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    path = url.pathname;
  }
  path = path.normalize('NFC').toLowerCase().replace(/\/{2,}/g, '/').replace(/\/+$/, '');
  // No stored old address holds a control character (PostgreSQL could not even compare one).
  return path === '' || unsafeCharacter(path, 'line') ? null : path;
}

export type LegacyRedirectRow = Insertable<LegacyRedirectsTable>;

/** The rows recording `paths` (normalized, without repeats) as old addresses of `target`. */
export function legacyRedirectRows(paths: Iterable<string>, target: LegacyTarget): LegacyRedirectRow[] {
  const now = nowIso();
  return [...new Set([...paths].map(normalizeLegacyPath).filter((p): p is string => p !== null))].map((path) => ({
    path,
    target_type: target.type,
    target_id: 'id' in target ? target.id : 0,
    language: 'language' in target ? target.language : null,
    created_at: now,
  }));
}

/** Inserts the rows; an address already taken keeps its first target. Returns how many were new. */
export async function insertLegacyRedirects(db: Kysely<Schema>, rows: LegacyRedirectRow[]): Promise<number> {
  const seen = new Set<string>();
  const unique = rows.filter((r) => !seen.has(r.path) && seen.add(r.path));
  let inserted = 0;
  for (let i = 0; i < unique.length; i += 200) {
    const result = await db
      .insertInto('legacy_redirects')
      .values(unique.slice(i, i + 200))
      .onConflict((oc) => oc.column('path').doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

export async function addLegacyRedirects(db: Kysely<Schema>, paths: Iterable<string>, target: LegacyTarget): Promise<number> {
  return insertLegacyRedirects(db, legacyRedirectRows(paths, target));
}

/** Where an old address lives now (a site path), or null when it is not a known old address. */
export async function findLegacyRedirect(db: Kysely<Schema>, pathAndQuery: string): Promise<string | null> {
  const path = normalizeLegacyPath(pathAndQuery);
  if (!path) return null;
  const row = await db.selectFrom('legacy_redirects').selectAll().where('path', '=', path).executeTakeFirst();
  if (!row) return null;
  if (row.target_type === 'article') {
    const article = await db
      .selectFrom('articles')
      .select(['language', 'slug', 'status', 'deleted_at'])
      .where('id', '=', row.target_id)
      .executeTakeFirst();
    return article && isPubliclyVisible(article) ? articlePath(article.language, article.slug) : null;
  }
  // The RSS feed of a page of the site (Herald's feeds live at the page's address + /feed.xml).
  const feedOf = (path: string | null) => (path === null ? null : `${path}/${FEED_FORMATS.rss}`);
  if (row.target_type === 'tag' || row.target_type === 'tag-feed') {
    const tag = await db.selectFrom('tags').select(['language', 'slug']).where('id', '=', row.target_id).executeTakeFirst();
    const path = tag ? tagPath(tag.language, tag.slug) : null;
    return row.target_type === 'tag' ? path : feedOf(path);
  }
  if (row.target_type === 'feed') return row.language ? feedOf(`/${row.language}`) : null;
  if (row.target_type === 'author' || row.target_type === 'author-feed') {
    const user = await db.selectFrom('users').select('slug').where('id', '=', row.target_id).executeTakeFirst();
    const path = user && row.language ? authorPath(row.language, user.slug) : null;
    return row.target_type === 'author' ? path : feedOf(path);
  }
  const name = await db
    .selectFrom('section_names')
    .select(['language', 'slug'])
    .where('section_id', '=', row.target_id)
    .orderBy((eb) => eb.case().when('language', '=', row.language ?? '').then(0).else(1).end())
    .executeTakeFirst();
  const section = name ? sectionPath(name.language, name.slug) : null;
  return row.target_type === 'section-feed' ? feedOf(section) : section;
}
