import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { languageStatuses } from '../../src/content/translations.service.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { createStore, ENGINES, openStore } from '../support/engines.js';

const MIGRATION = '2026-12-03-50-translation-versions';

/** A story version as the schema before the migration stores it, with one revision per listed change. */
async function version(
  db: Kysely<any>,
  row: { story: number; language: string; from?: number; status?: string; machine?: boolean; words: string[]; savedAt: string[] },
): Promise<number> {
  const last = row.words.length - 1;
  const { id } = await db
    .insertInto('articles')
    .values({
      story_id: row.story,
      language: row.language,
      title: row.words[last],
      body: `<p>${row.words[last]}</p>`,
      slug: `${row.language}-${row.story}`,
      translated_from_id: row.from ?? null,
      machine_translated: row.machine ? 1 : 0,
      status: row.status ?? 'draft',
      published_at: row.status === 'published' ? row.savedAt[0] : null,
      created_at: row.savedAt[0],
      updated_at: row.savedAt[last],
      version: row.words.length,
      created_by: 'token:1',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  for (const [index, words] of row.words.entries()) {
    const snapshot = JSON.stringify({ title: words, standfirst: '', body: `<p>${words}</p>`, status: index === last ? row.status : 'draft' });
    await db.insertInto('article_revisions').values({ article_id: id, version: index + 1, snapshot, actor: 'token:1', created_at: row.savedAt[index] }).execute();
  }
  return id;
}

describe('the translation versions migration', () => {
  for (const engine of ENGINES) {
    it(`keeps each existing translation in the state it had, and finds the untouched copies [${engine}]`, async () => {
      const store = await createStore(engine);
      const database = openStore(store);
      const migration = migrations[MIGRATION];
      delete migrations[MIGRATION];
      try {
        await migrateToLatest(database);
        const db = database.db as Kysely<any>;
        await updateSettings(database.db, { languages: ['en', 'fr', 'de', 'ar', 'es'] });
        const { id: story } = await db.insertInto('stories').values({ created_at: '2026-11-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow();
        const at = (hour: number) => `2026-11-01T${String(hour).padStart(2, '0')}:00:00.000Z`;
        // The original: written at 1, rewritten at 3, published at 5 (the same words).
        const en = await version(db, { story, language: 'en', status: 'published', words: ['Storm', 'Storm hits', 'Storm hits'], savedAt: [at(1), at(3), at(5)] });
        // Saved after the rewrite: current. Saved between: outdated.
        const fr = await version(db, { story, language: 'fr', from: en, status: 'published', words: ['Tempête'], savedAt: [at(4)] });
        const de = await version(db, { story, language: 'de', from: en, status: 'published', words: ['Sturm'], savedAt: [at(2)] });
        // A draft still word for word the original, and an untouched machine translation.
        const ar = await version(db, { story, language: 'ar', from: en, words: ['Storm hits'], savedAt: [at(6)] });
        const es = await version(db, { story, language: 'es', from: en, machine: true, words: ['Tormenta'], savedAt: [at(6)] });

        migrations[MIGRATION] = migration;
        expect((await migrateToLatest(database)).map((r) => r.migrationName)).toEqual([MIGRATION]);
        const states = Object.fromEntries((await languageStatuses(database.db, en)).map((l) => [l.language, l.state]));
        expect(states).toEqual({ en: 'original', fr: 'current', de: 'outdated', ar: 'in-progress', es: 'in-progress' });
        const rows = await db.selectFrom('articles').select(['id', 'words_version', 'source_version']).orderBy('id').execute();
        expect(rows).toEqual([
          { id: en, words_version: 2, source_version: null },
          { id: fr, words_version: 1, source_version: 2 },
          { id: de, words_version: 1, source_version: 1 },
          { id: ar, words_version: 1, source_version: 3 },
          { id: es, words_version: 1, source_version: 3 },
        ]);
      } finally {
        migrations[MIGRATION] = migration;
        await database.close();
        await store.drop();
      }
    });
  }
});
