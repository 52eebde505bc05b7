import type { Kysely } from 'kysely';

// When each fediverse delivery was last tried: the newsroom sees, per story and edition, which
// server failed last (the delivery status in the editor and the Admin API).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('federation_deliveries').addColumn('attempted_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('federation_deliveries').dropColumn('attempted_at').execute();
}
