import type { Kysely } from 'kysely';
import { isPostgres, withId } from '../columns.js';

// Comments, their per-story open/closed state, moderators' block lists, used form tokens,
// and the spam model's weights (shared by every app process).
export async function up(db: Kysely<any>): Promise<void> {
  const real = isPostgres(db) ? 'double precision' : 'real';

  await withId(db, db.schema.createTable('comments'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // A reply outlives its parent's deletion (a data-deletion request must not erase others' words).
    .addColumn('parent_id', 'integer', (c) => c.references('comments.id').onDelete('set null'))
    .addColumn('depth', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('author_url', 'text')
    .addColumn('author_ip', 'text')
    .addColumn('user_agent', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('user_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('content_hash', 'text', (c) => c.notNull())
    .addColumn('score', real, (c) => c.notNull().defaultTo(0))
    .addColumn('reasons', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('learned_as', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('ip_reduced_at', 'text')
    .execute();
  await db.schema.createIndex('comments_article_status').on('comments').columns(['article_id', 'status', 'created_at']).execute();
  await db.schema.createIndex('comments_status_created').on('comments').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('comments_email').on('comments').columns(['author_email', 'status']).execute();
  await db.schema.createIndex('comments_content_hash').on('comments').columns(['content_hash']).execute();
  await db.schema.createIndex('comments_ip_reduction').on('comments').columns(['ip_reduced_at', 'created_at']).execute();

  // No row means "automatic": open until the site's auto-close delay has passed.
  await db.schema
    .createTable('comment_threads')
    .addColumn('article_id', 'integer', (c) => c.primaryKey().references('articles.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('comment_blocks'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('comment_blocks_kind_value', ['kind', 'value'])
    .execute();

  await db.schema
    .createTable('comment_form_uses')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('used_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('spam_weights')
    .addColumn('feature', 'integer', (c) => c.primaryKey())
    .addColumn('weight', real, (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['spam_weights', 'comment_form_uses', 'comment_blocks', 'comment_threads', 'comments']) {
    await db.schema.dropTable(table).execute();
  }
}
