import { sql, type Kysely } from 'kysely';

// What the demo loader made, row by row, so that "remove the demo content" removes exactly
// that. `fingerprint` is the row as the loader left it (an article's version, a tag's or
// section's or person's updated_at, a picture's description): a row whose fingerprint has
// changed since was edited by someone, and stays. No foreign keys: the rows named are of
// several tables, and one deleted by hand leaves a mark that the next removal forgets.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('demo_content')
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('article', 'section', 'tag', 'media', 'user')`))
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('fingerprint', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('demo_content_pk', ['kind', 'id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('demo_content').execute();
}
