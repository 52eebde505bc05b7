import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createArticle, updateArticle } from '../../src/content/articles.service.js';
import { createSection } from '../../src/content/sections.service.js';
import { updateTag } from '../../src/content/tags.service.js';
import type { WriteEvent } from '../../src/db/hooks.js';
import { previewDemoRemoval, removeDemoContent } from '../../src/demo/demo-removal.service.js';
import { loadDemo } from '../../src/demo/demo.js';
import { mediaDir } from '../../src/media/media.site.js';
import { changeSettings, DEFAULT_SETTINGS, getSettings } from '../../src/settings/settings.service.js';
import type { Actor } from '../../src/people/permissions.js';
import { installSearchIndexing, searchArticles } from '../../src/search/search.service.js';
import { describeEachEngine } from '../support/engines.js';

const BASE = 'http://herald.test';
const admin: Actor = { role: 'administrator', userId: null, principal: 'token:1', name: 'Admin' };
const editor: Actor = { role: 'editor', userId: null, principal: 'token:2', name: 'Editor' };

describeEachEngine('removing the demo content', (database) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'herald-demo-removal-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const load = () => loadDemo(database(), { dataDir, baseUrl: BASE, host: '127.0.0.1', port: 3000 });
  const db = () => database().db;
  const ids = async (table: 'articles' | 'users' | 'sections' | 'tags' | 'media') => (await db().selectFrom(table).select('id').orderBy('id').execute()).map((r) => r.id);
  const articleTitled = async (title: string) => db().selectFrom('articles').selectAll().where('title', '=', title).executeTakeFirstOrThrow();
  const sectionNamed = async (name: string) =>
    (await db().selectFrom('section_names').select('section_id').where('name', '=', name).executeTakeFirstOrThrow()).section_id;
  const tagNamed = async (name: string) => (await db().selectFrom('tags').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const userNamed = async (name: string) => (await db().selectFrom('users').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
  const searchVolunteers = () => searchArticles(db(), { q: 'volunteers', page: 1, limit: 10 }, BASE, 'admin');
  const pictureFile = (name: string) => join(mediaDir(dataDir), 'demo', `${name}.jpg`);

  it("removes every story, section, tag, picture and person the demo made, and none of the site's own", async () => {
    const opinion = await createSection(database(), admin, { names: { en: { name: 'Opinion' } } });
    const own = await createArticle(database(), { language: 'en', title: 'Our budget', section: opinion.id, tags: ['Budget'], status: 'published' }, editor, BASE);
    installSearchIndexing(database());
    const before = { articles: await ids('articles'), users: await ids('users'), sections: await ids('sections'), tags: await ids('tags') };
    expect(await load()).toBe(9);
    expect(await previewDemoRemoval(db(), admin)).toMatchObject({ stories: 5, versions: 9, people: 4, pictures: 5, kept: [] });
    expect(existsSync(pictureFile('river'))).toBe(true);
    expect((await searchVolunteers()).items.length).toBeGreaterThan(0);
    const seen: WriteEvent[] = [];
    database().hooks.afterCommit((event) => void seen.push(event));

    const removed = await removeDemoContent(database(), admin, { dataDir });

    expect(removed).toMatchObject({ stories: 5, versions: 9, people: 4, pictures: 5, kept: [] });
    expect(removed.sections).toBe(4);
    expect(removed.tags).toBeGreaterThan(10);
    expect(await ids('articles')).toEqual(before.articles);
    expect(await ids('users')).toEqual(before.users);
    expect(await ids('sections')).toEqual(before.sections);
    expect(await ids('tags')).toEqual(before.tags);
    expect(await ids('media')).toEqual([]);
    expect(existsSync(pictureFile('river'))).toBe(false);
    expect(await db().selectFrom('demo_content').selectAll().execute()).toEqual([]);
    // The page cache, search index and webhooks hear of each removal as of any other delete.
    expect(seen.filter((e) => e.entity === 'article' && e.action === 'deleted')).toHaveLength(9);
    expect(seen.filter((e) => e.entity === 'user' && e.action === 'deleted')).toHaveLength(4);
    expect((await searchVolunteers()).items).toEqual([]);
    expect((await articleTitled('Our budget')).id).toBe(own.id);
    // The site no longer calls itself "Herald Demo"; its languages stay, its own stories use them.
    expect(await getSettings(db())).toMatchObject({ name: 'Herald', publisherName: 'Herald', description: DEFAULT_SETTINGS.description, languages: ['en', 'fr', 'zh-Hant', 'ar'] });
    expect(seen.filter((e) => e.entity === 'settings')).toHaveLength(1);
    expect(await previewDemoRemoval(db(), admin)).toMatchObject({ stories: 0, versions: 0, sections: 0, tags: 0, pictures: 0, people: 0 });
  });

  it('keeps what someone changed since and what stays still uses, and says why', async () => {
    await load();
    const metro = await articleTitled('捷運新線通車首週載客突破百萬人次');
    await updateArticle(database(), metro.id, { version: metro.version, standfirst: '編輯改寫的導言。' }, editor, BASE);
    const library = await db().selectFrom('media').select('id').where('path', '=', 'demo/library.jpg').executeTakeFirstOrThrow();
    const amina = await userNamed('أمينة حداد');
    const economy = await sectionNamed('Economy');
    const ours = await createArticle(
      database(),
      { language: 'en', title: 'Date prices', section: economy, tags: ['Volunteers'], authors: [amina], featuredImage: { mediaId: library.id, alt: 'Shelves' } },
      editor,
      BASE,
    );
    await updateTag(database(), editor, await tagNamed('Recycling'), { description: 'Written by the desk.' });
    await changeSettings(database(), admin, { name: 'Gazette du Port' });

    const removed = await removeDemoContent(database(), admin, { dataDir });

    expect(removed).toMatchObject({ stories: 4, versions: 8, sections: 2, pictures: 3, people: 2 });
    const kept = (kind: string, id: number) => removed.kept.find((k) => k.kind === kind && k.id === id)?.reason;
    expect(kept('article', metro.id)).toMatch(/changed/);
    expect(kept('section', economy)).toMatch(/story that stays/);
    expect(kept('section', await sectionNamed('交通'))).toMatch(/story that stays/);
    expect(kept('tag', await tagNamed('Volunteers'))).toMatch(/story that stays/);
    expect(kept('tag', await tagNamed('Recycling'))).toMatch(/changed/);
    expect(kept('media', library.id)).toMatch(/story that stays/);
    expect(kept('user', amina)).toMatch(/wrote a story that stays/);
    expect(kept('user', await userNamed('林蔚婷'))).toMatch(/wrote a story that stays/);
    const stories = await db().selectFrom('articles').select('id').where('created_by', '=', 'system:demo').execute();
    expect(stories.map((s) => s.id)).toEqual([metro.id]);
    expect((await articleTitled('Date prices')).id).toBe(ours.id);
    expect(await db().selectFrom('users').select('name').where('name', 'in', ['Sam Taylor', 'Claire Martin']).execute()).toEqual([]);
    expect(existsSync(pictureFile('library'))).toBe(true);
    expect(existsSync(pictureFile('metro'))).toBe(true);
    expect(existsSync(pictureFile('market'))).toBe(false);
    // The name an administrator gave stays; the demo's description, unchanged, goes.
    expect(await getSettings(db())).toMatchObject({ name: 'Gazette du Port', description: DEFAULT_SETTINGS.description });
    // What stayed keeps its mark: once nothing uses it, the next removal takes it.
    expect((await previewDemoRemoval(db(), admin)).kept.length).toBe(removed.kept.length);
  });

  it('is for administrators only', async () => {
    await expect(previewDemoRemoval(db(), editor)).rejects.toMatchObject({ status: 403 });
    await expect(removeDemoContent(database(), editor, { dataDir })).rejects.toMatchObject({ status: 403 });
  });
});
