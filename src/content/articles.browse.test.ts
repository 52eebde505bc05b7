import { expect, it } from 'vitest';
import type { Actor } from '../people/permissions.js';
import { updateSettings } from '../settings/settings.service.js';
import { describeEachEngine } from '../../test/support/engines.js';
import { sectionNamed } from '../../test/support/sections.js';
import { findTopic, latestBySection, topicArticles } from './articles.browse.js';
import { storySurroundings } from './articles.neighbours.js';
import { createArticle, trashArticle } from './articles.service.js';
import type { NewArticle } from './articles.types.js';

const editor: Actor = { role: 'editor', userId: null, principal: 'token:1', name: 'Editor' };
const BASE = 'http://herald.test';
const AT = '2026-11-20T10:00:00.000Z';

describeEachEngine('what surrounds a story and how a language is browsed', (database) => {
  const add = async ({ section, ...fields }: Omit<Partial<NewArticle>, 'section'> & { title: string; section?: string }) => {
    const sectionId = section === undefined ? null : await sectionNamed(database(), section, fields.language ?? 'en');
    return createArticle(database(), { language: 'en', status: 'published', publishedAt: AT, section: sectionId, ...fields }, editor, BASE);
  };

  it('walks the section by publication time, breaking ties by id, and skips drafts, trash and other sections', async () => {
    await updateSettings(database().db, { languages: ['en', 'fr'] });
    const first = await add({ title: 'First', section: 'World' });
    const same1 = await add({ title: 'Same time one', section: 'World' });
    const same2 = await add({ title: 'Same time two', section: 'World' });
    await add({ title: 'Draft', section: 'World', status: 'draft' });
    await add({ title: 'Elsewhere', section: 'Sport', publishedAt: '2026-11-20T11:00:00.000Z' });
    const trashed = await add({ title: 'Trashed', section: 'World', publishedAt: '2026-11-20T12:00:00.000Z' });
    await trashArticle(database(), trashed.id, editor, BASE);
    const last = await add({ title: 'Last', section: 'World', publishedAt: '2026-11-21T10:00:00.000Z' });
    await add({ title: 'Premier', language: 'fr', section: 'World', publishedAt: '2026-11-20T11:00:00.000Z' });
    // `first` was created before the same-time stories with the same instant: its id is the smallest.
    const middle = await storySurroundings(database().db, same1, BASE);
    expect([middle.previous?.title, middle.next?.title]).toEqual(['First', 'Same time two']);
    const second = await storySurroundings(database().db, same2, BASE);
    expect([second.previous?.title, second.next?.title]).toEqual(['Same time one', 'Last']);
    expect((await storySurroundings(database().db, first, BASE)).previous).toBeNull();
    expect((await storySurroundings(database().db, last, BASE)).next).toBeNull();
  });

  it('relates stories sharing the most tags first, then fills from the section', async () => {
    const base = await add({ title: 'Base', section: 'Science', tags: ['Mars', 'Rockets', 'NASA'], publishedAt: '2026-11-10T10:00:00Z' });
    await add({ title: 'One tag', section: 'Culture', tags: ['Mars'], publishedAt: '2026-11-09T10:00:00Z' });
    await add({ title: 'Two tags', section: 'Culture', tags: ['Mars', 'NASA'], publishedAt: '2026-11-01T10:00:00Z' });
    await add({ title: 'Same section', section: 'Science', publishedAt: '2026-11-05T10:00:00Z' });
    await add({ title: 'French', language: 'fr', section: 'Science', tags: ['Mars'], publishedAt: '2026-11-05T10:00:00Z' });
    const { related } = await storySurroundings(database().db, base, BASE);
    expect(related.map((a) => a.title)).toEqual(['Two tags', 'One tag', 'Same section']);
  });

  it('finds sections, tags and authors by slug and lists their stories newest first', async () => {
    const world = await findTopic(database().db, 'section', 'en', 'world');
    expect(world?.kind).toBe('section');
    const page = await topicArticles(database().db, world!, 'en', BASE, 1, 2);
    expect(page.items.map((a) => a.title)).toEqual(['Last', 'Same time two']);
    expect(page.hasMore).toBe(true);
    const last = await topicArticles(database().db, world!, 'en', BASE, 2, 2);
    expect(last.items).toHaveLength(2);
    expect(last.hasMore).toBe(false);
    const mars = await findTopic(database().db, 'tag', 'en', 'mars');
    expect((await topicArticles(database().db, mars!, 'en', BASE, 1, 10)).items.map((a) => a.title)).toEqual(['Base', 'One tag', 'Two tags']);
    expect(await findTopic(database().db, 'tag', 'fr', 'nasa')).toBeNull();
    expect(await findTopic(database().db, 'author', 'en', 'nobody')).toBeNull();
    const sections = await latestBySection(database().db, 'en', BASE, 1);
    expect(sections.map((s) => [s.section.name, s.articles[0].title])).toEqual([
      ['World', 'Last'], ['Sport', 'Elsewhere'], ['Science', 'Base'], ['Culture', 'One tag'],
    ]);
  });
});
