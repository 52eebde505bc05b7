/**
 * `herald import wordpress FILE.xml`: a WXR export into Herald, in two streaming passes.
 * The first checks the whole file and indexes what later items refer to (attachments, languages)
 * and writes nothing, so a malformed file is refused with its line and leaves the site as it was.
 * The second writes authors (Co-Authors Plus's co-authors and guest authors too), categories as sections (with their hierarchy), tags, posts and pages
 * in batches with their comments, then attachments; old addresses become redirects.
 */
import { basename } from 'node:path';
import type { Store } from '../../db/hooks.js';
import { nowIso } from '../../db/time.js';
import { plainText } from '../../content/body.js';
import { createSection, findSectionBySlug } from '../../content/sections.service.js';
import { slugOr } from '../../content/slugs.js';
import { invalid } from '../../core/errors.js';
import { createUser } from '../../people/users.service.js';
import { changeSettings, getSettings } from '../../settings/settings.service.js';
import { ImportReport, type ImportOptions } from '../import.report.js';
import { ImportWriter, type ImportedPost, IMPORT_ACTOR } from '../import.writer.js';
import { detectLanguage, importedLanguage } from '../language-detect.js';
import { addLegacyRedirects, insertLegacyRedirects, legacyRedirectRows } from '../legacy-redirects.js';
import { assertReadableFile } from '../import.file.js';
import { downloadAttachment, moveBodyPictures } from '../media-download.js';
import { audioEnclosure, oldSitePictures, type GalleryPictures, pathOf, rfc822Date, statusFor, withEnclosures, wordpressBody, wordpressDate, yoastText, type Enclosure } from './wordpress.content.js';
import { importAttachments, type Attachment } from './wordpress.attachments.js';
import { hasCommentsTable, writeWordpressComments, type CommentSink } from './wordpress.comments.js';
import { capGuestOf, coAuthorsOf, type CapGuest } from './wordpress.coauthors.js';
import { insertGuest, isGuestWebsite } from '../../people/guests.service.js';
import { readWxr, WxrFormatError, type WxrHeader, type WxrItem, type WxrTerm } from './wxr.reader.js';
import type { AmpersandRepair } from './wxr.repair.js';
import { refreshPlannerStatistics } from '../../db/statistics.js';

interface Survey {
  header: WxrHeader;
  items: number;
  attachments: Map<string, Attachment>;
  languages: Set<string>;
  /** Posts filed in each category (by slug), for choosing the menu's sections. */
  postsByCategory: Map<string, number>;
  /** Each bare `&` read as `&amp;` (the one defect repaired, see wxr.repair.ts). */
  repairs: AmpersandRepair[];
  /** Co-Authors Plus's guest authors, by each slug posts may name them by, with the one they are kept under. */
  guests: Map<string, { key: string; guest: CapGuest }>;
}

/** Polylang's and WPML's language of an item, when the site used one of them. */
function explicitLanguage(item: WxrItem): string | null {
  const polylang = item.terms.find((t) => t.domain === 'language')?.slug;
  return importedLanguage(polylang ?? item.meta.get('_wpml_import_language_code') ?? item.meta.get('wpml_language'));
}

function translationGroup(item: WxrItem): string | undefined {
  const polylang = item.terms.find((t) => t.domain === 'post_translations')?.slug;
  if (polylang) return `polylang:${polylang}`;
  const wpml = item.meta.get('_wpml_import_translation_group');
  return wpml ? `wpml:${wpml}` : undefined;
}

/** Pass one: the whole file is read and checked; nothing is written. */
async function survey(file: string, onRead: (items: number) => void): Promise<Survey> {
  const result: Survey = { header: undefined as unknown as WxrHeader, items: 0, attachments: new Map(), languages: new Set(), postsByCategory: new Map(), repairs: [], guests: new Map() };
  for await (const event of readWxr(file, { onRepair: (repair) => result.repairs.push(repair) })) {
    if (event.type === 'header') {
      result.header = event.header;
      continue;
    }
    const { item } = event;
    if (++result.items % 250 === 0) onRead(result.items);
    if (item.postType === 'attachment' && item.postId) {
      result.attachments.set(item.postId, {
        url: item.attachmentUrl || item.guid,
        title: item.title,
        caption: plainText(item.excerpt),
        alt: item.meta.get('_wp_attachment_image_alt') ?? '',
        mime: '',
        parent: item.postParent,
      });
    }
    const capGuest = capGuestOf(item);
    if (capGuest) for (const slug of capGuest.slugs) result.guests.set(slug, { key: capGuest.slugs[0], guest: capGuest.guest });
    const language = explicitLanguage(item);
    if (language) result.languages.add(language);
    if (item.postType === 'post' || !item.postType) {
      for (const term of item.terms) {
        if (term.domain === 'category' && term.slug) result.postsByCategory.set(term.slug, (result.postsByCategory.get(term.slug) ?? 0) + 1);
      }
    }
  }
  return result;
}

/** The pictures each post's `[gallery]` may show (wordpress.content.ts), indexed once for all posts. */
function galleryIndex(attachments: Map<string, Attachment>): (postId: string) => GalleryPictures {
  const byId = new Map([...attachments].map(([id, a]) => [id, { id, ...a }]));
  const byParent = new Map<string, GalleryPictures['attached']>();
  for (const picture of byId.values()) {
    const siblings = byParent.get(picture.parent) ?? [];
    siblings.push(picture);
    byParent.set(picture.parent, siblings);
  }
  return (postId) => ({ attached: byParent.get(postId) ?? [], byId });
}

/** What the report says of the repaired `&`: how many, and their lines (the first 50). */
function repairNote(repairs: AmpersandRepair[]): string {
  const shown = repairs.slice(0, 50).map((r) => `line ${r.line}${r.element ? ` <${r.element}>` : ''}`);
  const more = repairs.length > shown.length ? `, and ${repairs.length - shown.length} more` : '';
  return `repaired ${repairs.length} bare "&" that started no entity (XML needs "&amp;"; older WordPress versions wrote them unescaped), read as "&": ${shown.join(', ')}${more}`;
}

/** Categories ordered parents first, so each one's parent section exists when it is created. */
function parentsFirst(categories: WxrTerm[]): WxrTerm[] {
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  const ordered: WxrTerm[] = [];
  const seen = new Set<string>();
  const visit = (term: WxrTerm, depth: number) => {
    if (seen.has(term.slug) || depth > 50) return;
    const parent = bySlug.get(term.parent);
    if (parent) visit(parent, depth + 1);
    seen.add(term.slug);
    ordered.push(term);
  };
  for (const term of categories) visit(term, 0);
  return ordered;
}

export async function importWordpress(store: Store, file: string, options: ImportOptions): Promise<ImportReport> {
  await assertReadableFile(file);
  let found: Survey;
  try {
    found = await survey(file, (items) => options.onProgress?.({ phase: 'checking', done: items, total: 0, imported: 0, skipped: 0 }));
  } catch (error) {
    if (error instanceof WxrFormatError) {
      throw invalid([{ field: 'file', message: `${basename(file)} is refused, nothing was imported — ${error.message}` }]);
    }
    throw error;
  }
  const { header } = found;
  const report = new ImportReport();
  const source = `wordpress:${header.baseBlogUrl || header.link || header.title || basename(file)}`;
  const writer = await ImportWriter.open(store, source, options.baseUrl, report);
  if (found.repairs.length) report.note(repairNote(found.repairs));

  // Languages: Polylang/WPML's explicit ones join the site's; otherwise text is matched to the site's.
  let settings = await getSettings(store.db);
  const missing = [...found.languages].filter((l) => !settings.languages.includes(l));
  if (missing.length) {
    settings = await changeSettings(store, IMPORT_ACTOR, { languages: [...settings.languages, ...missing] });
    report.note(`added the languages ${missing.join(', ')} to the site`);
  }
  const fileLanguage = importedLanguage(header.language);
  const mainLanguage =
    settings.languages.find((l) => l === fileLanguage) ??
    settings.languages.find((l) => fileLanguage && l.split('-')[0] === fileLanguage.split('-')[0]) ??
    settings.defaultLanguage;

  // Authors → users (matched by e-mail when the person already has an account), only those
  // who wrote a post or page: a WordPress site lists every account it ever had, and a person
  // who wrote nothing here does not join the newsroom.
  const declared = new Map(header.authors.filter((a) => a.login).map((a) => [a.login, a]));
  const wrote = new Set<string>();
  const userIds = new Map<string, number>();
  const ensureUser = async (login: string) => {
    if (!login) return undefined;
    wrote.add(login);
    const known = userIds.get(login);
    if (known !== undefined) return known;
    const { email = '', displayName = '' } = declared.get(login) ?? {};
    const id = await writer.once('user', login, async ({ db: trx }) => {
      const address = /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) ? email.toLowerCase() : `${slugOr(login, 'author')}@wordpress.invalid`;
      const existing = await trx.selectFrom('users').select('id').where('email', '=', address).executeTakeFirst();
      if (!existing) report.created('users');
      const user = existing?.id ?? (await createUser(trx, { email: address, name: displayName || login, role: 'author' })).id;
      // WordPress's author page and its feed (/author/name/, /author/name/feed/: the login made an address).
      const names = [login, slugOr(login, 'author')];
      report.redirects += await insertLegacyRedirects(trx, [
        ...legacyRedirectRows(names.map((name) => `/author/${name}/`), { type: 'author', id: user, language: mainLanguage }),
        ...legacyRedirectRows(names.map((name) => `/author/${name}/feed/`), { type: 'author-feed', id: user, language: mainLanguage }),
      ]);
      return user;
    });
    userIds.set(login, id);
    return id;
  };

  // Co-Authors Plus's guest authors → guest contributors, made when a post names them (as authors are).
  const ensureGuest = (key: string, guest: CapGuest) =>
    writer.once('guest', key, async ({ db: trx }) => {
      report.created('guest contributors');
      return (await insertGuest(trx, { name: guest.name, bio: guest.bio, website: isGuestWebsite(guest.website) ? guest.website : null })).id;
    });
  /** A post's byline: its Co-Authors Plus co-authors in their order (accounts and guests), else its one author. */
  const bylineOf = async (item: WxrItem): Promise<number[]> => {
    const ids: number[] = [];
    for (const { slug, login } of coAuthorsOf(item)) {
      const capGuest = found.guests.get(slug);
      const linked = capGuest?.guest.linkedAccount;
      const id = capGuest && !(linked && declared.has(linked)) ? await ensureGuest(capGuest.key, capGuest.guest) : await ensureUser(linked || login);
      if (id !== undefined && !ids.includes(id)) ids.push(id);
    }
    if (ids.length) return ids;
    const authorId = await ensureUser(item.creator);
    return authorId === undefined ? [] : [authorId];
  };

  // The site's feed, as WordPress served it (/feed/, /feed/rss2/…).
  report.redirects += await writer.batch((tx) =>
    addLegacyRedirects(tx.db, ['/feed/', '/feed/rss/', '/feed/rss2/', '/feed/atom/', '/feed/rdf/'], { type: 'feed', language: mainLanguage }),
  );

  // Categories → sections, parents first; a section that already has the slug is reused.
  const categories = header.terms.filter((t) => t.taxonomy === 'category' && t.slug);
  const bySlug = new Map(categories.map((c) => [c.slug, c]));
  const pathFor = (slug: string, depth = 0): string => {
    const term = bySlug.get(slug);
    return term?.parent && depth < 50 ? `${pathFor(term.parent, depth + 1)}/${slug}` : slug;
  };
  // A blog's categories are many (the theme unit test has 58 at the top): the menu gets the
  // top-level ones with the most posts, as many as it shows; editors change the choice.
  const topCategories = [...bySlug.values()].filter((c) => !c.parent || !bySlug.has(c.parent));
  const menuSlugs = new Set(
    topCategories
      .sort((a, b) => (found.postsByCategory.get(b.slug) ?? 0) - (found.postsByCategory.get(a.slug) ?? 0))
      .slice(0, settings.menuSections)
      .map((c) => c.slug),
  );
  const ensureSection = async (slug: string, name: string, parentSlug = '', description = '') =>
    writer.once('section', slug, async (tx) => {
      const trx = tx.db;
      const parentId = parentSlug ? writer.mapped('section', parentSlug) ?? null : null;
      const sectionSlug = slugOr(safeDecode(slug), 'section');
      const existing = await findSectionBySlug(trx, mainLanguage, sectionSlug);
      const names = { [mainLanguage]: { name: name || slug, slug: sectionSlug, description } };
      const id = existing?.id ?? (await createSection(tx, IMPORT_ACTOR, { parentId, names, inMenu: menuSlugs.has(slug) })).id;
      if (!existing) report.created('sections');
      report.redirects += await addLegacyRedirects(trx, [`/category/${pathFor(slug)}/`, `/category/${slug}/`], { type: 'section', id, language: mainLanguage });
      report.redirects += await addLegacyRedirects(trx, [`/category/${pathFor(slug)}/feed/`, `/category/${slug}/feed/`], { type: 'section-feed', id, language: mainLanguage });
      return id;
    });
  for (const term of parentsFirst(categories)) await ensureSection(term.slug, term.name, term.parent, term.description);
  if (topCategories.length > menuSlugs.size) {
    report.note(`${topCategories.length} top-level categories: the menu shows the ${menuSlugs.size} with the most posts; choose others under Sections and tags`);
  }
  const tagTerms = new Map(header.terms.filter((t) => t.taxonomy === 'post_tag').map((t) => [t.slug, t]));
  // Every declared tag exists afterwards, used or not, as every category does.
  const declaredTags = [...tagTerms.values()].filter((t) => t.slug || t.name).map((t) => ({ slug: safeDecode(t.slug || t.name), name: t.name || t.slug, description: t.description }));
  await writer.batch((tx) => writer.tagIds(tx, mainLanguage, declaredTags));

  // Items → stories, in batches.
  const now = nowIso();
  const batchSize = options.batchSize ?? 200;
  let batch: ImportedPost[] = [];
  let comments: CommentSink[] = [];
  const withComments = await hasCommentsTable(writer);
  let done = 0;
  // Posts first, then their comments: each its own transaction, each recorded, so a run
  // stopped between the two writes the comments when it is run again.
  const flush = async () => {
    await writer.writePosts(batch);
    if (comments.length) await writeWordpressComments(writer, comments, report);
    batch = [];
    comments = [];
  };
  const progress = () => options.onProgress?.(report.progress(done, found.items));
  const galleryOf = galleryIndex(found.attachments);
  const oldSitePicture = oldSitePictures(
    [...found.attachments.values()].map((a) => a.url),
    [header.baseBlogUrl, header.link].filter(Boolean),
  );

  for await (const event of readWxr(file)) {
    if (event.type !== 'item') continue;
    const { item } = event;
    done++;
    const kind = item.postType || 'post';
    if (kind === 'attachment' || kind === 'guest-author') {
      // Pictures are written after the posts; guest authors when a post names them.
      if (done % 100 === 0) progress();
      continue;
    }
    if (kind !== 'post' && kind !== 'page') {
      report.skip(`WordPress "${kind}" items are not stories`);
      continue;
    }
    if (!/^\d+$/.test(item.postId)) {
      report.skip(`no <wp:post_id> (line ${item.line})`);
      continue;
    }
    const externalId = `${kind}:${item.postId}`;
    const queueComments = () => {
      if (item.comments.length && withComments) comments.push({ externalId, comments: item.comments });
      else if (item.comments.length) report.skip('comments: this Herald has no comments table', item.comments.length);
    };
    if (writer.mapped('article', externalId) !== undefined) {
      // Known from an earlier run: only its comments may still be missing (a run stopped between).
      report.skip('already imported by an earlier run');
      wrote.add(item.creator);
      for (const { login } of coAuthorsOf(item)) wrote.add(login);
      queueComments();
      if (comments.length >= batchSize) await flush();
      if (done % batchSize === 0) progress();
      continue;
    }
    const date = wordpressDate(item.postDateGmt) ?? wordpressDate(item.postDate) ?? rfc822Date(item.pubDate);
    const decision = statusFor(item.status, item.postPassword, date, now);
    if ('skip' in decision) {
      report.skip(decision.skip);
      continue;
    }
    if (decision.note) report.note(`${kind} ${item.postId} "${item.title}": ${decision.note}`);
    const audio = item.enclosures.map(audioEnclosure).filter((e): e is Enclosure => e !== null);
    let body = withEnclosures(wordpressBody(item.content, galleryOf(item.postId)), audio);
    if (options.downloadMediaTo) body = await moveBodyPictures(writer, store, options.downloadMediaTo, body, oldSitePicture, report);
    if (audio.length) report.created('podcast episodes (audio enclosures)', audio.length);
    const language = explicitLanguage(item) ?? (await detectLanguage(`${item.title}\n${body}`, settings.languages, mainLanguage));
    const category = item.terms.find((t) => t.domain === 'category' && t.slug);
    const sectionId = category && kind === 'post' ? await ensureSection(category.slug, category.name) : null;
    const authorIds = await bylineOf(item);
    const thumbnailId = item.meta.get('_thumbnail_id') ?? '';
    const thumbnail = found.attachments.get(thumbnailId);
    let featuredImage: ImportedPost['featuredImage'] = thumbnail?.url ? { url: thumbnail.url, caption: thumbnail.caption, alt: thumbnail.alt } : null;
    if (featuredImage && options.downloadMediaTo) {
      const mediaId = await downloadAttachment(writer, store, options.downloadMediaTo, thumbnailId, thumbnail!.url, report);
      if (mediaId !== null) featuredImage = { mediaId, caption: thumbnail!.caption, alt: thumbnail!.alt };
    }
    const slug = item.postName ? safeDecode(item.postName) : item.title;
    const excerpt = plainText(item.excerpt);
    const yoast = { title: item.title, sitename: header.title, excerpt };
    const legacyPaths = [`/?p=${item.postId}`, ...(kind === 'page' ? [`/?page_id=${item.postId}`] : [])];
    for (const url of [item.link, item.guid]) {
      const path = pathOf(url);
      if (path && path !== '/') legacyPaths.push(path);
    }
    if (item.postName) {
      legacyPaths.push(`/${item.postName}/`);
      const local = item.postDate.match(/^(\d{4})-(\d{2})-(\d{2})/);
      if (kind === 'post' && local) legacyPaths.push(`/${local[1]}/${local[2]}/${local[3]}/${item.postName}/`, `/${local[1]}/${local[2]}/${item.postName}/`);
    }
    batch.push({
      externalId,
      kind: kind === 'page' ? 'page' : 'story',
      language,
      // WordPress prints a title as HTML ("Title <em>With</em> Markup"); Herald's titles are text.
      title: plainText(item.title),
      body,
      excerpt: excerpt || undefined,
      slug,
      sectionId,
      tags: item.terms
        .filter((t) => t.domain === 'post_tag' && (t.slug || t.name))
        .map((t) => ({ slug: safeDecode(t.slug || t.name), name: t.name || t.slug, description: tagTerms.get(t.slug)?.description })),
      authorIds,
      status: decision.status,
      publishedAt: decision.status === 'published' ? (date ?? now) : null,
      publishAt: decision.status === 'scheduled' ? date : null,
      createdAt: date ?? now,
      updatedAt: date ?? now,
      featuredImage,
      seoTitle: yoastText(item.meta.get('_yoast_wpseo_title') ?? '', yoast),
      seoDescription: yoastText(item.meta.get('_yoast_wpseo_metadesc') ?? '', yoast),
      translationGroup: translationGroup(item),
      legacyPaths,
      commentsClosed: item.commentStatus === 'closed',
    });
    queueComments();
    // Downloads make each post slow: tell of each one.
    if (options.downloadMediaTo) progress();
    if (batch.length >= batchSize) {
      await flush();
      progress();
    }
  }
  await flush();
  progress();

  await importAttachments(writer, found.attachments, report);
  const idle = [...declared.keys()].filter((login) => !wrote.has(login));
  if (idle.length) {
    report.skip('WordPress authors who wrote no imported post or page (not made users)', idle.length);
    report.note(`not made users, having written no imported post or page: ${idle.slice(0, 50).join(', ')}${idle.length > 50 ? `, and ${idle.length - 50} more` : ''}`);
  }
  await refreshPlannerStatistics(store.db);
  return report;
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}
