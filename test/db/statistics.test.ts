import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { refreshPlannerStatistics } from '../../src/db/statistics.js';
import { describeEachEngine } from '../support/engines.js';

const NOW = new Date().toISOString();

describeEachEngine('planner statistics after a bulk write', (database, engine) => {
  it('PostgreSQL counts the rows written; SQLite keeps no statistics', async () => {
    const { db } = database();
    await db
      .insertInto('tags')
      .values(Array.from({ length: 40 }, (_, i) => ({ language: 'en', name: `Bulk ${i}`, slug: `bulk-${i}`, description: '', created_at: NOW, updated_at: NOW })))
      .execute();
    await refreshPlannerStatistics(db);
    if (engine === 'postgres') {
      // A table never analyzed has reltuples -1; ANALYZE records what it found.
      const { rows } = await sql<{ reltuples: number }>`select reltuples from pg_class where relname = 'tags'`.execute(db);
      expect(Number(rows[0].reltuples)).toBe(40);
    } else {
      const { rows } = await sql<{ n: number }>`select count(*) as n from sqlite_master where name like 'sqlite_stat%'`.execute(db);
      expect(Number(rows[0].n)).toBe(0);
    }
  });
});
