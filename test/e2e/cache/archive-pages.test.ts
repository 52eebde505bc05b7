import { describe, expect, it } from 'vitest';
import { listArticles } from '../../../src/content/articles.list.js';
import { createArticle } from '../../../src/content/articles.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { describeEachEngine } from '../../support/engines.js';

const editor: Actor = { role: 'administrator', userId: null, principal: 'test:archive', name: 'Archive test' };
const BASE = 'http://herald.test';

describeEachEngine('deep archive pages by keyset', (database) => {
  it('walks the archive with `after` cursors in the same order as numbered pages, ties broken by id', async () => {
    const store = database();
    await updateSettings(store.db, { languages: ['en', 'fr'], defaultLanguage: 'en' });
    // Two stories share a publication time, so the cursor must break the tie by id.
    const times = ['2026-01-01T10:00:00.000Z', '2026-01-02T10:00:00.000Z', '2026-01-02T10:00:00.000Z', '2026-01-03T10:00:00.000Z',
      '2026-01-04T10:00:00.000Z', '2026-01-05T10:00:00.000Z', '2026-01-06T10:00:00.000Z'];
    for (const [i, publishedAt] of times.entries()) {
      await createArticle(store, { language: 'en', title: `Archive ${i}`, status: 'published', publishedAt }, editor, BASE);
    }
    await createArticle(store, { language: 'fr', title: 'Ailleurs', status: 'published' }, editor, BASE);
    await createArticle(store, { language: 'en', title: 'Draft', status: 'draft' }, editor, BASE);

    const numbered: string[] = [];
    for (let page = 1; page <= 3; page += 1) {
      numbered.push(...(await listArticles(store.db, { language: 'en', page, limit: 3 }, BASE, 'public')).items.map((a) => a.title));
    }
    const walked: string[] = [];
    let after: { publishedAt: string; id: number } | undefined;
    for (;;) {
      const { items } = await listArticles(store.db, { language: 'en', page: 1, limit: 3, after }, BASE, 'public');
      if (items.length === 0) break;
      walked.push(...items.map((a) => a.title));
      const last = items.at(-1)!;
      after = { publishedAt: last.publishedAt!, id: last.id };
    }
    expect(walked).toEqual(numbered);
    expect(walked).toHaveLength(7);
    expect(walked[0]).toBe('Archive 6');
    expect(walked.slice(4, 6)).toEqual(['Archive 2', 'Archive 1']);
  });
});
