import type { Kysely } from 'kysely';
import type { Schema } from '../../db/schema.js';
import { filteredMembers, withSubscriptions, type MemberFilter } from '../members.service.js';
import { csvLine, spreadsheetText } from './csv.js';
import { HERALD_COLUMNS } from './formats.js';

/** Members read per query: the export streams, whatever the list's size. */
const BATCH = 500;

/**
 * The members a filter names as CSV, in the layout Herald's import reads back (formats.ts):
 * importing it into a site with the same newsletters gives the same members, and exporting
 * that gives the same file. One column per newsletter, in id order; members in id order.
 */
export async function* exportMembers(db: Kysely<Schema>, filter: MemberFilter = {}): AsyncGenerator<string> {
  const newsletters = await db.selectFrom('newsletters').select(['id', 'name', 'language']).orderBy('id').execute();
  yield csvLine([...HERALD_COLUMNS, ...newsletters.map((n) => `newsletter:${n.name} [${n.language}]`)]);
  for (let after = 0; ; ) {
    const rows = await filteredMembers(db, filter).selectAll('members').where('members.id', '>', after).orderBy('members.id').limit(BATCH).execute();
    if (rows.length === 0) return;
    for (const member of await withSubscriptions(db, rows)) {
      const status = new Map(member.subscriptions.map((s) => [s.newsletterId, s.status]));
      yield csvLine([
        spreadsheetText(member.email),
        spreadsheetText(member.name),
        member.language,
        member.createdAt,
        member.source,
        member.suppressedAt ?? '',
        ...newsletters.map((n) => status.get(n.id) ?? ''),
      ]);
    }
    after = rows[rows.length - 1].id;
  }
}
