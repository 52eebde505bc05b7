import type { Kysely } from 'kysely';

// Follow requests that wait for the newsroom's approval (the site setting
// `federationFollowApproval`): a follower row is 'pending' until accepted, and only 'accepted'
// followers are counted, listed in the followers collection and sent the stories.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('federation_followers')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('accepted'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('federation_followers').dropColumn('status').execute();
}
