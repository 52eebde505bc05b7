import type { Kysely } from 'kysely';

// Embargo and expiry (content/moments.service.ts). `embargo_until`: the time before which nothing
// of the story may show anywhere (a publication time with that guarantee; kept after it lifts).
// `expires_at`: when a published story leaves the site; `expiry` says how: 'gone' (its address
// answers 410 with a note) or 'unlisted' (its address still works, nothing lists it). The
// indexes find the next such moment without reading the table.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('embargo_until', 'text').execute();
  await db.schema.alterTable('articles').addColumn('expires_at', 'text').execute();
  await db.schema.alterTable('articles').addColumn('expiry', 'text', (c) => c.notNull().defaultTo('gone')).execute();
  await db.schema.createIndex('articles_expiring').on('articles').columns(['status', 'expires_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('articles_expiring').execute();
  await db.schema.alterTable('articles').dropColumn('expiry').execute();
  await db.schema.alterTable('articles').dropColumn('expires_at').execute();
  await db.schema.alterTable('articles').dropColumn('embargo_until').execute();
}
