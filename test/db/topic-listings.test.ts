import { expect, it } from 'vitest';
import { listArticleCards } from '../../src/content/articles.list.js';
import * as articles from '../../src/content/articles.service.js';
import type { Actor } from '../../src/people/permissions.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';

const EDITOR: Actor = { role: 'administrator', userId: null, principal: 'test:topics', name: 'Topic test' };
const BASE = 'http://herald.test';

// Tag and author pages read the publication time copied onto each link by triggers
// (migration 60); these checks show the copy following every kind of write.
describeEachEngine('tag and author listings', (database) => {
  const tagged = async (tagId: number, extra: { page?: number; limit?: number } = {}) =>
    (await listArticleCards(database().db, { language: 'en', tagId, page: extra.page ?? 1, limit: extra.limit ?? 10 }, BASE)).items.map((a) => a.title);

  it('follow publication, unpublication, the trash, restores, back-dating and tag changes', async () => {
    const store = database();
    await updateSettings(store.db, { languages: ['en', 'fr'], defaultLanguage: 'en' });
    const create = (title: string, publishedAt: string, status: 'published' | 'draft' = 'published', tags = ['Harbour']) =>
      articles.createArticle(store, { language: 'en', title, status, publishedAt, tags }, EDITOR, BASE);
    const old = await create('Old', '2026-01-01T10:00:00.000Z');
    const recent = await create('Recent', '2026-03-01T10:00:00.000Z');
    const draft = await create('Draft', '2026-02-01T10:00:00.000Z', 'draft');
    const tagId = old.tags[0].id;
    expect(await tagged(tagId)).toEqual(['Recent', 'Old']);

    // Publishing dates the story now: it goes to the top.
    await articles.publishArticle(store, draft.id, EDITOR, BASE);
    expect(await tagged(tagId)).toEqual(['Draft', 'Recent', 'Old']);
    await articles.unpublishArticle(store, recent.id, EDITOR, BASE);
    expect(await tagged(tagId)).toEqual(['Draft', 'Old']);
    await articles.trashArticle(store, old.id, EDITOR, BASE);
    expect(await tagged(tagId)).toEqual(['Draft']);
    await articles.restoreArticle(store, old.id, EDITOR, BASE);
    await articles.publishArticle(store, old.id, EDITOR, BASE);
    const restored = await articles.getArticle(store.db, old.id, BASE);
    // Back-dated below the draft published in February: the order follows the new date.
    await articles.updateArticle(store, old.id, { version: restored.version, publishedAt: '2025-12-01T10:00:00.000Z' }, EDITOR, BASE);
    expect(await tagged(tagId)).toEqual(['Draft', 'Old']);
    const moved = await articles.getArticle(store.db, draft.id, BASE);
    await articles.updateArticle(store, draft.id, { version: moved.version, publishedAt: '2025-06-01T10:00:00.000Z' }, EDITOR, BASE);
    expect(await tagged(tagId)).toEqual(['Old', 'Draft']);
    const retagged = await articles.getArticle(store.db, draft.id, BASE);
    await articles.updateArticle(store, draft.id, { version: retagged.version, tags: ['Weather'] }, EDITOR, BASE);
    expect(await tagged(tagId)).toEqual(['Old']);
  });

  it('pages newest first with ties broken by id, and lists a link written straight into the table', async () => {
    const store = database();
    await updateSettings(store.db, { languages: ['en'], defaultLanguage: 'en' });
    const times = ['2026-05-01T10:00:00.000Z', '2026-05-02T10:00:00.000Z', '2026-05-02T10:00:00.000Z', '2026-05-03T10:00:00.000Z'];
    const created = [];
    for (const [i, publishedAt] of times.entries()) {
      created.push(await articles.createArticle(store, { language: 'en', title: `Page ${i}`, status: 'published', publishedAt, tags: ['Pages'] }, EDITOR, BASE));
    }
    const tagId = created[0].tags[0].id;
    expect(await tagged(tagId, { limit: 2 })).toEqual(['Page 3', 'Page 2']);
    expect(await tagged(tagId, { page: 2, limit: 2 })).toEqual(['Page 1', 'Page 0']);
    // An importer or a restore writes links without the services: the trigger still fills them in.
    const untagged = await articles.createArticle(store, { language: 'en', title: 'Linked by hand', status: 'published', publishedAt: '2026-05-04T10:00:00.000Z' }, EDITOR, BASE);
    await store.db.insertInto('article_tags').values({ article_id: untagged.id, tag_id: tagId, position: 0 }).execute();
    expect((await tagged(tagId, { limit: 1 }))).toEqual(['Linked by hand']);
    const byAuthor = await store.db.selectFrom('article_authors').select('listed_at').where('article_id', '=', untagged.id).execute();
    expect(byAuthor.every((row) => row.listed_at === '2026-05-04T10:00:00.000Z')).toBe(true);
  });
});
