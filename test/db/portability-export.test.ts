import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../src/content/articles.service.js';
import { addCorrection } from '../../src/content/corrections.service.js';
import { createSection } from '../../src/content/sections.service.js';
import type { Database, Engine } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { AppError } from '../../src/core/errors.js';
import type { Actor } from '../../src/people/permissions.js';
import { createUser } from '../../src/people/users.service.js';
import { exportSite } from '../../src/portability/herald/herald.export.js';
import { importHerald } from '../../src/portability/herald/herald.import.js';
import { IMPORT_ACTOR } from '../../src/portability/import.writer.js';
import { addLegacyRedirects } from '../../src/portability/legacy-redirects.js';
import { searchArticles } from '../../src/search/search.service.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { createStore, ENGINES, openStore, type TestStore } from '../support/engines.js';

const BASE = 'http://herald.test';
const EXPORTED_AT = '2026-01-01T00:00:00.000Z';

const opened = new Map<TestStore, Database>();

async function freshSite(engine: Engine, stores: TestStore[]): Promise<Database> {
  const store = await createStore(engine);
  stores.push(store);
  const database = openStore(store);
  opened.set(store, database);
  await migrateToLatest(database);
  return database;
}

/** A small newsroom: people, nested sections, tags, a story in two languages, edits and redirects. */
async function fillSite(database: Database): Promise<void> {
  await updateSettings(database.db, { baseUrl: BASE, name: 'Round Trip', languages: ['en', 'fr', 'ar'], defaultLanguage: 'en' });
  const editor = await createUser(database.db, { email: 'ed@herald.test', name: 'Ed Itor', role: 'editor', password: 'a long enough password' });
  const actor: Actor = { role: 'editor', userId: editor.id, principal: `user:${editor.id}`, name: editor.name };
  const world = await createSection(database, actor, { names: { en: { name: 'World' }, fr: { name: 'Monde' } } });
  await createSection(database, actor, { parentId: world.id, names: { en: { name: 'Africa' } } });
  const en = await createArticle(database, { language: 'en', title: 'Elections in Senegal', body: '<p>The vote <em>was</em> calm.</p>', section: world.id, tags: ['Senegal', 'Elections'], status: 'published', source: { name: 'Partner Daily', url: 'https://partner.example/vote' } }, actor, BASE);
  const fr = await createArticle(database, { language: 'fr', title: 'Élections au Sénégal', body: 'Le vote a été **calme**.', bodyFormat: 'markdown', translationOf: en.id, machineTranslated: true, tags: ['Sénégal'], status: 'published' }, actor, BASE);
  await updateArticle(database, fr.id, { version: fr.version, slug: 'senegal-vote', standfirst: 'Un scrutin sans heurts.' }, actor, BASE);
  await createArticle(database, { language: 'ar', title: 'مسودة', body: 'نص', tags: ['السنغال'] }, actor, BASE);
  // A correction, carried over to the translation (which names it).
  const corrected = await addCorrection(database, en.id, { kind: 'correction', text: 'An earlier version misnamed the capital.' }, actor, BASE);
  await addCorrection(database, fr.id, { kind: 'correction', text: 'Une version précédente se trompait de capitale.', sourceCorrectionId: corrected.corrections[0].id }, actor, BASE);
  await addLegacyRedirects(database.db, ['/?p=12', '/2024/03/24/elections/'], { type: 'article', id: en.id });
}

/** Closes what a test opened (also when it failed), then drops its stores. */
async function dropAll(stores: TestStore[]): Promise<void> {
  for (const store of stores) {
    const database = opened.get(store);
    opened.delete(store);
    await database?.close().catch(() => {});
    await store.drop();
  }
}

async function exportText(database: Database, dir: string, name: string): Promise<string> {
  const file = join(dir, name);
  await exportSite(database.db, file, EXPORTED_AT);
  return readFileSync(file, 'utf8');
}

describe('Herald export and import', () => {
  for (const engine of ENGINES) {
    it(`export → import into an empty site → export gives the identical file [${engine}]`, async () => {
      const stores: TestStore[] = [];
      try {
        const original = await freshSite(engine, stores);
        await fillSite(original);
        const first = await exportText(original, stores[0].dataDir, 'first.json');
        const restored = await freshSite(engine, stores);
        const report = await importHerald(restored, join(stores[0].dataDir, 'first.json'));
        expect(report.counts.articles).toBe(3);
        const second = await exportText(restored, stores[1].dataDir, 'second.json');
        expect(second).toBe(first);
        // Every version and revision came along; no password hash left the site.
        const data = JSON.parse(first);
        expect(data.tables.article_revisions).toHaveLength(6);
        expect(data.tables.article_corrections.map((row: { source_correction_id: number | null }) => row.source_correction_id)).toEqual([null, data.tables.article_corrections[0].id]);
        expect(data.tables.users[0]).not.toHaveProperty('password_hash');
        expect(first).not.toContain('argon2');
        // The search index, derived and not exported, is rebuilt: the restored stories are found.
        const found = await searchArticles(restored.db, { q: 'Senegal', page: 1, limit: 10 }, BASE, 'public');
        expect(found.items.map((r) => r.article.title)).toContain('Elections in Senegal');
        // The restored site goes on working: new rows get fresh ids (PostgreSQL sequences follow).
        const section = await createSection(restored, IMPORT_ACTOR, { names: { en: { name: 'Sport' } } });
        expect(section.id).toBe(3);
      } finally {
        await dropAll(stores);
      }
    });

    it(`refuses to restore into a site that has content, changing nothing [${engine}]`, async () => {
      const stores: TestStore[] = [];
      try {
        const original = await freshSite(engine, stores);
        await fillSite(original);
        const before = await exportText(original, stores[0].dataDir, 'before.json');
        const error = await importHerald(original, join(stores[0].dataDir, 'before.json')).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).code).toBe('CONFLICT');
        expect(await exportText(original, stores[0].dataDir, 'after.json')).toBe(before);
      } finally {
        await dropAll(stores);
      }
    });
  }

  it('moves a site from SQLite to PostgreSQL unchanged', async () => {
    const stores: TestStore[] = [];
    try {
      const sqlite = await freshSite('sqlite', stores);
      await fillSite(sqlite);
      const first = await exportText(sqlite, stores[0].dataDir, 'sqlite.json');
      const postgres = await freshSite('postgres', stores);
      await importHerald(postgres, join(stores[0].dataDir, 'sqlite.json'));
      expect(await exportText(postgres, stores[1].dataDir, 'postgres.json')).toBe(first);
    } finally {
      await dropAll(stores);
    }
  });

  it('refuses a file that is not a Herald export', async () => {
    const stores: TestStore[] = [];
    try {
      const site = await freshSite('sqlite', stores);
      const file = join(stores[0].dataDir, 'other.json');
      (await import('node:fs')).writeFileSync(file, '{"db": []}');
      await expect(importHerald(site, file)).rejects.toThrow(/other\.json is refused, nothing was imported — this is not a Herald export/);
    } finally {
      await dropAll(stores);
    }
  });
});
