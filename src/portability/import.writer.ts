/**
 * Writes imported content (from WordPress, Ghost…) with the invariants the content services
 * keep — sanitized bodies, slugs unique per language, one revision per version, write hooks —
 * but in batches, so that ten thousand posts take seconds rather than minutes.
 *
 * Idempotent by construction: every created row is recorded in `import_map` under the
 * import's source in the same transaction, and anything already recorded is skipped. A run
 * killed at any moment leaves whole batches behind; running again completes the rest.
 */
import type { Kysely } from 'kysely';
import { announce, transact, type Store, type WriteEvent } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { columnsFor } from '../content/articles.fields.js';
import * as repo from '../content/articles.repository.js';
import type { ArticleKind, ArticleStatus } from '../content/articles.types.js';
import { RESERVED_SLUGS, slugOr, slugify, uniqueArticleSlug } from '../content/slugs.js';
import { createTag, findTagBySlug } from '../content/tags.service.js';
import { sourceOf } from '../content/translation-state.js';
import type { Actor } from '../people/permissions.js';
import { insertLegacyRedirects, legacyRedirectRows } from './legacy-redirects.js';
import { ImportReport } from './import.report.js';

export interface ImportedPost {
  /** Unique within the source: `post:12`. */
  externalId: string;
  /** A page (WordPress's and Ghost's pages: About, Contact) is never listed; 'story' unless given. */
  kind?: ArticleKind;
  language: string;
  title: string;
  /** HTML; sanitized on the way in. */
  body: string;
  excerpt?: string;
  slug: string;
  sectionId: number | null;
  tags: Array<{ slug: string; name: string; description?: string }>;
  authorIds: number[];
  status: ArticleStatus;
  publishedAt: string | null;
  publishAt: string | null;
  createdAt: string;
  updatedAt: string;
  featuredImage?: { url?: string; mediaId?: number; caption?: string; alt?: string; credit?: string } | null;
  seoTitle?: string;
  seoDescription?: string;
  /** Posts sharing a group key become language versions of one story. */
  translationGroup?: string;
  /** Old addresses that should redirect to this story. */
  legacyPaths: string[];
  /** The old site took no new comments on it: neither does Herald, however recent it is. */
  commentsClosed?: boolean;
}

export const IMPORT_PRINCIPAL = 'system:import';
/** Who an import acts as, where a service asks (pictures it stores, languages it adds to the site). */
export const IMPORT_ACTOR: Actor = { role: 'administrator', userId: null, principal: IMPORT_PRINCIPAL, name: 'Importer' };

/** The common case, answered by the unique index alone; `uniqueArticleSlug` scans for suffixes. */
async function slugIsFree(db: Kysely<Schema>, language: string, slug: string): Promise<boolean> {
  if (RESERVED_SLUGS.has(slug)) return false;
  const row = await db.selectFrom('articles').select('id').where('language', '=', language).where('slug', '=', slug).executeTakeFirst();
  return !row;
}

export class ImportWriter {
  readonly #map = new Map<string, number>();
  readonly #tags = new Map<string, number>();
  /** Keys recorded inside the running batch: forgotten again if its transaction rolls back. */
  #pending: string[] | null = null;

  private constructor(
    readonly store: Store,
    readonly source: string,
    readonly baseUrl: string,
    readonly report: ImportReport,
  ) {}

  /** A writer for `source`, knowing everything earlier runs of the same import created. */
  static async open(store: Store, source: string, baseUrl: string, report: ImportReport): Promise<ImportWriter> {
    const writer = new ImportWriter(store, source, baseUrl, report);
    const rows = await store.db.selectFrom('import_map').select(['kind', 'external_id', 'local_id']).where('source', '=', source).execute();
    for (const row of rows) writer.#map.set(`${row.kind}\u0000${row.external_id}`, row.local_id);
    return writer;
  }

  mapped(kind: string, externalId: string): number | undefined {
    return this.#map.get(`${kind}\u0000${externalId}`);
  }

  #set(map: Map<string, number>, key: string, id: number) {
    map.set(key, id);
    this.#pending?.push(`${map === this.#tags ? 't' : 'm'}${key}`);
  }

  /** Records `externalId → localId` inside the caller's transaction. */
  async remember(db: Kysely<Schema>, kind: string, externalId: string, localId: number): Promise<void> {
    await this.rememberAll(db, [{ kind, externalId, localId }]);
  }

  async rememberAll(db: Kysely<Schema>, entries: Array<{ kind: string; externalId: string; localId: number }>): Promise<void> {
    for (let i = 0; i < entries.length; i += 200) {
      await db
        .insertInto('import_map')
        .values(entries.slice(i, i + 200).map((e) => ({ source: this.source, kind: e.kind, external_id: e.externalId, local_id: e.localId })))
        .onConflict((oc) => oc.columns(['source', 'kind', 'external_id']).doNothing())
        .execute();
    }
    for (const e of entries) this.#set(this.#map, `${e.kind}\u0000${e.externalId}`, e.localId);
  }

  /**
   * Runs `work` in one transaction (through a Store of it: what the services it calls announce is
   * heard once it commits); what it records in memory (ids, tags) is forgotten if the
   * transaction rolls back, so memory never claims what the database does not hold.
   */
  async batch<T>(work: (tx: Store) => Promise<T>): Promise<T> {
    this.#pending = [];
    try {
      return await transact(this.store, work);
    } catch (error) {
      for (const key of this.#pending) (key[0] === 't' ? this.#tags : this.#map).delete(key.slice(1));
      throw error;
    } finally {
      this.#pending = null;
    }
  }

  /**
   * Creates something once: `create` runs in a transaction with the record of it, unless an
   * earlier run already did; returns the local id either way.
   */
  async once(kind: string, externalId: string, create: (tx: Store) => Promise<number>): Promise<number> {
    const known = this.mapped(kind, externalId);
    if (known !== undefined) return known;
    return this.batch(async (tx) => {
      const created = await create(tx);
      await this.remember(tx.db, kind, externalId, created);
      return created;
    });
  }

  /** The tags' ids in `language`, created (with a redirect from `/tag/slug/`) when missing. */
  async tagIds(tx: Store, language: string, tags: ImportedPost['tags']): Promise<number[]> {
    const ids: number[] = [];
    for (const tag of tags) {
      const slug = slugOr(tag.slug || tag.name, 'tag');
      const key = `${language}\u0000${slug}`;
      let id = this.#tags.get(key);
      if (id === undefined) {
        const found = (await findTagBySlug(tx.db, language, slug)) ?? (await this.#createTag(tx, language, slug, tag));
        id = found.id;
        this.#set(this.#tags, key, id);
      }
      if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  async #createTag(tx: Store, language: string, slug: string, tag: ImportedPost['tags'][number]) {
    const created = await createTag(tx, IMPORT_ACTOR, { language, name: tag.name.trim() || slug, slug, description: tag.description ?? '' });
    this.report.created('tags');
    await insertLegacyRedirects(tx.db, [
      ...legacyRedirectRows([`/tag/${tag.slug}/`], { type: 'tag', id: created.id }),
      // Its feed: WordPress's /tag/x/feed/, Ghost's /tag/x/rss/.
      ...legacyRedirectRows([`/tag/${tag.slug}/feed/`, `/tag/${tag.slug}/rss/`], { type: 'tag-feed', id: created.id }),
    ]);
    return created;
  }

  async #storyFor(trx: Kysely<Schema>, post: ImportedPost, now: string): Promise<number> {
    const group = post.translationGroup;
    if (group) {
      const story = this.mapped('story', group);
      if (story !== undefined) {
        const clash = await trx.selectFrom('articles').select('id').where('story_id', '=', story).where('language', '=', post.language).executeTakeFirst();
        if (!clash) return story;
        this.report.note(`${post.externalId}: translation group ${group} already has a ${post.language} version; imported as a story of its own`);
      }
    }
    const { id } = await trx.insertInto('stories').values({ created_at: post.createdAt || now }).returning('id').executeTakeFirstOrThrow();
    if (group && this.mapped('story', group) === undefined) await this.remember(trx, 'story', group, id);
    return id;
  }

  /** Writes a batch of posts in one transaction; those imported before are skipped. */
  async writePosts(posts: ImportedPost[]): Promise<void> {
    const fresh = posts.filter((p) => {
      if (this.mapped('article', p.externalId) === undefined) return true;
      this.report.skip('already imported by an earlier run');
      return false;
    });
    if (fresh.length === 0) return;
    let redirects = 0;
    await this.batch(async (tx) => {
      const trx = tx.db;
      const now = nowIso();
      const events: WriteEvent[] = [];
      const ids: number[] = [];
      const tagRows: Array<{ article_id: number; tag_id: number; position: number }> = [];
      const authorRows: Array<{ article_id: number; user_id: number; position: number }> = [];
      const mapEntries: Array<{ kind: string; externalId: string; localId: number }> = [];
      const redirectRows: ReturnType<typeof legacyRedirectRows> = [];
      const closedThreads: Array<{ article_id: number; mode: string; updated_at: string }> = [];
      for (const post of fresh) {
        const storyId = await this.#storyFor(trx, post, now);
        const wanted = slugify(post.slug) || slugOr(post.title, 'story');
        const slug = (await slugIsFree(trx, post.language, wanted)) ? wanted : await uniqueArticleSlug(trx, post.language, wanted);
        if (slug !== wanted) this.report.note(`${post.externalId}: slug "${wanted}" was taken in ${post.language}; now "${slug}"`);
        const columns = columnsFor({
          title: post.title,
          body: post.body,
          bodyFormat: 'html',
          ...(post.excerpt ? { excerpt: post.excerpt } : {}),
          featuredImage: post.featuredImage ?? null,
          seoTitle: post.seoTitle ?? '',
          seoDescription: post.seoDescription ?? '',
        });
        const articleId = await repo.insertArticleRow(trx, {
          ...columns,
          title: post.title.trim() || slug,
          story_id: storyId,
          ...(post.kind === 'page' ? { kind: post.kind } : {}),
          language: post.language,
          slug,
          section_id: post.sectionId,
          status: post.status,
          publish_at: post.publishAt,
          published_at: post.publishedAt,
          created_at: post.createdAt,
          updated_at: post.updatedAt,
          version: 1,
          created_by: IMPORT_PRINCIPAL,
          // A version joining a translation group translates the group's original as imported.
          source_version: post.translationGroup ? (sourceOf(await repo.storyVersionRows(trx, [storyId]), { id: null, translated_from_id: null })?.version ?? null) : null,
        });
        (await this.tagIds(tx, post.language, post.tags)).forEach((tag_id, position) => tagRows.push({ article_id: articleId, tag_id, position }));
        [...new Set(post.authorIds)].forEach((user_id, position) => authorRows.push({ article_id: articleId, user_id, position }));
        mapEntries.push({ kind: 'article', externalId: post.externalId, localId: articleId });
        redirectRows.push(...legacyRedirectRows(post.legacyPaths, { type: 'article', id: articleId }));
        if (post.commentsClosed) closedThreads.push({ article_id: articleId, mode: 'closed', updated_at: now });
        ids.push(articleId);
      }
      if (closedThreads.length) await trx.insertInto('comment_threads').values(closedThreads).execute();
      for (let i = 0; i < tagRows.length; i += 300) await trx.insertInto('article_tags').values(tagRows.slice(i, i + 300)).execute();
      for (let i = 0; i < authorRows.length; i += 300) await trx.insertInto('article_authors').values(authorRows.slice(i, i + 300)).execute();
      await this.rememberAll(trx, mapEntries);
      redirects = await insertLegacyRedirects(trx, redirectRows);
      // One revision per story version, as createArticle writes, loaded for the batch at once.
      const revisions = [];
      for (const article of await repo.loadArticles(trx, ids, this.baseUrl, 'admin')) {
        revisions.push({ article_id: article.id, version: 1, snapshot: JSON.stringify(repo.revisionSnapshot(article)), actor: IMPORT_PRINCIPAL, created_at: article.updatedAt });
        const event: WriteEvent = { entity: 'article', id: article.id, action: 'created', language: article.language, storyId: article.storyId };
        events.push(event, ...(article.status === 'published' ? [{ ...event, action: 'published' as const }] : []));
      }
      for (let i = 0; i < revisions.length; i += 100) await trx.insertInto('article_revisions').values(revisions.slice(i, i + 100)).execute();
      for (const event of events) await announce(tx, event);
    });
    this.report.created('articles', fresh.length);
    this.report.redirects += redirects;
  }
}
