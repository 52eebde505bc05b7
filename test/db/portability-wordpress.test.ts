import { describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { AppError } from '../../src/core/errors.js';
import { importWordpress } from '../../src/portability/wordpress/wordpress.import.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { createStore, describeEachEngine, ENGINES, openStore, type TestStore } from '../support/engines.js';
import { MALFORMED_WXR, wxr } from '../e2e/portability/wxr-fixtures.js';

const BASE = 'http://herald.test';
const TABLES = ['articles', 'stories', 'sections', 'section_names', 'tags', 'users', 'article_tags', 'article_authors', 'article_revisions', 'legacy_redirects', 'imported_attachments', 'import_map', 'settings'] as const;

/** Everything an import writes, without ids or timestamps of the run, in a stable order. */
async function snapshot(database: Database) {
  const { db } = database;
  const articles = await db.selectFrom('articles').selectAll().orderBy('language').orderBy('slug').execute();
  const sections = await db.selectFrom('section_names').select(['language', 'slug', 'name']).orderBy('slug').execute();
  const tags = await db.selectFrom('tags').select(['language', 'slug', 'name']).orderBy('language').orderBy('slug').execute();
  const redirects = await db.selectFrom('legacy_redirects').select(['path', 'target_type']).orderBy('path').execute();
  const counts = await Promise.all(TABLES.map(async (t) => [t, (await db.selectFrom(t).selectAll().execute()).length]));
  return {
    articles: articles.map(({ id: _i, story_id: _s, created_at: _c, section_id: _x, ...rest }) => rest),
    sections,
    tags,
    redirects,
    counts: Object.fromEntries(counts),
  };
}

describe('WordPress import guarantees', () => {
  describeEachEngine('malformed files', (database) => {
    it('refuses a path that is not a readable file', async () => {
      await expect(importWordpress(database(), wxr('no-such-export.xml'), { baseUrl: BASE })).rejects.toThrow(/no-such-export\.xml cannot be read: it does not exist/);
      await expect(importWordpress(database(), wxr(''), { baseUrl: BASE })).rejects.toThrow(/cannot be read: it is not a file/);
    });

    for (const name of MALFORMED_WXR) {
      it(`refuses ${name} with its line and reason, importing nothing`, async () => {
        await updateSettings(database().db, { baseUrl: BASE });
        const before = await snapshot(database());
        const error = await importWordpress(database(), wxr(name), { baseUrl: BASE }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).fields?.[0].field).toBe('file');
        expect((error as AppError).message).toMatch(new RegExp(`${name.replace('.', '\\.')} is refused, nothing was imported — line \\d+: .+`));
        expect(await snapshot(database())).toEqual(before);
      });
    }
  });

  describeEachEngine('every well-formed fixture', (database) => {
    for (const name of ['valid-wxr-1.0.xml', 'valid-wxr-1.1.xml', 'wxr-utf-8-challenges.xml', 'crazy-cdata-escaped.xml', 'namespace-edge-cases.xml', 'small-export.xml', 'missing-tags.xml', 'multiple-cdata.xml']) {
      it(`imports ${name}`, async () => {
        const report = await importWordpress(database(), wxr(name), { baseUrl: BASE });
        // valid-wxr-1.1.xml is an export of the same site as valid-wxr-1.0.xml: its posts are known.
        const seen = (report.counts.articles ?? 0) + (report.skipped.get('already imported by an earlier run') ?? 0);
        expect(seen).toBeGreaterThan(0);
      });
    }

    it('keeps UTF-8 text exactly: combining marks, bidi controls, astral characters', async () => {
      const { db } = database();
      const story = await db.selectFrom('articles').select(['title', 'body']).where('title', 'like', '%Frost%').executeTakeFirstOrThrow();
      expect(story.title).toBe('"The Road \u202eNot\u202c Taken" by Rob\u202dert \u202eFrost \u202a🌲\u202c');
      expect(story.body).toContain('𝓣𝓮𝓼𝓽 𝓜𝓾𝓵𝓽𝓲-𝓑𝔂𝓽𝓮: 🚀🌟💫');
      expect(story.body).toContain('السلام عليكم');
    });

    it('reads elements by namespace, not by prefix', async () => {
      // The file's authors wrote nothing, so none becomes a user; the report names those read.
      const report = await importWordpress(database(), wxr('namespace-edge-cases.xml'), { baseUrl: BASE });
      const idle = report.notes.find((n) => n.startsWith('not made users'))!;
      expect(idle).toContain('real_user');
      expect(idle).not.toContain('fake_ns_user');
      expect(idle).not.toContain('custom_user');
    });
  });

  describe('a run interrupted mid-way and run again', () => {
    for (const engine of ENGINES) {
      it(`ends exactly as one clean run [${engine}]`, async () => {
        const stores: TestStore[] = [];
        const open = async () => {
          const store = await createStore(engine);
          stores.push(store);
          const database = openStore(store);
          await migrateToLatest(database);
          await updateSettings(database.db, { baseUrl: BASE, languages: ['en', 'fr'] });
          return database;
        };
        const clean = await open();
        const interrupted = await open();
        try {
          await importWordpress(clean, wxr('theme-unit-test-data.xml'), { baseUrl: BASE, batchSize: 7 });
          for (const stopAfter of [1, 3]) {
            let batches = 0;
            const crash = importWordpress(interrupted, wxr('theme-unit-test-data.xml'), {
              baseUrl: BASE,
              batchSize: 7,
              onProgress: () => {
                if (++batches === stopAfter) throw new Error('killed');
              },
            });
            await expect(crash).rejects.toThrow('killed');
          }
          const partial = (await snapshot(interrupted)).counts.articles;
          expect(partial).toBeGreaterThan(0);
          expect(partial).toBeLessThan((await snapshot(clean)).counts.articles);
          await importWordpress(interrupted, wxr('theme-unit-test-data.xml'), { baseUrl: BASE, batchSize: 7 });
          expect(await snapshot(interrupted)).toEqual(await snapshot(clean));
        } finally {
          await clean.close();
          await interrupted.close();
          for (const store of stores) await store.drop();
        }
      });
    }
  });
});
