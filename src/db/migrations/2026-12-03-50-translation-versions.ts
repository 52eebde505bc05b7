import type { Kysely } from 'kysely';

// A translation's state is read from versions, no longer from clocks: each article records the
// version at which its words (title, standfirst, body) last changed, and each translation the
// version of its source it was made from or last brought up to date with, so a translation is
// outdated exactly when its source's words changed at a later version. A draft made by
// "Translate" (a copy, or a machine translation) is flagged in progress until a person edits its
// words or publishes it: before, such a copy counted as up to date the moment it was made.
//
// The backfill keeps every existing translation in the state it had (outdated when its source's
// words changed after it was last saved), and flags as in progress the unpublished drafts that
// are still word for word their source, or an untouched machine translation. The rule for which
// version a translation is judged against is restated here, not imported: its recorded source
// while that is a live version of the same story, else the story's original (the earliest live
// version that is not a translation of another live one).

interface Row {
  id: number;
  story_id: number;
  translated_from_id: number | null;
  machine_translated: number;
  status: string;
  published_at: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
  version: number;
}

interface Revision {
  version: number;
  createdAt: number;
}

const WORDS = ['title', 'standfirst', 'body'] as const;

function originalOf(live: Row[]): Row | undefined {
  const ordered = [...live].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
  return ordered.find((v) => !live.some((other) => other.id !== v.id && other.id === v.translated_from_id)) ?? ordered[0];
}

/** Versions of an article and the version at which its words last changed, from its revisions. */
async function revisionsOf(db: Kysely<any>, row: Row): Promise<{ revisions: Revision[]; wordsVersion: number }> {
  const rows: Array<{ version: number; snapshot: string; created_at: string }> = await db
    .selectFrom('article_revisions')
    .select(['version', 'snapshot', 'created_at'])
    .where('article_id', '=', row.id)
    .orderBy('version')
    .execute();
  let wordsVersion = rows.length ? 1 : row.version;
  let previous: string | null = null;
  for (const revision of rows) {
    const snapshot = JSON.parse(revision.snapshot) as Record<string, unknown>;
    const words = JSON.stringify(WORDS.map((key) => snapshot[key] ?? ''));
    if (words !== previous) wordsVersion = revision.version;
    previous = words;
  }
  return { revisions: rows.map((r) => ({ version: r.version, createdAt: Date.parse(r.created_at) })), wordsVersion };
}

async function sameWords(db: Kysely<any>, a: number, b: number): Promise<boolean> {
  const rows: Array<Record<string, string>> = await db.selectFrom('articles').select([...WORDS]).where('id', 'in', [a, b]).execute();
  return rows.length === 2 && WORDS.every((key) => rows[0][key] === rows[1][key]);
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('articles').addColumn('words_version', 'integer', (c) => c.notNull().defaultTo(1)).execute();
  await db.schema.alterTable('articles').addColumn('source_version', 'integer').execute();
  await db.schema.alterTable('articles').addColumn('translation_in_progress', 'integer', (c) => c.notNull().defaultTo(0)).execute();

  const rows: Row[] = await db
    .selectFrom('articles')
    .select(['id', 'story_id', 'translated_from_id', 'machine_translated', 'status', 'published_at', 'created_at', 'updated_at', 'deleted_at', 'version'])
    .execute();
  const history = new Map<number, { revisions: Revision[]; wordsVersion: number }>();
  for (const row of rows) {
    const found = await revisionsOf(db, row);
    history.set(row.id, found);
    if (found.wordsVersion !== 1) await db.updateTable('articles').set({ words_version: found.wordsVersion }).where('id', '=', row.id).execute();
  }
  const stories = new Map<number, Row[]>();
  for (const row of rows) if (row.deleted_at === null) stories.set(row.story_id, [...(stories.get(row.story_id) ?? []), row]);
  for (const live of stories.values()) {
    const original = originalOf(live);
    for (const version of live) {
      if (version.id === original?.id) continue;
      const source = live.find((v) => v.id === version.translated_from_id) ?? original!;
      const savedAt = Date.parse(version.updated_at);
      // The source as it stood when the translation was last saved.
      const seen = history.get(source.id)!.revisions.filter((r) => r.createdAt <= savedAt).at(-1);
      const untouched = version.published_at === null && version.status === 'draft';
      const inProgress =
        untouched && ((version.machine_translated === 1 && history.get(version.id)!.wordsVersion === 1) || (await sameWords(db, version.id, source.id)));
      await db
        .updateTable('articles')
        .set({ source_version: seen?.version ?? null, translation_in_progress: inProgress ? 1 : 0 })
        .where('id', '=', version.id)
        .execute();
    }
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['translation_in_progress', 'source_version', 'words_version']) {
    await db.schema.alterTable('articles').dropColumn(column).execute();
  }
}
