import { readdirSync, readFileSync } from 'node:fs';
import { Migrator, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { plainText } from '../../src/content/body.js';
import { isPostgres } from '../../src/db/columns.js';
import type { Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { prepareDatabase } from '../../src/prepare.js';
import { configFor } from '../../src/search/postgres.search.js';
import { searchArticles, searchIndexFor } from '../../src/search/search.service.js';
import { fold, hasCjk } from '../../src/search/text.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { createStore, describeEachEngine, ENGINES, openStore, type TestStore } from '../support/engines.js';

describeEachEngine('migrations', (database) => {
  it('creates the core tables and records every migration', async () => {
    const { db } = database();
    const applied = await sql<{ name: string }>`select name from herald_migrations order by name`.execute(db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(migrations).sort());
    await db.insertInto('settings').values({ key: 'probe', value: '1' }).execute();
    expect(await db.selectFrom('settings').select('value').where('key', '=', 'probe').executeTakeFirst()).toEqual({ value: '1' });
  });

  it('is a no-op when run again', async () => {
    expect(await migrateToLatest(database())).toEqual([]);
  });
});

describe('a failing migration', () => {
  for (const engine of ENGINES) {
    it(`leaves the database as it was [${engine}]`, async () => {
      const store = await createStore(engine);
      const database = openStore(store);
      const broken = {
        async up(db: any) {
          await db.schema.createTable('half_done').addColumn('id', 'integer').execute();
          throw new Error('boom');
        },
      };
      migrations['9999-broken'] = broken;
      try {
        await expect(migrateToLatest(database)).rejects.toThrow(/9999-broken failed.*boom/);
        const tables = await database.db.introspection.getTables();
        const names = tables.map((t) => t.name);
        expect(names).not.toContain('half_done');
        // The core migration ran in the same transaction, so it was rolled back too.
        expect(names).not.toContain('articles');
      } finally {
        delete migrations['9999-broken'];
        await database.close();
        await store.drop();
      }
    });
  }
});

describe('every migration is frozen', () => {
  const folder = new URL('../../src/db/migrations/', import.meta.url);
  /** The modules a file imports: static imports and re-exports, side-effect imports, dynamic ones. */
  const importsOf = (text: string) => [
    ...[...text.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*(['"])(.+?)\1/gm)].map((m) => m[2]),
    ...[...text.matchAll(/^\s*import\s*(['"])(.+?)\1/gm)].map((m) => m[2]),
    ...[...text.matchAll(/\b(?:import|require)\s*\(\s*([^)]*)\)/g)].map((m) => `dynamic ${m[1]}`),
  ];

  it('imports nothing but kysely and the frozen helpers in src/db/columns.ts', () => {
    const files = readdirSync(folder).filter((name) => name.endsWith('.ts') && name !== 'index.ts');
    for (const name of Object.keys(migrations)) expect(files).toContain(`${name}.ts`);
    for (const file of files) {
      const imports = importsOf(readFileSync(new URL(file, folder), 'utf8'));
      expect(imports.length, file).toBeGreaterThan(0);
      expect(imports.filter((name) => name !== 'kysely' && name !== '../columns.js'), file).toEqual([]);
    }
  });

  it('lists them in index.ts without importing anything else, and columns.ts imports only kysely', () => {
    const listed = importsOf(readFileSync(new URL('index.ts', folder), 'utf8'));
    expect(listed.filter((name) => name !== 'kysely' && !/^\.\/\d{4}-\d{2}-\d{2}-[\w-]+\.js$/.test(name))).toEqual([]);
    expect(importsOf(readFileSync(new URL('../columns.ts', folder), 'utf8'))).toEqual(['kysely']);
  });
});

/** What a database's search index looks like: its tables, columns, indexes and constraints. */
async function searchLayout(database: Database): Promise<unknown> {
  const { db } = database;
  if (!isPostgres(db)) {
    const { rows } = await sql<{ type: string; name: string; sql: string | null }>`select type, name, sql from sqlite_master
      where name like 'search%' order by name`.execute(db);
    return rows.map((r) => ({ ...r, sql: r.sql?.replace(/\s+/g, ' ') }));
  }
  const columns = await sql`select column_name, data_type, is_nullable, column_default from information_schema.columns
    where table_schema = current_schema() and table_name = 'search_documents' order by ordinal_position`.execute(db);
  const indexes = await sql`select indexname, indexdef from pg_indexes where schemaname = current_schema() and tablename = 'search_documents' order by indexname`.execute(db);
  const constraints = await sql`select conname, pg_get_constraintdef(oid) as definition from pg_constraint
    where conrelid = 'search_documents'::regclass order by conname`.execute(db);
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

const BEFORE_RANKING = '2026-11-26-70-search-ranking';
const BASE = 'http://herald.test';
const STORIES = [
  { language: 'en', title: 'Harbour reopens', body: '<p>Ships return.</p>', status: 'published', publishedAt: '2026-11-01T10:00:00.000Z' },
  { language: 'en', title: 'Storm season ends', body: '<p>The harbour is calm again.</p>', status: 'published', publishedAt: '2026-11-25T10:00:00.000Z' },
  { language: 'en', title: 'Harbours of the north', standfirst: 'A survey of the coast.', body: '<p>Ten ports.</p>', status: 'published', publishedAt: '2026-11-20T10:00:00.000Z' },
  { language: 'en', title: 'Harbour secret draft', body: '<p>Not yet.</p>', status: 'draft', publishedAt: null },
  { language: 'fr', title: 'Visite officielle à Pékin', body: '<p>Le président est arrivé au port.</p>', status: 'published', publishedAt: '2026-11-21T10:00:00.000Z' },
  { language: 'zh-Hant', title: '總統府發表聲明', body: '<p>新總統今天就職。</p>', status: 'published', publishedAt: '2026-11-23T10:00:00.000Z' },
];
const QUERIES = ['harbour', 'harb', 'coast', 'pekin', 'president', '總統', '今天就職', 'secret'];
const UPDATED = '2026-11-26T00:00:00.000Z';

/**
 * The stories, written straight into the tables with the columns `articles` had before the
 * ranking migration (the article service writes today's columns, which an older schema lacks).
 */
async function writeStories(database: Database): Promise<void> {
  await updateSettings(database.db, { languages: ['en', 'fr', 'zh-Hant'], defaultLanguage: 'en' });
  for (const [i, story] of STORIES.entries()) {
    const { id: storyId } = await database.db.insertInto('stories').values({ created_at: UPDATED }).returning('id').executeTakeFirstOrThrow();
    await database.db
      .insertInto('articles')
      .values({
        story_id: storyId, language: story.language, title: story.title, standfirst: story.standfirst ?? '', body: story.body,
        slug: `story-${i + 1}`, status: story.status, published_at: story.publishedAt, created_at: UPDATED, updated_at: UPDATED,
        version: 1, created_by: 'test',
      })
      .execute();
  }
}

/** Every query's results, for readers and for editors. */
async function answers(database: Database) {
  const all = [];
  for (const audience of ['public', 'admin'] as const) {
    for (const q of QUERIES) {
      const page = await searchArticles(database.db, { q, page: 1, limit: 20 }, BASE, audience);
      all.push({ audience, q, total: page.pagination.total, titles: page.items.map((r) => r.article.title) });
    }
  }
  return all;
}

/**
 * Indexes every story as Herald did before 2026-11-26-70-search-ranking (the code of that
 * migration's parent commit, restated): on SQLite as it still does, recency-key rowids and facet
 * tokens; on PostgreSQL in the old layout, with weighted tsvectors.
 */
async function indexAsBeforeRanking(database: Database): Promise<void> {
  const { db } = database;
  const rows = await db.selectFrom('articles').select(['id', 'language', 'title', 'standfirst', 'body', 'status', 'deleted_at', 'published_at', 'updated_at']).orderBy('id').execute();
  for (const row of rows) {
    const text = [row.standfirst, plainText(row.body)].filter(Boolean).join(' ');
    if (!isPostgres(db)) {
      const key = Math.floor(Date.parse(row.published_at ?? row.updated_at) / 1000) * 2 ** 22 + (row.id % 2 ** 22);
      const live = row.deleted_at === null;
      const facets = [`xl${row.language.toLowerCase().replace(/[^a-z0-9]/g, '')}`, ...(live ? ['xlive'] : []), ...(live && row.status === 'published' ? ['xpub'] : []), ...(row.published_at ? ['xdated'] : [])];
      await sql`insert into search_keys (article_id, fts_rowid) values (${row.id}, ${key})`.execute(db);
      await sql`insert into search_fts (rowid, title, body, facets) values (${key}, ${row.title}, ${text}, ${facets.join(' ')})`.execute(db);
      if (hasCjk(row.title) || hasCjk(text)) await sql`insert into search_cjk (rowid, title, body) values (${row.id}, ${fold(row.title)}, ${fold(text)})`.execute(db);
      continue;
    }
    const config = configFor(row.language);
    const title = fold(row.title);
    const body = fold(text);
    const cfg = sql`coalesce((select oid::regconfig from pg_ts_config where cfgname = ${config} limit 1), 'simple'::regconfig)`;
    const document = sql`setweight(to_tsvector(${cfg}, ${title}), 'A') || setweight(to_tsvector('simple', ${title}), 'A')
      || setweight(to_tsvector(${cfg}, ${body}), 'D') || setweight(to_tsvector('simple', ${body}), 'D')`;
    await sql`insert into search_documents (article_id, config, title, body, document)
      values (${row.id}, ${config}, ${title}, ${body}, ${document})`.execute(db);
  }
}

const indexedCount = async (database: Database) =>
  Number((await sql<{ n: number }>`select count(*) as n from ${sql.table(isPostgres(database.db) ? 'search_documents' : 'search_keys')}`.execute(database.db)).rows[0].n);

describe('the search index the migrations create', () => {
  for (const engine of ENGINES) {
    describe(`[${engine}]`, () => {
      const stores: TestStore[] = [];
      const databases: Database[] = [];
      const open = async () => {
        const store = await createStore(engine);
        stores.push(store);
        const database = openStore(store);
        databases.push(database);
        return database;
      };
      afterEach(async () => {
        for (const database of databases.splice(0)) await database.close();
        for (const store of stores.splice(0)) await store.drop();
      });

      it('is laid out exactly as the search code creates it today', async () => {
        const database = await open();
        await migrateToLatest(database);
        const migrated = await searchLayout(database);
        expect(JSON.stringify(migrated)).toMatch(/search/);
        await database.db.transaction().execute(async (trx) => {
          await searchIndexFor(trx).drop(trx);
          await searchIndexFor(trx).create(trx);
        });
        expect(migrated).toEqual(await searchLayout(database));
      });

      it('upgrades an index built before the ranking migration to the same layout and answers as a fresh one', async () => {
        const fresh = await open();
        await migrateToLatest(fresh);
        await writeStories(fresh);
        expect(await prepareDatabase(fresh)).toMatchObject({ applied: [], indexed: STORIES.length });
        const expected = await answers(fresh);
        expect(expected.find((a) => a.audience === 'public' && a.q === 'harbour')?.titles).toHaveLength(3);
        expect(expected.find((a) => a.audience === 'admin' && a.q === 'secret')?.titles).toEqual(['Harbour secret draft']);
        expect(expected.find((a) => a.audience === 'public' && a.q === '總統')?.titles).toEqual(['總統府發表聲明']);

        const old = await open();
        const earlier = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < BEFORE_RANKING));
        const migrator = new Migrator({ db: old.db, provider: { getMigrations: async () => earlier }, migrationTableName: 'herald_migrations', migrationLockTableName: 'herald_migrations_lock' });
        const { error } = await migrator.migrateToLatest();
        expect(error).toBeUndefined();
        await writeStories(old);
        await indexAsBeforeRanking(old);
        expect(await indexedCount(old)).toBe(STORIES.length);

        await migrateToLatest(old);
        // PostgreSQL's documents were in the old form: the migration empties them. SQLite's stay.
        expect(await indexedCount(old)).toBe(engine === 'postgres' ? 0 : STORIES.length);
        const { applied, indexed } = await prepareDatabase(old);
        expect(applied).toEqual([]);
        expect(indexed).toBe(engine === 'postgres' ? STORIES.length : 0);

        expect(await searchLayout(old)).toEqual(await searchLayout(fresh));
        expect(await answers(old)).toEqual(expected);
      });
    });
  }
});
