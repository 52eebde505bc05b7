import type { Kysely } from 'kysely';

// The language a person reads the admin in, as they chose it; null follows their browser.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').addColumn('interface_language', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('users').dropColumn('interface_language').execute();
}
