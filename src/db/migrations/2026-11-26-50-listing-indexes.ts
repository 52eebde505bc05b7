import type { Kysely } from 'kysely';

// The public listings (home, section, feeds, sitemaps, archives) filter on language or
// section, status and the trash, and sort by publication. With every filtered column in the
// index, the first page is read in index order and a count never visits the table, so their
// cost stays flat as the archive grows.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('articles_public_listing')
    .on('articles')
    .columns(['language', 'status', 'deleted_at', 'published_at', 'id'])
    .execute();
  await db.schema
    .createIndex('articles_section_listing')
    .on('articles')
    .columns(['section_id', 'language', 'status', 'deleted_at', 'published_at', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_section_listing').execute();
  await db.schema.dropIndex('articles_public_listing').execute();
}
