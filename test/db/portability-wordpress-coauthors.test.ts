import { expect, it } from 'vitest';
import { importWordpress } from '../../src/portability/wordpress/wordpress.import.js';
import { describeEachEngine } from '../support/engines.js';
import { WXR_DIR } from '../e2e/portability/wxr-fixtures.js';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const BASE = 'http://herald.test';
// Written from the plugin's documented format (its header says so): no real export at hand carries it.
const FILE = new URL('../fixtures/wordpress/co-authors-plus.xml', import.meta.url).pathname;

describeEachEngine('WordPress Co-Authors Plus in an import', (database) => {
  const bylineOf = (slug: string) =>
    database()
      .db.selectFrom('articles')
      .innerJoin('article_authors', 'article_authors.article_id', 'articles.id')
      .innerJoin('users', 'users.id', 'article_authors.user_id')
      .select(['users.name', 'users.role', 'users.bio', 'users.website'])
      .where('articles.slug', '=', slug)
      .orderBy('article_authors.position')
      .execute();

  it('gives a post its co-authors in their order, a guest author as a guest contributor, a guest standing for an account as that account', async () => {
    const report = await importWordpress(database(), FILE, { baseUrl: BASE });
    expect(await bylineOf('one-flood')).toEqual([
      { name: 'Omar Haddad', role: 'author', bio: '', website: null },
      { name: 'Lena Petrova', role: 'guest', bio: 'Freelance reporter covering rivers and floods.', website: 'https://lena.freelance.example' },
      { name: 'Jane Morel', role: 'author', bio: '', website: null },
    ]);
    // A post without co-author terms keeps its one author.
    expect((await bylineOf('mayor-answers')).map((a) => a.name)).toEqual(['Jane Morel']);
    // Guest authors are people, not stories; the one linked to Omar's account is not a second Omar.
    expect(report.counts['guest contributors']).toBe(1);
    expect(report.skipped.has('WordPress "guest-author" items are not stories')).toBe(false);
    const people = await database().db.selectFrom('users').select(['name', 'role', 'email']).orderBy('name').execute();
    expect(people.map((p) => [p.name, p.role])).toEqual([['Jane Morel', 'author'], ['Lena Petrova', 'guest'], ['Omar Haddad', 'author']]);
    // A guest contributor has no address mail reaches, whatever the plugin kept.
    expect(people.find((p) => p.role === 'guest')!.email).toMatch(/@guests\.invalid$/);
  });

  it('a second run adds no one and keeps the order', async () => {
    const again = await importWordpress(database(), FILE, { baseUrl: BASE });
    expect(again.counts['guest contributors'] ?? 0).toBe(0);
    expect(again.counts.users ?? 0).toBe(0);
    expect((await bylineOf('one-flood')).map((a) => a.name)).toEqual(['Omar Haddad', 'Lena Petrova', 'Jane Morel']);
  });
});

it('none of the WordPress importer\'s own export files carries Co-Authors Plus data (so the file above stands in for one)', () => {
  const carrying = readdirSync(WXR_DIR).filter((name) => /domain="author"|guest-author|cap-display_name/.test(readFileSync(join(WXR_DIR, name), 'latin1')));
  expect(carrying).toEqual([]);
});
