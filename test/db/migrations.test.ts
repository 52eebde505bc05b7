import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { createStore, describeEachEngine, ENGINES, openStore } from '../support/engines.js';

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
