import type { Kysely } from 'kysely';

// Fedify's key–value entries all expire now (src/federation/kv-store.ts): those stored before
// without a time to live get thirty days from this migration, and expired ones are swept by
// their expiry, which an index makes cheap.
export async function up(db: Kysely<any>): Promise<void> {
  const in30Days = new Date(Date.now() + 30 * 24 * 3600_000).toISOString();
  await db.updateTable('federation_kv').set({ expires_at: in30Days }).where('expires_at', 'is', null).execute();
  await db.schema.createIndex('federation_kv_expires').on('federation_kv').columns(['expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('federation_kv_expires').execute();
}
