import type { Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import type { Schema } from '../db/schema.js';

export interface CountedArticle {
  language: string;
  kind: string;
}

// Remembered so that a beacon is answered from memory; a write to the article forgets it here
// at once, and a change made by another process is seen after this long at most.
const REMEMBER_MS = 5 * 60_000;
// Ids that name nothing are remembered too (a flood of made-up ids stays off the database), up to a bound.
const MAX_REMEMBERED = 50_000;

/** Which articles a beacon may name: published ones, not in the trash. */
export class CountedPages {
  #known = new Map<number, { article: CountedArticle | null; until: number }>();

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly now: () => number,
  ) {}

  /** Forgets an article when it is written, so an unpublished story stops counting at once. */
  listen(database: Database): void {
    database.hooks.afterCommit((event) => {
      if (event.entity === 'article') this.#known.delete(event.id);
    });
  }

  async article(id: number): Promise<CountedArticle | null> {
    const known = this.#known.get(id);
    if (known && known.until > this.now()) return known.article;
    const row = await this.db
      .selectFrom('articles')
      .select(['language', 'kind'])
      .where('id', '=', id)
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (this.#known.size >= MAX_REMEMBERED) this.#known.clear();
    const article = row ? { language: row.language, kind: row.kind } : null;
    this.#known.set(id, { article, until: this.now() + REMEMBER_MS });
    return article;
  }
}
