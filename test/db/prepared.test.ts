import { expect, it } from 'vitest';
import { prepared } from '../../src/db/prepared.js';
import { describeEachEngine } from '../support/engines.js';

// A query compiled once is run with other values: every run must see its own values, and a
// value that changes the SQL text (null, a list's length, a fixed limit) must get its own text.
describeEachEngine('prepared queries', (database) => {
  const settingsNamed = prepared((db, of: { keys: string[]; value: string | null }, { limit }: { limit: number }) => {
    let query = db.selectFrom('settings').select(['key', 'value']).where('key', 'in', of.keys);
    if (of.value !== null) query = query.where('value', '=', of.value);
    return query.orderBy('key').limit(limit);
  });

  it('run with each call’s values, lists of any length, null and fixed values', async () => {
    const { db } = database();
    await db
      .insertInto('settings')
      .values(['a', 'b', 'c', 'd'].map((key) => ({ key: `prepared.${key}`, value: key === 'd' ? 'x' : 'y' })))
      .execute();
    const keys = (...names: string[]) => names.map((name) => `prepared.${name}`);
    const run = async (names: string[], value: string | null, limit = 10) =>
      (await settingsNamed(db, { keys: keys(...names), value }, { limit })).map((row) => row.key.slice('prepared.'.length));

    expect(await run(['a', 'b'], null)).toEqual(['a', 'b']);
    // Same shape, other values: the compiled text is reused with the new ones.
    expect(await run(['c', 'd'], null)).toEqual(['c', 'd']);
    expect(await run(['a', 'b', 'c', 'd'], null)).toEqual(['a', 'b', 'c', 'd']);
    expect(await run(['a', 'b', 'c', 'd'], 'x')).toEqual(['d']);
    expect(await run(['a', 'b', 'c', 'd'], 'y')).toEqual(['a', 'b', 'c']);
    expect(await run(['a', 'b', 'c', 'd'], 'y', 2)).toEqual(['a', 'b']);
    expect(await run(['a', 'b', 'c', 'd'], 'y', 1)).toEqual(['a']);
    expect(await run(['d'], null)).toEqual(['d']);
  });
});
