/**
 * `herald import ghost FILE.json`: Ghost's JSON export (posts with HTML, pages, tags, authors,
 * `posts_tags`, `posts_authors`, `posts_meta`) with the guarantees of the WordPress import:
 * the file is checked whole before anything is written, a second run creates nothing new,
 * and old Ghost addresses (`/slug/`, `/tag/slug/`) redirect to the new ones.
 * Ghost exports are JSON documents; they are read whole (they hold no media).
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Store } from '../../db/hooks.js';
import { nowIso, toIso } from '../../db/time.js';
import { plainText } from '../../content/body.js';
import type { ArticleStatus } from '../../content/articles.types.js';
import { slugOr } from '../../content/slugs.js';
import { invalid, type FieldError } from '../../core/errors.js';
import { createUser } from '../../people/users.service.js';
import { getSettings } from '../../settings/settings.service.js';
import { ImportReport, type ImportOptions } from '../import.report.js';
import { ImportWriter, type ImportedPost } from '../import.writer.js';
import { assertReadableFile } from '../import.file.js';
import { jsonErrorLocation } from '../json-errors.js';
import { detectLanguage, importedLanguage } from '../language-detect.js';
import { refreshPlannerStatistics } from '../../db/statistics.js';
import { ghostEmbeds } from './ghost.cards.js';
import { ghostUrl, isOldSitePicture, normalizeSiteUrl, rewriteGhostUrls } from './ghost.images.js';
import { downloadAttachment, moveBodyPictures } from '../media-download.js';
import { addLegacyRedirects, insertLegacyRedirects, legacyRedirectRows } from '../legacy-redirects.js';

interface GhostPost {
  id: string;
  title: string;
  slug?: string;
  html?: string | null;
  type?: string;
  /** Ghost before 2.x said "a page" this way, without `type`. */
  page?: boolean | number;
  status?: string;
  feature_image?: string | null;
  custom_excerpt?: string | null;
  meta_title?: string | null;
  meta_description?: string | null;
  created_at?: string;
  updated_at?: string;
  published_at?: string | null;
  locale?: string | null;
  /** The byline in its order, as Ghost's Admin API gives a post (`include=authors`); else `posts_authors`. */
  authors?: Array<{ id: string }>;
}

interface GhostData {
  posts: GhostPost[];
  tags?: Array<{ id: string; name: string; slug?: string; description?: string | null; visibility?: string }>;
  users?: Array<{ id: string; name: string; slug?: string; email?: string; bio?: string | null }>;
  posts_tags?: Array<{ post_id: string; tag_id: string; sort_order?: number }>;
  posts_authors?: Array<{ post_id: string; author_id: string; sort_order?: number }>;
  posts_meta?: Array<{ post_id: string; meta_title?: string | null; meta_description?: string | null; feature_image_alt?: string | null; feature_image_caption?: string | null }>;
  settings?: Array<{ key: string; value: unknown }>;
}

/** The export's data, checked; throws a 400 naming the fault and writes nothing. */
export function parseGhostExport(text: string, name: string): GhostData {
  const refuse = (message: string) => invalid([{ field: 'file', message: `${name} is refused, nothing was imported — ${message}` }]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw refuse(`not valid JSON: ${jsonErrorLocation(text) ?? (error as Error).message}`);
  }
  const root = json as { db?: Array<{ data?: unknown }>; data?: unknown };
  const data = (root?.db?.[0]?.data ?? root?.data) as GhostData | undefined;
  if (!data || typeof data !== 'object' || !Array.isArray(data.posts)) {
    throw refuse('this is not a Ghost export: no db[0].data.posts list');
  }
  const faults: FieldError[] = [];
  data.posts.forEach((post, index) => {
    if (!post || typeof post !== 'object') faults.push({ field: `posts[${index}]`, message: 'is not an object' });
    else {
      if (typeof post.id !== 'string' && typeof post.id !== 'number') faults.push({ field: `posts[${index}].id`, message: 'is required' });
      if (typeof post.title !== 'string') faults.push({ field: `posts[${index}].title`, message: 'is required' });
      for (const key of ['created_at', 'updated_at', 'published_at'] as const) {
        const value = post[key];
        if (value && Number.isNaN(Date.parse(value))) faults.push({ field: `posts[${index}].${key}`, message: 'is not a date' });
      }
    }
  });
  if (faults.length) throw refuse(faults.map((f) => `${f.field} ${f.message}`).join('; '));
  return data;
}

/**
 * The old site's address (`--site-url`), checked; a file naming its pictures relative to the
 * old site (what every Ghost 4+ export does) is refused without it, before anything is written:
 * imported as they are, they would answer 404, and running the import again would not mend
 * the stories it already made.
 */
function oldSiteUrl(data: GhostData, name: string, options: ImportOptions): string | null {
  if (options.siteUrl !== undefined) {
    const url = normalizeSiteUrl(options.siteUrl);
    if (!url) throw invalid([{ field: 'siteUrl', message: `"${options.siteUrl}" is not an http(s) address` }]);
    return url;
  }
  const relative = data.posts.flatMap((post) => [
    ...rewriteGhostUrls(post.html ?? '', null).unresolved,
    ...(post.feature_image && ghostUrl(post.feature_image, null) === null ? [post.feature_image] : []),
  ]);
  if (relative.length === 0) return null;
  throw invalid([
    {
      field: 'siteUrl',
      message:
        `${name} is refused, nothing was imported — it names ${relative.length} pictures and files by their address on the old site ` +
        `(${relative[0]}): give that site's address, as in \`herald import ghost ${name} --site-url https://old.example\` ` +
        '(and --download-media to copy the pictures into the media library)',
    },
  ]);
}

function statusOf(post: GhostPost, now: string): ArticleStatus | null {
  if (post.status === 'published') return 'published';
  if (post.status === 'scheduled') return post.published_at && toIso(post.published_at) > now ? 'scheduled' : 'published';
  if (post.status === 'draft' || post.status === 'sent') return 'draft';
  return null;
}

export async function importGhost(store: Store, file: string, options: ImportOptions): Promise<ImportReport> {
  await assertReadableFile(file);
  const data = parseGhostExport(await readFile(file, 'utf8'), basename(file));
  const siteUrl = oldSiteUrl(data, basename(file), options);
  const report = new ImportReport();
  const writer = await ImportWriter.open(store, `ghost:${basename(file)}`, options.baseUrl, report);
  const settings = await getSettings(store.db);
  const siteLocale = importedLanguage(String(data.settings?.find((s) => s.key === 'locale' || s.key === 'lang')?.value ?? ''));
  const fallback = settings.languages.find((l) => siteLocale && l.split('-')[0] === siteLocale.split('-')[0]) ?? settings.defaultLanguage;

  const userIds = new Map<string, number>();
  for (const user of data.users ?? []) {
    const id = await writer.once('user', String(user.id), async ({ db: trx }) => {
      const email = user.email && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(user.email) ? user.email.toLowerCase() : `${slugOr(user.slug ?? user.name, 'author')}@ghost.invalid`;
      const existing = await trx.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst();
      if (!existing) report.created('users');
      const person = existing?.id ?? (await createUser(trx, { email, name: user.name || email, role: 'author', bio: user.bio ?? '' })).id;
      // Ghost's author page and its feed (/author/slug/, /author/slug/rss/).
      if (user.slug) {
        report.redirects += await insertLegacyRedirects(trx, [
          ...legacyRedirectRows([ghostUrl(`__GHOST_URL__/author/${user.slug}/`, siteUrl)!], { type: 'author', id: person, language: fallback }),
          ...legacyRedirectRows([ghostUrl(`__GHOST_URL__/author/${user.slug}/rss/`, siteUrl)!], { type: 'author-feed', id: person, language: fallback }),
        ]);
      }
      return person;
    });
    userIds.set(String(user.id), id);
  }
  // The site's feed, as Ghost served it (/rss/).
  report.redirects += await writer.batch((tx) => addLegacyRedirects(tx.db, [ghostUrl('__GHOST_URL__/rss/', siteUrl)!], { type: 'feed', language: fallback }));
  const tags = new Map((data.tags ?? []).map((t) => [String(t.id), t]));
  const meta = new Map((data.posts_meta ?? []).map((m) => [String(m.post_id), m]));
  const byPost = <T extends { post_id: string; sort_order?: number }>(rows: T[] = []) => {
    const grouped = new Map<string, T[]>();
    for (const row of [...rows].sort((a, b) => (a.sort_order ?? 0) - (b.sort_order ?? 0))) {
      const key = String(row.post_id);
      grouped.set(key, [...(grouped.get(key) ?? []), row]);
    }
    return grouped;
  };
  const postTags = byPost(data.posts_tags);
  const postAuthors = byPost(data.posts_authors);

  const now = nowIso();
  const batch: ImportedPost[] = [];
  for (const [index, post] of data.posts.entries()) {
    const status = statusOf(post, now);
    if (!status) {
      report.skip(`Ghost status "${post.status ?? '(none)'}"`);
      continue;
    }
    const id = String(post.id);
    const externalId = `${post.type === 'page' ? 'page' : 'post'}:${id}`;
    // Imported by an earlier run: the writer skips it; nothing to convert or download first.
    const known = writer.mapped('article', externalId) !== undefined;
    const extra = meta.get(id);
    const embeds = ghostEmbeds(post.html ?? '');
    let body = rewriteGhostUrls(embeds.html, siteUrl).html;
    let featured = post.feature_image ? ghostUrl(post.feature_image, siteUrl) : null;
    let featuredMedia: number | null = null;
    if (options.downloadMediaTo && siteUrl && !known) {
      body = await moveBodyPictures(writer, store, options.downloadMediaTo, body, (src) => (isOldSitePicture(src, siteUrl) ? src : null), report);
    }
    if (options.downloadMediaTo && featured && /^https?:\/\//i.test(featured) && !known) {
      featuredMedia = await downloadAttachment(writer, store, options.downloadMediaTo, featured, featured, report);
      if (featuredMedia !== null) featured = null;
    }
    if (!known) {
      if (embeds.outcome.cards) report.created('embeds', embeds.outcome.cards);
      for (const url of embeds.outcome.links) report.note(`"${post.title}": an embed Herald does not show as a card (${new URL(url).host}) kept as a link to ${url}`);
      if (embeds.outcome.unknown) report.note(`"${post.title}": ${embeds.outcome.unknown} embed card(s) without an address left out`);
    }
    const published = post.published_at ? toIso(post.published_at) : null;
    const created = post.created_at ? toIso(post.created_at) : (published ?? now);
    batch.push({
      externalId,
      kind: post.type === 'page' || (post.type === undefined && (post.page === true || post.page === 1)) ? 'page' : 'story',
      language: importedLanguage(post.locale) && settings.languages.includes(importedLanguage(post.locale)!)
        ? importedLanguage(post.locale)!
        : await detectLanguage(`${post.title}\n${body}`, settings.languages, fallback),
      title: post.title,
      body,
      excerpt: post.custom_excerpt ? plainText(post.custom_excerpt) : undefined,
      slug: post.slug || post.title,
      sectionId: null,
      tags: (postTags.get(id) ?? [])
        .map((pt) => tags.get(String(pt.tag_id)))
        .filter((t): t is NonNullable<typeof t> => !!t && t.visibility !== 'internal' && !t.name.startsWith('#'))
        .map((t) => ({ slug: t.slug || t.name, name: t.name, description: t.description ?? '' })),
      authorIds: (Array.isArray(post.authors) && post.authors.length ? post.authors.map((a) => a?.id) : (postAuthors.get(id) ?? []).map((pa) => pa.author_id))
        .map((authorId) => userIds.get(String(authorId)))
        .filter((u): u is number => u !== undefined),
      status,
      publishedAt: status === 'published' ? (published ?? created) : null,
      publishAt: status === 'scheduled' ? published : null,
      createdAt: created,
      updatedAt: post.updated_at ? toIso(post.updated_at) : created,
      featuredImage:
        featuredMedia !== null || featured
          ? { ...(featuredMedia !== null ? { mediaId: featuredMedia } : { url: featured! }), alt: extra?.feature_image_alt ?? '', caption: plainText(extra?.feature_image_caption ?? '') }
          : null,
      seoTitle: extra?.meta_title ?? post.meta_title ?? '',
      seoDescription: extra?.meta_description ?? post.meta_description ?? '',
      legacyPaths: post.slug ? [ghostUrl(`__GHOST_URL__/${post.slug}/`, siteUrl)!] : [],
    });
    if (batch.length >= (options.batchSize ?? 200)) await writer.writePosts(batch.splice(0));
    options.onProgress?.(report.progress(index + 1, data.posts.length));
  }
  await writer.writePosts(batch.splice(0));
  options.onProgress?.(report.progress(data.posts.length, data.posts.length));
  await refreshPlannerStatistics(store.db);
  return report;
}
