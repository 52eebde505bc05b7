import { expect, it } from 'vitest';
import { importWordpress } from '../../src/portability/wordpress/wordpress.import.js';
import { describeEachEngine } from '../support/engines.js';
import { wxr } from '../e2e/portability/wxr-fixtures.js';

const BASE = 'http://herald.test';

describeEachEngine('WordPress authors in an import', (database) => {
  it('become people only when they wrote an imported post or page, the others named in the report', async () => {
    const { db } = database();
    // 300 accounts and not one post: a site's list of every account it ever had.
    const idle = await importWordpress(database(), wxr('large-authors.xml'), { baseUrl: BASE });
    expect(await db.selectFrom('users').select('id').execute()).toHaveLength(0);
    expect(idle.counts.users ?? 0).toBe(0);
    expect(idle.skipped.get('WordPress authors who wrote no imported post or page (not made users)')).toBe(300);
    expect(idle.notes.find((n) => n.startsWith('not made users, having written no imported post or page: user1, user2, '))).toMatch(/, and 250 more$/);

    const written = await importWordpress(database(), wxr('small-export.xml'), { baseUrl: BASE });
    const users = await db.selectFrom('users').select(['name', 'email']).orderBy('email').execute();
    expect(users).toEqual([
      { name: 'author', email: 'author@example.org' },
      { name: 'editor', email: 'editor@example.org' },
      { name: 'admin', email: 'local@host.null' },
    ]);
    expect(written.counts.users).toBe(3);
    expect(written.skipped.has('WordPress authors who wrote no imported post or page (not made users)')).toBe(false);
    // Each story keeps its writer.
    const bylines = await db
      .selectFrom('article_authors')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select('users.name')
      .distinct()
      .orderBy('users.name')
      .execute();
    expect(bylines.map((b) => b.name)).toEqual(['admin', 'author', 'editor']);
  });

  it('are not counted as idle when a second run finds their posts already imported', async () => {
    const again = await importWordpress(database(), wxr('small-export.xml'), { baseUrl: BASE });
    expect(again.counts.users ?? 0).toBe(0);
    expect(again.skipped.has('WordPress authors who wrote no imported post or page (not made users)')).toBe(false);
  });
});
