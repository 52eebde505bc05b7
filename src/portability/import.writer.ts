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
import type { Store, WriteEvent } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { columnsFor } from '../content/articles.fields.js';
import * as repo from '../content/articles.repository.js';
import type { ArticleStatus } from '../content/articles.types.js';
import { RESERVED_SLUGS, slugOr, slugify, uniqueArticleSlug } from '../content/slugs.js';
import { createTag, findTagBySlug } from '../content/tags.service.js';
import { addLegacyRedirects } from './legacy-redirects.js';
import { ImportReport } from './import.report.js';

export interface ImportedPost {
  /** Unique within the source: `post:12`. */
  externalId: string;
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
  featuredImage?: { url: string; caption?: string; alt?: string; credit?: string } | null;
  seoTitle?: string;
  seoDescription?: string;
  /** Posts sharing a group key become language versions of one story. */
  translationGroup?: string;
  /** Old addresses that should redirect to this story. */
  legacyPaths: string[];
}

export const IMPORT_PRINCIPAL = 'system:import';

/** The common case, answered by the unique index alone; `uniqueArticleSlug` scans for suffixes. */
async function slugIsFree(db: Kysely<Schema>, language: string, slug: string): Promise<boolean> {
  if (RESERVED_SLUGS.has(slug)) return false;
  const row = await db.selectFrom('articles').select('id').where('language', '=', language).where('slug', '=', slug).executeTakeFirst();
  return !row;
}

export class ImportWriter {
  readonly #map = new Map<string, number>();

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

  /** Records `externalId → localId` inside the caller's transaction. */
  async remember(db: Kysely<Schema>, kind: string, externalId: string, localId: number): Promise<void> {
    await db
      .insertInto('import_map')
      .values({ source: this.source, kind, external_id: externalId, local_id: localId })
      .onConflict((oc) => oc.columns(['source', 'kind', 'external_id']).doNothing())
      .execute();
    this.#map.set(`${kind}\u0000${externalId}`, localId);
  }

  /**
   * Creates something once: `create` runs in a transaction with the record of it, unless an
   * earlier run already did; returns the local id either way.
   */
  async once(kind: string, externalId: string, create: (trx: Kysely<Schema>) => Promise<number>): Promise<number> {
    const known = this.mapped(kind, externalId);
    if (known !== undefined) return known;
    const id = await this.store.db.transaction().execute(async (trx) => {
      const created = await create(trx);
      await trx
        .insertInto('import_map')
        .values({ source: this.source, kind, external_id: externalId, local_id: created })
        .execute();
      return created;
    });
    this.#map.set(`${kind}\u0000${externalId}`, id);
    return id;
  }

  /** The tags' ids in `language`, created (with a redirect from `/tag/slug/`) when missing. */
  async tagIds(trx: Kysely<Schema>, language: string, tags: ImportedPost['tags']): Promise<number[]> {
    const ids: number[] = [];
    for (const tag of tags) {
      const slug = slugOr(tag.slug || tag.name, 'tag');
      let found = await findTagBySlug(trx, language, slug);
      if (!found) {
        found = await createTag(trx, { language, name: tag.name.trim() || slug, slug, description: tag.description ?? '' });
        this.report.created('tags');
        await addLegacyRedirects(trx, [`/tag/${tag.slug}/`], { type: 'tag', id: found.id });
      }
      if (!ids.includes(found.id)) ids.push(found.id);
    }
    return ids;
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
    const events: WriteEvent[] = [];
    const mapBefore = new Map(this.#map);
    try {
      await this.store.db.transaction().execute(async (trx) => {
        const now = nowIso();
        const ids: number[] = [];
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
          });
          await repo.replaceArticleTags(trx, articleId, await this.tagIds(trx, post.language, post.tags));
          await repo.replaceArticleAuthors(trx, articleId, post.authorIds);
          await this.remember(trx, 'article', post.externalId, articleId);
          this.report.redirects += await addLegacyRedirects(trx, post.legacyPaths, { type: 'article', id: articleId });
          ids.push(articleId);
        }
        // One revision per story version, as createArticle writes, loaded for the batch at once.
        for (const article of await repo.loadArticles(trx, ids, this.baseUrl, 'admin')) {
          const { translations: _t, path: _p, url: _u, ...snapshot } = article;
          await repo.insertRevision(trx, { articleId: article.id, version: 1, snapshot, actor: IMPORT_PRINCIPAL, createdAt: article.updatedAt });
          const event: WriteEvent = { entity: 'article', id: article.id, action: 'created', language: article.language, storyId: article.storyId };
          events.push(event);
          await this.store.hooks.inTransaction(trx, event);
          if (article.status === 'published') {
            const published = { ...event, action: 'published' as const };
            events.push(published);
            await this.store.hooks.inTransaction(trx, published);
          }
        }
      });
    } catch (error) {
      // The transaction rolled back: forget what it would have recorded.
      this.#map.clear();
      for (const [key, value] of mapBefore) this.#map.set(key, value);
      throw error;
    }
    this.report.created('articles', fresh.length);
    await this.store.hooks.committed(events);
  }
}
