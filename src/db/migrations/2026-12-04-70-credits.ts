import type { Kysely } from 'kysely';

// Everyone who made a story. A guest contributor is a person without an account (role
// 'guest', no password, never signs in) with a public link beside their bio; the byline and
// author pages treat them as any other author. A story's typed credits (translator,
// photographer, additional reporting) name people, staff or guests, in a chosen order.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('website', 'text').execute();
  await db.schema
    .createTable('article_credits')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'integer', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('article_credits_pk', ['article_id', 'kind', 'user_id'])
    .execute();
  await db.schema.createIndex('article_credits_user').on('article_credits').columns(['user_id', 'article_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_credits').execute();
  await db.schema.alterTable('users').dropColumn('website').execute();
}
