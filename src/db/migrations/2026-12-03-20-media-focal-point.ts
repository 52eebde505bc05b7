import type { Kysely } from 'kysely';

// A library picture's focal point: the spot its crops (16:9, 4:3, 1:1) and the site's cropped
// cards keep in view, as fractions of its width and height from the top-left corner. Null (every
// picture so far) means the centre. The crops of existing pictures were cut around the centre
// and stay right.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').addColumn('focal_x', 'double precision').execute();
  await db.schema.alterTable('media').addColumn('focal_y', 'double precision').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('media').dropColumn('focal_y').execute();
  await db.schema.alterTable('media').dropColumn('focal_x').execute();
}
