import type { Kysely } from 'kysely';

// Fediverse instances (hosts such as `spam.example`) the newsroom blocked: their followers are
// removed and whatever their accounts send to the inboxes (follows, replies, likes) is dropped.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('federation_blocked_instances')
    .addColumn('host', 'text', (c) => c.primaryKey())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('federation_blocked_instances').execute();
}
