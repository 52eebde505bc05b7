import type { Kysely } from 'kysely';

// The newsletters a scheduled story is to be sent to once it goes out (chosen in the editor's
// Publish dialog or through the Admin API): a send is created for each, and the plan forgotten,
// in the transaction that publishes the story (newsletters/planned-sends.ts).
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('newsletter_plans')
    .addColumn('article_id', 'integer', (c) => c.notNull().references('articles.id').onDelete('cascade'))
    .addColumn('newsletter_id', 'integer', (c) => c.notNull().references('newsletters.id').onDelete('cascade'))
    // Who chose it: the send is theirs when it is queued.
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('newsletter_plans_pk', ['article_id', 'newsletter_id'])
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('newsletter_plans').execute();
}
