import { Migrator, sql } from 'kysely';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as articles from '../../src/content/articles.service.js';
import type { NewArticle } from '../../src/content/articles.types.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { AppError } from '../../src/core/errors.js';
import type { Actor } from '../../src/people/permissions.js';
import { prepareDatabase } from '../../src/prepare.js';
import { indexMissing, installSearchIndexing, rebuildSearchIndex, reindexAll, searchArticles, searchIndexFor, type SearchInput } from '../../src/search/search.service.js';
import { MATCH_COUNT_LIMIT } from '../../src/search/search.types.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { createStore, describeEachEngine, ENGINES, openStore, type TestStore } from '../support/engines.js';
import { sectionNamed } from '../support/sections.js';

const ADMIN: Actor = { role: 'administrator', userId: null, principal: 'test:search', name: 'Search test' };
const BASE = 'http://herald.test';
const HOSTILE = ['"', '""', '*', 'NEAR(', 'NEAR(a b', 'title:harbour', 'a AND OR NOT', "'; drop table articles; --", '%', '_', '\\', '^', '(((', ':*', '&|!', '{title}:x', '-harbour', '總', '🙂', '\u0301', 'ـ', 'Ⅻ', '𝔘𝔫𝔦', 'ß', 'İstanbul', 'مَرْحَبًا', '١٢٣', 'ภาษาไทย', 'a\u200db', '\u0000'];

describeEachEngine('search', (database, engine) => {
  const ids: Record<string, number> = {};
  const search = (q: string, extra: Partial<SearchInput> = {}, audience: 'public' | 'admin' = 'public') =>
    searchArticles(database().db, { q, page: 1, limit: 20, ...extra }, BASE, audience);
  const titles = async (q: string, extra: Partial<SearchInput> = {}, audience: 'public' | 'admin' = 'public') =>
    (await search(q, extra, audience)).items.map((r) => r.article.title);
  const write = async (key: string, { section, ...input }: Omit<NewArticle, 'section'> & { section?: string }) => {
    const sectionId = section === undefined ? null : await sectionNamed(database(), section, input.language);
    ids[key] = (await articles.createArticle(database(), { status: 'published', section: sectionId, ...input }, ADMIN, BASE)).id;
  };

  beforeAll(async () => {
    installSearchIndexing(database());
    await updateSettings(database().db, { languages: ['en', 'fr', 'zh-Hant', 'ko'], defaultLanguage: 'en' });
    await write('beijingFr', { language: 'fr', title: 'Visite officielle à Pékin', body: '<p>Le président est arrivé.</p>', section: 'Monde', tags: ['Chine'], publishedAt: '2026-11-20T10:00:00Z' });
    await write('harbourOld', { language: 'en', title: 'Harbour reopens', body: '<p>Ships return.</p>', section: 'World', publishedAt: '2026-11-01T10:00:00Z' });
    await write('harbourBody', { language: 'en', title: 'Storm season ends', body: '<p>The harbour is calm again.</p>', section: 'Weather', tags: ['Storms'], publishedAt: '2026-11-25T10:00:00Z' });
    await write('harbourNew', { language: 'en', title: 'Harbour master retires', body: '<p>After forty years.</p>', section: 'World', tags: ['Storms'], publishedAt: '2026-11-22T10:00:00Z' });
    await write('president', { language: 'zh-Hant', title: '總統府發表聲明', body: '<p>新總統今天就職。</p>', publishedAt: '2026-11-23T10:00:00Z' });
    await write('seoul', { language: 'ko', title: '서울 시장 선거', body: '<p>투표가 시작되었다.</p>', publishedAt: '2026-11-23T11:00:00Z' });
    await write('draft', { language: 'en', title: 'Harbour secret draft', status: 'draft' });
  });

  it('finds "Pékin" when asked for "Pekin", and the other way round', async () => {
    expect(await titles('Pekin')).toEqual(['Visite officielle à Pékin']);
    expect(await titles('PÉKIN')).toEqual(['Visite officielle à Pékin']);
    expect(await titles('president', { language: 'fr' })).toEqual(['Visite officielle à Pékin']);
  });

  it('finds Chinese and Korean stories by a two-character query, and by longer ones', async () => {
    expect(await titles('總統')).toEqual(['總統府發表聲明']);
    expect(await titles('總統府')).toEqual(['總統府發表聲明']);
    expect(await titles('就職')).toEqual(['總統府發表聲明']);
    expect(await titles('今天就職')).toEqual(['總統府發表聲明']);
    expect(await titles('서울')).toEqual(['서울 시장 선거']);
    expect(await titles('總統 聲明')).toEqual(['總統府發表聲明']);
    expect(await titles('總統 서울')).toEqual([]);
  });

  it('keeps to the language asked for, and searches all languages when none is given', async () => {
    await write('presidentEn', { language: 'en', title: 'President visits Beijing', body: '<p>Pékin welcomes the president.</p>', publishedAt: '2026-11-21T10:00:00Z' });
    expect(await titles('president', { language: 'fr' })).toEqual(['Visite officielle à Pékin']);
    expect(await titles('pekin', { language: 'en' })).toEqual(['President visits Beijing']);
    expect((await titles('pekin')).sort()).toEqual(['President visits Beijing', 'Visite officielle à Pékin']);
  });

  it('ranks title matches above body matches, and newer above older among equals', async () => {
    expect(await titles('harbour', { language: 'en' })).toEqual(['Harbour master retires', 'Harbour reopens', 'Storm season ends']);
  });

  it('matches words by their beginning', async () => {
    expect(await titles('harb')).toEqual(['Harbour master retires', 'Harbour reopens', 'Storm season ends']);
  });

  it('filters by section, tag and date range', async () => {
    const [world] = (await search('harbour', { language: 'en' })).items.filter((r) => r.article.title === 'Harbour reopens');
    const sectionId = world.article.section!.id;
    expect(await titles('harbour', { sectionId })).toEqual(['Harbour master retires', 'Harbour reopens']);
    const tagId = (await search('storm')).items[0].article.tags[0].id;
    expect(await titles('harbour', { tagId })).toEqual(['Harbour master retires', 'Storm season ends']);
    expect(await titles('harbour', { from: '2026-11-02', to: '2026-11-22' })).toEqual(['Harbour master retires']);
    expect(await titles('harbour', { from: '2026-11-23T00:00:00Z' })).toEqual(['Storm season ends']);
    await expect(search('harbour', { from: 'yesterday' })).rejects.toMatchObject({ status: 400, fields: [{ field: 'from' }] });
  });

  it('highlights the matched words in the title and a snippet of the text', async () => {
    const [hit] = (await search('calm harbour', { language: 'en' })).items;
    expect(hit.article.title).toBe('Storm season ends');
    expect(hit.highlight.title).toBe('Storm season ends');
    expect(hit.highlight.snippet).toBe('The <mark>harbour</mark> is <mark>calm</mark> again.');
    const [chinese] = (await search('總統')).items;
    expect(chinese.highlight.title).toBe('<mark>總統</mark>府發表聲明');
  });

  it('paginates with a total', async () => {
    const second = await search('harbour', { language: 'en', page: 2, limit: 1 });
    expect(second.items.map((r) => r.article.title)).toEqual(['Harbour reopens']);
    expect(second.pagination).toEqual({ page: 2, limit: 1, total: 3, pages: 3 });
  });

  it('shows readers published stories only, and editors their drafts too', async () => {
    expect(await titles('secret')).toEqual([]);
    expect(await titles('secret', {}, 'admin')).toEqual(['Harbour secret draft']);
  });

  it('follows every edit, unpublish, trash and delete of a story', async () => {
    const id = ids.harbourOld;
    let article = await articles.getArticle(database().db, id, BASE);
    article = await articles.updateArticle(database(), id, { version: article.version, title: 'Port reopens' }, ADMIN, BASE);
    expect(await titles('reopens')).toEqual(['Port reopens']);
    expect(await titles('harbour', { language: 'en' })).not.toContain('Harbour reopens');
    await articles.unpublishArticle(database(), id, ADMIN, BASE);
    expect(await titles('reopens')).toEqual([]);
    await articles.publishArticle(database(), id, ADMIN, BASE);
    expect(await titles('reopens')).toEqual(['Port reopens']);
    await articles.trashArticle(database(), id, ADMIN, BASE);
    expect(await titles('reopens', {}, 'admin')).toEqual([]);
    await articles.deleteArticleForever(database(), id, ADMIN);
    expect(await titles('reopens', {}, 'admin')).toEqual([]);
  });

  it('leaves the index as it was when the write rolls back', async () => {
    const id = ids.harbourNew;
    const before = await articles.getArticle(database().db, id, BASE);
    database().hooks.duringTransaction(async (_trx, event) => {
      if (event.id === id && event.action === 'updated') throw new Error('refused by a later listener');
    });
    await expect(articles.updateArticle(database(), id, { version: before.version, title: 'Lighthouse keeper retires' }, ADMIN, BASE)).rejects.toThrow('refused');
    expect(await titles('lighthouse')).toEqual([]);
    expect(await titles('master')).toEqual(['Harbour master retires']);
  });

  it('builds the engine’s own indexes: FTS5 without diacritics plus trigram, or GIN plus pg_trgm', async () => {
    if (engine === 'postgres') {
      const { rows } = await sql<{ indexname: string }>`select indexname from pg_indexes where tablename = 'search_documents'`.execute(database().db);
      expect(rows.map((r) => r.indexname)).toEqual(expect.arrayContaining(['search_documents_document', 'search_documents_title_trgm', 'search_documents_body_trgm']));
    } else {
      const { rows } = await sql<{ name: string; sql: string }>`select name, sql from sqlite_master where name in ('search_fts', 'search_cjk') order by name`.execute(database().db);
      expect(rows.map((r) => r.name)).toEqual(['search_cjk', 'search_fts']);
      expect(rows[0].sql).toContain("tokenize = 'trigram'");
      expect(rows[1].sql).toContain("tokenize = 'unicode61 remove_diacritics 2'");
    }
  });

  it('catches up with stories written straight into the tables (a restore, a bulk seed)', async () => {
    const now = new Date().toISOString();
    const { id: storyId } = await database().db.insertInto('stories').values({ created_at: now }).returning('id').executeTakeFirstOrThrow();
    await database().db
      .insertInto('articles')
      .values({ story_id: storyId, language: 'en', title: 'Restored lighthouse archive', slug: 'restored', status: 'published', published_at: now, created_at: now, updated_at: now, version: 1, created_by: 'restore' })
      .execute();
    expect(await titles('lighthouse archive')).toEqual([]);
    expect(await indexMissing(database().db)).toBe(1);
    expect(await titles('lighthouse archive')).toEqual(['Restored lighthouse archive']);
    expect(await indexMissing(database().db)).toBe(0);
  });

  it('answers hostile queries with results or a 400, never an engine error', async () => {
    for (const q of HOSTILE) {
      const page = await search(q);
      expect(Array.isArray(page.items), q).toBe(true);
    }
    expect((await search('"harbour*')).items.length).toBe(2);
    expect((await search('')).items).toEqual([]);
    const huge = 'harbour '.repeat(1300);
    const error = await search(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ status: 400, fields: [{ field: 'q' }] });
  });
});

describe('the search migration', () => {
  for (const engine of ENGINES) {
    it(`indexes the stories written before it [${engine}]`, async () => {
      const store = await createStore(engine);
      const database = openStore(store);
      try {
        const migrator = new Migrator({ db: database.db, provider: { getMigrations: async () => migrations }, migrationTableName: 'herald_migrations', migrationLockTableName: 'herald_migrations_lock' });
        const { error } = await migrator.migrateTo('2026-11-26-01-core');
        expect(error).toBeUndefined();
        // Written as that first schema holds a story (today's service writes columns added since).
        const now = '2026-11-26T00:00:00.000Z';
        await database.db.insertInto('stories').values({ created_at: now }).execute();
        await database.db
          .insertInto('articles')
          .values({ story_id: 1, language: 'fr', title: 'Élection à Pékin', slug: 'election-a-pekin', status: 'published', published_at: now, created_at: now, updated_at: now, version: 1, created_by: 'test' })
          .execute();
        await updateSettings(database.db, { languages: ['fr'], defaultLanguage: 'fr' });
        // The migrations leave the index empty; what migrates fills it.
        expect(await prepareDatabase(database)).toMatchObject({ indexed: 1 });
        const page = await searchArticles(database.db, { q: 'pekin election', page: 1, limit: 5 }, BASE, 'public');
        expect(page.items.map((r) => r.article.title)).toEqual(['Élection à Pékin']);
        // The repair behind `herald search reindex` rebuilds the same index from the rows.
        expect(await database.db.transaction().execute((trx) => rebuildSearchIndex(trx))).toBe(1);
        const again = await searchArticles(database.db, { q: 'élection', page: 1, limit: 5 }, BASE, 'public');
        expect(again.items.map((r) => r.article.title)).toEqual(['Élection à Pékin']);
      } finally {
        await database.close();
        await store.drop();
      }
    });
  }
});

/** Stories written straight into the tables (ids 1…n in order), then indexed as a restore is. */
async function indexStories(database: Database, stories: Array<{ title: string; body: string; publishedAt: string }>): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    for (let start = 0; start < stories.length; start += 200) {
      const batch = stories.slice(start, start + 200);
      await trx.insertInto('stories').values(batch.map(() => ({ created_at: '2026-11-26T00:00:00.000Z' }))).execute();
      await trx
        .insertInto('articles')
        .values(
          batch.map((story, i) => ({
            id: start + i + 1, story_id: start + i + 1, language: 'en', title: story.title, body: `<p>${story.body}</p>`,
            slug: `story-${start + i + 1}`, status: 'published', published_at: story.publishedAt,
            created_at: story.publishedAt, updated_at: '2026-11-26T00:00:00.000Z', version: 1, created_by: 'test',
          })),
        )
        .execute();
    }
    await reindexAll(trx);
  });
}

describe('counting the matches of a common word', () => {
  for (const engine of ENGINES) {
    describe(`[${engine}]`, () => {
      let store: TestStore;
      let database: Database;
      beforeEach(async () => {
        store = await createStore(engine);
        database = openStore(store);
        await migrateToLatest(database);
      });
      afterEach(async () => {
        await database.close();
        await store.drop();
      });
      const search = (terms: string[], page: number, limit: number) =>
        searchIndexFor(database.db).search(database.db, { terms, language: 'en', audience: 'public', page, limit });

      it('ranks whole words above words the term only begins, each in the title first', async () => {
        await indexStories(database, [
          { title: 'Article of the week', body: 'Nothing else.' },
          { title: 'Art fair opens', body: 'Crowds.' },
          { title: 'Museum news', body: 'The artist spoke.' },
          { title: 'Gallery news', body: 'Modern art returns.' },
          // The prefix-only stories are the newest: ranking, not dates, puts them last.
        ].map((story, i) => ({ ...story, publishedAt: new Date(Date.UTC(2026, 0, 9 - i)).toISOString() })));
        expect(await search(['art'], 1, 10)).toEqual({ ids: [2, 4, 1, 3], total: 4 });
        expect((await search(['art'], 2, 3)).ids).toEqual([3]);
      });

      it('stops at MATCH_COUNT_LIMIT, and pages stop there with title matches first', async () => {
        const inTitle = 600;
        const inBody = MATCH_COUNT_LIMIT - inTitle + 5;
        await indexStories(
          database,
          Array.from({ length: inTitle + inBody }, (_, i) => {
            const id = i + 1;
            const titled = id <= inTitle;
            return {
              title: titled ? `Council meeting ${id}` : `Meeting ${id}`,
              body: titled ? 'Minutes.' : 'The council met.',
              publishedAt: new Date(Date.UTC(2026, 0, 1) + id * 60_000).toISOString(),
            };
          }),
        );
        const first = await search(['council'], 1, 10);
        expect(first.total).toBe(MATCH_COUNT_LIMIT);
        // Title matches first, newest first; then body matches.
        expect(first.ids).toEqual(Array.from({ length: 10 }, (_, i) => inTitle - i));
        expect((await search(['council'], 61, 10)).ids).toEqual(Array.from({ length: 10 }, (_, i) => inTitle + inBody - i));
        expect((await search(['council'], 100, 10)).ids).toHaveLength(10);
        expect((await search(['council'], 101, 10)).ids).toEqual([]);
      });
    });
  }
});
