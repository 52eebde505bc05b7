import type { Kysely } from 'kysely';

// A comment can come from the fediverse: a reply (a Note) to one of the site's stories. It has
// no e-mail address; it keeps the Note's id (so the Note's later Update or Delete finds it, and
// the same Note never becomes two comments), the replier's actor (only they may edit or delete
// it) and their handle, shown as `@user@instance` with a link to their profile.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('comments').addColumn('remote_object_id', 'text').execute();
  await db.schema.alterTable('comments').addColumn('remote_actor', 'text').execute();
  await db.schema.alterTable('comments').addColumn('author_handle', 'text').execute();
  await db.schema.createIndex('comments_remote_object').unique().on('comments').column('remote_object_id').execute();
  await db.schema.createIndex('comments_remote_actor').on('comments').columns(['remote_actor', 'status']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('comments_remote_actor').execute();
  await db.schema.dropIndex('comments_remote_object').execute();
  await db.schema.alterTable('comments').dropColumn('author_handle').execute();
  await db.schema.alterTable('comments').dropColumn('remote_actor').execute();
  await db.schema.alterTable('comments').dropColumn('remote_object_id').execute();
}
