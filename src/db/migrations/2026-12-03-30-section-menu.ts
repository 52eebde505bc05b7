import type { Kysely } from 'kysely';

// Whether a section is in the site's menu, as editors choose. The menu showed every section:
// top-level ones stay in it, sub-sections (never meant for the top bar) leave it.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sections').addColumn('in_menu', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.updateTable('sections').set({ in_menu: 0 }).where('parent_id', 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('sections').dropColumn('in_menu').execute();
}
