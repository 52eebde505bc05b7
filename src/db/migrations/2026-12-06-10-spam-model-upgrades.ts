import type { Kysely } from 'kysely';
import { isPostgres } from '../columns.js';

// A newer release's spam model reaches sites that already run one, without losing what their
// moderators taught it: `weight` is now the starting model as shipped and `learned` the sum of
// moderators' decisions, and a feature scores `weight + learned`. `spam_model` names the shipped
// model file the starting weights came from (its SHA-256), so the app can tell when the file
// changed and swap the starting weights alone (src/comments/spam/spam.service.ts).
//
// Rows from before this migration mixed both in `weight`, and which model they started from was
// not recorded: they stay as they are, counted as a starting model, and are replaced by the
// shipped one on first use. Decisions taught before this release are lost with them.
export async function up(db: Kysely<any>): Promise<void> {
  const real = isPostgres(db) ? 'double precision' : 'real';
  await db.schema.alterTable('spam_weights').addColumn('learned', real, (c) => c.notNull().defaultTo(0)).execute();
  await db.schema
    .createTable('spam_model')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('digest', 'text', (c) => c.notNull())
    .addColumn('loaded_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('spam_model').execute();
  await db.schema.alterTable('spam_weights').dropColumn('learned').execute();
}
