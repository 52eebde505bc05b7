import type { Kysely } from 'kysely';

// Crops of each library picture at the aspect ratios search engines and social networks show
// (16:9, 4:3, 1:1), for a story's NewsArticle `image` and its Open Graph picture. Derived from
// the picture: a picture without them (uploaded earlier, or restored from an export) gets them
// when a page first needs them (src/media/crops.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('media_crops')
    .addColumn('media_id', 'integer', (c) => c.notNull().references('media.id').onDelete('cascade'))
    .addColumn('ratio', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .addColumn('path', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('media_crops_pk', ['media_id', 'ratio'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('media_crops').execute();
}
