import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { publicAuthor, PUBLIC_AUTHOR_COLUMNS, type PublicAuthor } from '../people/users.service.js';

/** People with at least one published story (in `language` when given): the public bylines. */
export async function listPublicAuthors(db: Kysely<Schema>, language?: string): Promise<PublicAuthor[]> {
  const rows = await db
    .selectFrom('users')
    .select(PUBLIC_AUTHOR_COLUMNS)
    .where('users.id', 'in', (eb) => {
      let q = eb
        .selectFrom('article_authors')
        .innerJoin('articles', 'articles.id', 'article_authors.article_id')
        .select('article_authors.user_id')
        .where('articles.status', '=', 'published')
        .where('articles.deleted_at', 'is', null)
        .where('articles.kind', '=', 'story');
      if (language) q = q.where('articles.language', '=', language);
      return q;
    })
    .orderBy('users.name')
    .execute();
  return rows.map(publicAuthor);
}
