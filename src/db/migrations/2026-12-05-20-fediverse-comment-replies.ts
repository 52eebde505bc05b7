import type { Kysely } from 'kysely';

// A comment approved on the site that answers a reply from the fediverse goes back to the
// replier as a reply of its own. Its activities name the comment (so one comment is sent once,
// and its edit or deletion follows), and the replier's actor, whose inbox is looked up when the
// activity is fanned out; a lookup that fails is tried again later, `attempts` times at most.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('federation_activities').addColumn('comment_id', 'integer').execute();
  await db.schema.alterTable('federation_activities').addColumn('recipient_actor', 'text').execute();
  await db.schema.alterTable('federation_activities').addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await db.schema.createIndex('federation_activities_comment').on('federation_activities').columns(['comment_id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('federation_activities_comment').execute();
  await db.schema.alterTable('federation_activities').dropColumn('attempts').execute();
  await db.schema.alterTable('federation_activities').dropColumn('recipient_actor').execute();
  await db.schema.alterTable('federation_activities').dropColumn('comment_id').execute();
}
