import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { PublicAuthor } from '../people/users.service.js';

/** People with at least one published story (in `language` when given): the public bylines. */
export async function listPublicAuthors(db: Kysely<Schema>, language?: string): Promise<PublicAuthor[]> {
  const rows = await db
    .selectFrom('users')
    .select(['users.id', 'users.name', 'users.slug', 'users.bio', 'users.avatar_url'])
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
  return rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, bio: r.bio, avatarUrl: r.avatar_url }));
}
