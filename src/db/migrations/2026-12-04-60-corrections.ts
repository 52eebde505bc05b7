import type { Kysely } from 'kysely';
import { withId } from '../columns.js';

// Corrections and update notes on a published story version, on the record: what was wrong or
// what changed, in the version's language, and when the note was made public. A note carried over
// to a translation names the note of the source it renders (`source_correction_id`), so the
// translation's editor knows which of the source's notes it still lacks.
export async function up(db: Kysely<any>): Promise<void> {
  await withId(db, db.schema.createTable('article_corrections'))
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    // 'correction' (the story was wrong) or 'update' (the story has moved on).
    .addColumn('kind', 'text', (c) => c.notNull())
    // Plain text, shown escaped.
    .addColumn('note', 'text', (c) => c.notNull())
    .addColumn('published_at', 'text', (c) => c.notNull())
    .addColumn('source_correction_id', 'integer', (c) => c.references('article_corrections.id').onDelete('set null'))
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('article_corrections_article').on('article_corrections').columns(['article_id', 'published_at']).execute();
  // The public corrections page reads the newest notes first.
  await db.schema.createIndex('article_corrections_newest').on('article_corrections').columns(['published_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('article_corrections').execute();
}
