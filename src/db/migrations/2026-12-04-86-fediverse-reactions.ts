import type { Kysely } from 'kysely';
import { withId } from '../columns.js';

// Likes and boosts (Like, Announce) of a story from the fediverse: one row per activity, one
// like and one boost per account and story, gone when the account takes it back (Undo).
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('federation_reactions'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_uri', 'text', (c) => c.notNull())
    .addColumn('activity_id', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('federation_reactions_once', ['article_id', 'kind', 'actor_uri'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('federation_reactions').execute();
}
