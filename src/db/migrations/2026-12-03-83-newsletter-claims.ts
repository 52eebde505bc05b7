import type { Kysely } from 'kysely';

// Which claim of which process holds a newsletter recipient: a process whose lease ran out (it
// stalled) and whose row another process took over must not hand that message to SMTP too.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('newsletter_deliveries').addColumn('claim', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('newsletter_deliveries').dropColumn('claim').execute();
}
