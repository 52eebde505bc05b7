import { expect, it } from 'vitest';
import { createArticle, getArticle, listRevisions, updateArticle } from '../../src/content/articles.service.js';
import type { Article, ArticlePatch } from '../../src/content/articles.types.js';
import { addCorrection } from '../../src/content/corrections.service.js';
import { changedFields } from '../../src/content/revision-fields.js';
import type { Actor } from '../../src/people/permissions.js';
import { createUser } from '../../src/people/users.service.js';
import { describeEachEngine } from '../support/engines.js';
import { sectionNamed } from '../support/sections.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';

describeEachEngine('revisions', (database) => {
  const store = () => database();
  const db = () => database().db;

  it('keep every field of every saved version, and each comparison names what that save changed', async () => {
    const ana = await createUser(db(), { email: 'ana@herald.test', name: 'Ana Reporter', role: 'author' });
    const ben = await createUser(db(), { email: 'ben@herald.test', name: 'Ben Photographer', role: 'author' });
    const story = await createArticle(store(), { language: 'en', title: 'Dam opens', body: '<p>It holds 3 million m³.</p>', status: 'published', authors: [ana.id] }, editor, BASE);
    const edits: Array<[Omit<ArticlePatch, 'version'>, string[]]> = [
      [{ standfirst: 'It fills this winter.' }, ['standfirst']],
      [{ body: '<p>It holds 30 million m³.</p>' }, ['body']],
      [{ featuredImage: { url: 'https://images.example.org/dam.jpg', caption: 'The dam', credit: 'Ben', alt: 'A dam' } }, ['picture']],
      [{ tags: ['Water', 'Energy'] }, ['tags']],
      [{ section: await sectionNamed(store(), 'Region') }, ['section']],
      [{ authors: [ana.id, ben.id] }, ['authors']],
      [{ credits: { photographers: [ben.id] } }, ['photographers']],
      [{ title: 'Dam opens early', slug: 'dam-opens-early' }, ['title', 'slug']],
    ];
    for (const [patch] of edits) await updateArticle(store(), story.id, { ...patch, version: (await getArticle(db(), story.id, BASE)).version }, editor, BASE);
    await addCorrection(store(), story.id, { kind: 'correction', text: 'It holds 30 million m³, not 3 million.' }, editor, BASE);

    const revisions = (await listRevisions(db(), story.id)).reverse();
    expect(revisions.map((r) => r.version)).toEqual(Array.from({ length: edits.length + 2 }, (_, i) => i + 1));
    const saved = edits.map((_, i) => changedFields(revisions[i].article, revisions[i + 1].article).map((c) => c.key));
    expect(saved).toEqual(edits.map(([, keys]) => keys));
    expect(changedFields(revisions.at(-2)!.article, revisions.at(-1)!.article).map((c) => c.key)).toEqual(['corrections']);
    const last: Article = revisions.at(-1)!.article;
    expect([last.section?.name, last.tags.map((t) => t.name), last.authors.map((a) => a.name), last.credits.photographers.map((p) => p.name)]).toEqual([
      'Region', ['Water', 'Energy'], ['Ana Reporter', 'Ben Photographer'], ['Ben Photographer'],
    ]);
  });

  it('are kept without a limit: a hundred and one saves keep a hundred and one revisions', async () => {
    const story = await createArticle(store(), { language: 'en', title: 'Version 1', body: '<p>One.</p>' }, editor, BASE);
    for (let n = 2; n <= 101; n++) await updateArticle(store(), story.id, { title: `Version ${n}`, version: n - 1 }, editor, BASE);
    const revisions = await listRevisions(db(), story.id);
    expect(revisions).toHaveLength(101);
    expect(revisions.at(-1)!.article.title).toBe('Version 1');
  });
});
