import { expect, it } from 'vitest';
import { createArticle, publishDueArticles, updateArticle } from '../../src/content/articles.service.js';
import type { WriteEvent } from '../../src/db/hooks.js';
import { loadDemo } from '../../src/demo/demo.js';
import type { Actor } from '../../src/people/permissions.js';
import { updateSettings } from '../../src/settings/settings.service.js';
import { describeEachEngine } from '../support/engines.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';

describeEachEngine('article storage', (database) => {
  it('keeps slugs unique per language but lets languages share one', async () => {
    await updateSettings(database().db, { languages: ['en', 'fr', 'zh-Hant', 'ar'] });
    const a = await createArticle(database(), { language: 'en', title: 'Election night' }, editor, BASE);
    const b = await createArticle(database(), { language: 'en', title: 'Election night' }, editor, BASE);
    const c = await createArticle(database(), { language: 'fr', title: 'Election night' }, editor, BASE);
    expect([a.slug, b.slug, c.slug]).toEqual(['election-night', 'election-night-2', 'election-night']);
    const punctuation = await createArticle(database(), { language: 'en', title: '!!! ??? ...' }, editor, BASE);
    expect(punctuation.slug).toBe('story');
    const reserved = await createArticle(database(), { language: 'en', title: 'Search' }, editor, BASE);
    expect(reserved.slug).toBe('search-2');
  });

  it('publishes scheduled stories once their time has come, and not before', async () => {
    const soon = new Date(Date.now() + 60_000).toISOString();
    const story = await createArticle(database(), { language: 'en', title: 'Embargoed', status: 'scheduled', publishAt: soon }, editor, BASE);
    expect(story.status).toBe('scheduled');
    expect(await publishDueArticles(database(), new Date().toISOString())).toBe(0);
    expect(await publishDueArticles(database(), new Date(Date.now() + 120_000).toISOString())).toBe(1);
    const row = await database().db.selectFrom('articles').selectAll().where('id', '=', story.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('published');
    expect(row.published_at).toBe(soon);
  });

  it('runs in-transaction listeners atomically with the write: a failing one leaves nothing behind', async () => {
    const seen: WriteEvent[] = [];
    let fail = true;
    database().hooks.duringTransaction(async (_trx, event) => {
      if (fail && event.entity === 'article') throw new Error('index unavailable');
    });
    database().hooks.afterCommit((event) => {
      seen.push(event);
    });
    await expect(createArticle(database(), { language: 'en', title: 'Never stored', tags: ['Ghost tag'] }, editor, BASE)).rejects.toThrow('index unavailable');
    expect(await database().db.selectFrom('articles').select('id').where('title', '=', 'Never stored').execute()).toEqual([]);
    expect(await database().db.selectFrom('tags').select('id').where('name', '=', 'Ghost tag').execute()).toEqual([]);
    expect(seen).toEqual([]);
    fail = false;
    const stored = await createArticle(database(), { language: 'en', title: 'Stored', status: 'published' }, editor, BASE);
    expect(seen.map((e) => e.action)).toEqual(['created', 'published']);
    await updateArticle(database(), stored.id, { version: 1, standfirst: 'New standfirst' }, editor, BASE);
    expect(seen.at(-1)).toMatchObject({ entity: 'article', id: stored.id, action: 'updated', language: 'en' });
  });

  it('derives the excerpt from the text until a person writes one', async () => {
    const story = await createArticle(database(), { language: 'en', title: 'Excerpts', body: '<p>First words of the body.</p>' }, editor, BASE);
    expect(story.excerpt).toBe('First words of the body.');
    const edited = await updateArticle(database(), story.id, { version: 1, body: '<p>Rewritten body.</p>' }, editor, BASE);
    expect(edited.excerpt).toBe('Rewritten body.');
    const custom = await updateArticle(database(), story.id, { version: 2, excerpt: 'Hand-written.' }, editor, BASE);
    const after = await updateArticle(database(), story.id, { version: custom.version, body: '<p>Third body.</p>' }, editor, BASE);
    expect(after.excerpt).toBe('Hand-written.');
  });

  it('loads the demo newsroom with linked translations in four languages', async () => {
    const dataDir = (await import('node:os')).tmpdir();
    const count = await loadDemo(database(), { dataDir: `${dataDir}/herald-demo-${Date.now()}`, baseUrl: BASE, host: '127.0.0.1', port: 3000 });
    expect(count).toBe(9);
    const languages = await database().db.selectFrom('articles').select('language').where('created_by', '=', 'system:demo').execute();
    expect(new Set(languages.map((l) => l.language))).toEqual(new Set(['en', 'fr', 'zh-Hant', 'ar']));
    const groups = await database().db
      .selectFrom('articles')
      .select(['story_id', (eb) => eb.fn.countAll<number>().as('versions')])
      .where('created_by', '=', 'system:demo')
      .groupBy('story_id')
      .execute();
    expect(groups.map((g) => Number(g.versions)).sort()).toEqual([1, 1, 2, 2, 3]);
  });
});
