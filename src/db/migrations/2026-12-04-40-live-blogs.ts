import type { Kysely } from 'kysely';
import { withId } from '../columns.js';

// Live blogs: a story (every language version of it) carrying rolling coverage. The blog's
// state belongs to the story; each entry is written once, in one language, by one person, and
// may be translated into the story's other languages afterwards (by a person or a machine).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('live_blogs')
    .addColumn('story_id', 'integer', (c) => c.primaryKey().references('stories.id').onDelete('cascade'))
    .addColumn('started_at', 'text', (c) => c.notNull())
    // "Coverage has ended": no new entries are expected; still editable until archived.
    .addColumn('closed_at', 'text')
    // Read-only for good: every change answers 409.
    .addColumn('archived_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await withId(db, db.schema.createTable('live_entries'))
    .addColumn('story_id', 'integer', (c) => c.notNull().references('live_blogs.story_id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('users.id').onDelete('set null'))
    // The name shown under the entry, kept as it was when written (a token has no user).
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('picture_url', 'text')
    .addColumn('picture_alt', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('picture_caption', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('picture_credit', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('embed_url', 'text')
    .addColumn('pinned', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // Deleted entries leave the page and feeds but stay on record, as stories go to a trash first.
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('live_entries_story').on('live_entries').columns(['story_id', 'published_at']).execute();

  await db.schema
    .createTable('live_entry_translations')
    .addColumn('entry_id', 'integer', (c) => c.notNull().references('live_entries.id').onDelete('cascade'))
    .addColumn('language', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('machine_translated', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_entry_translations_pk', ['entry_id', 'language'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('live_entry_translations').execute();
  await db.schema.dropTable('live_entries').execute();
  await db.schema.dropTable('live_blogs').execute();
}
