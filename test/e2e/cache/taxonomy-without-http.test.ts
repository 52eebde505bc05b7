import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { createArticle } from '../../../src/content/articles.service.js';
import { createSection, deleteSection, updateSection } from '../../../src/content/sections.service.js';
import { createTag, deleteTag, updateTag } from '../../../src/content/tags.service.js';
import type { Actor } from '../../../src/people/permissions.js';
import type { Role } from '../../../src/people/roles.js';
import { exportSite } from '../../../src/portability/herald/herald.export.js';
import { importHerald } from '../../../src/portability/herald/herald.import.js';
import { IMPORT_ACTOR } from '../../../src/portability/import.writer.js';
import { importWordpress } from '../../../src/portability/wordpress/wordpress.import.js';
import { updateSettings } from '../../../src/settings/settings.service.js';
import { addFeed } from '../../../src/syndication/feeds.service.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { wxr } from '../portability/wxr-fixtures.js';
import { sectionNamed } from '../../support/sections.js';

const as = (role: Role): Actor => ({ role, userId: null, principal: `test:${role}`, name: `A ${role}` });

describeEachEngineApp('tags and sections changed without HTTP reach the cached pages', (t) => {
  let story: { path: string; tagId: number; sectionId: number };

  const get = async (url: string) => {
    const response = await t().app.inject({ url });
    expect(response.statusCode, url).toBe(200);
    return { body: response.body, cache: response.headers['x-cache'] };
  };
  /** Requests every URL so that each is in the page cache, then checks each one is a hit. */
  const warm = async (...urls: string[]) => {
    for (const url of urls) await get(url);
    for (const url of urls) expect((await get(url)).cache, url).toBe('HIT');
  };

  beforeAll(async () => {
    const article = await createArticle(
      t().database,
      { language: 'en', title: 'Mercenaries leave the capital', body: 'They left at dawn.', tags: ['Wagner'], section: await sectionNamed(t().database, 'World'), status: 'published' },
      as('editor'),
      TEST_BASE_URL,
    );
    story = { path: article.path, tagId: article.tags[0].id, sectionId: article.section!.id };
  });

  it('renews the tag page and the story page when an import or a job renames the tag', async () => {
    await warm('/en/tag/wagner', story.path);
    await updateTag(t().database, IMPORT_ACTOR, story.tagId, { name: 'Wagner Group' });
    for (const url of ['/en/tag/wagner', story.path]) {
      const page = await get(url);
      expect(page.cache, url).toBe('MISS');
      expect(page.body, url).toContain('Wagner Group');
    }
  });

  it('renews the section page and every menu when an import or a job renames the section', async () => {
    await warm('/en/section/world', '/en/', story.path);
    await updateSection(t().database, IMPORT_ACTOR, story.sectionId, { names: { en: { name: 'World news', slug: 'world' } } });
    for (const url of ['/en/section/world', '/en/', story.path]) {
      const page = await get(url);
      expect(page.cache, url).toBe('MISS');
      expect(page.body, url).toContain('World news');
    }
  });

  it("shows the sections a WordPress import creates in the menus of pages cached before it, its stories aside", async () => {
    // The story page names none of the imported stories (listings do): only the sections' event can renew it.
    // A menu long enough for all of the export's categories, the one looked for included.
    await updateSettings(t().database.db, { menuSections: 30 });
    await warm(story.path);
    expect((await get(story.path)).body).not.toContain('href="/en/section/alpha"');
    await importWordpress(t().database, wxr('small-export.xml'), { baseUrl: TEST_BASE_URL });
    const page = await get(story.path);
    expect(page.cache).toBe('MISS');
    expect(page.body).toContain('href="/en/section/alpha"');
  });

  it('refuses contributors and authors where the Admin API does, changing nothing', async () => {
    for (const role of ['contributor', 'author'] as const) {
      const actor = as(role);
      await expect(createTag(t().database, actor, { language: 'en', name: 'Not allowed' })).rejects.toMatchObject({ status: 403 });
      await expect(updateTag(t().database, actor, story.tagId, { name: 'Not allowed' })).rejects.toMatchObject({ status: 403 });
      await expect(deleteTag(t().database, actor, story.tagId)).rejects.toMatchObject({ status: 403 });
      await expect(createSection(t().database, actor, { names: { en: { name: 'Not allowed' } } })).rejects.toMatchObject({ status: 403 });
      await expect(updateSection(t().database, actor, story.sectionId, { names: { en: { name: 'Not allowed' } } })).rejects.toMatchObject({ status: 403 });
      await expect(deleteSection(t().database, actor, story.sectionId)).rejects.toMatchObject({ status: 403 });
    }
    // Following a feed (which may name a new section) is for administrators, as on the Admin API.
    await expect(addFeed(t().database, as('editor'), { url: 'https://partner.example/rss', section: 'Not allowed' }, [])).rejects.toMatchObject({ status: 403 });
    const names = [
      ...(await t().database.db.selectFrom('tags').select('name').execute()),
      ...(await t().database.db.selectFrom('section_names').select('name').execute()),
    ].map((row) => row.name);
    expect(names).toContain('Wagner Group');
    expect(names).toContain('World news');
    expect(names).not.toContain('Not allowed');
  });

  it('lets an editor change tags and sections, as the Admin API does', async () => {
    const tag = await createTag(t().database, as('editor'), { language: 'en', name: 'Sahel' });
    await deleteTag(t().database, as('editor'), tag.id);
    const section = await createSection(t().database, as('editor'), { names: { en: { name: 'Opinion' } } });
    await warm('/en/');
    await deleteSection(t().database, as('editor'), section.id);
    const home = await get('/en/');
    expect(home.cache).toBe('MISS');
    expect(home.body).not.toContain('Opinion');
  });
});

describeEachEngineApp('a restored export reaches the cached pages', (t) => {
  it('renews the pages a new site cached before the restore', async () => {
    const file = join(t().store.dataDir, 'site.json');
    await exportSite(t().database.db, file);
    const exported = JSON.parse(await readFile(file, 'utf8'));
    for (const row of exported.tables.settings) if (row.key === 'name') row.value = JSON.stringify('Restored Ledger');
    await writeFile(file, JSON.stringify(exported));
    await t().app.inject({ url: '/en/' });
    expect((await t().app.inject({ url: '/en/' })).headers['x-cache']).toBe('HIT');
    await importHerald(t().database, file);
    const home = await t().app.inject({ url: '/en/' });
    expect(home.headers['x-cache']).toBe('MISS');
    expect(home.body).toContain('Restored Ledger');
  });
});
