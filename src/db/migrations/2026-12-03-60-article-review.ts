import type { Kysely } from 'kysely';

// A draft's review: submitted by a writer (who, when), possibly sent back by an editor (who,
// when, why). A flag on the draft rather than a status, so every rule about drafts (never
// public, editable by its contributor) holds for a story waiting for review unchanged.
// Who is a principal (`user:3`, `token:2`) and the name the actor had then.
const COLUMNS = [
  'review_submitted_at',
  'review_submitted_by',
  'review_submitted_name',
  'review_returned_at',
  'review_returned_by',
  'review_returned_name',
  'review_note',
] as const;

export async function up(db: Kysely<any>): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('articles').addColumn(column, 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of [...COLUMNS].reverse()) await db.schema.alterTable('articles').dropColumn(column).execute();
}
