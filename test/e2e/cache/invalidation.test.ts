import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishDueArticles } from '../../../src/content/articles.service.js';
import { ENGINES } from '../../support/engines.js';
import { createCacheApp, type CacheApp } from './harness.js';
import { sectionNamed } from '../../support/sections.js';

interface Fixture {
  alpha: { id: number; path: string; storyId: number };
  beta: { id: number; path: string };
  french: { id: number; path: string };
  tags: Record<'alpha' | 'beta' | 'gamma', number>;
  sections: Record<'world' | 'sport', number>;
  authorId: number;
}

for (const engine of ENGINES) {
  describe(`page cache invalidation [${engine}]`, () => {
    let t: CacheApp;
    let f: Fixture;

    const get = async (url: string, headers: Record<string, string> = {}) => {
      const response = await t.app.inject({ method: 'GET', url, headers });
      return { status: response.statusCode, body: response.body, cache: response.headers['x-cache'], headers: response.headers };
    };
    const api = async (method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) => {
      const response = await t.app.inject({ method, url: `/api/admin/v1${url}`, headers: { authorization: t.authorization }, payload });
      expect(response.statusCode, response.body).toBeLessThan(300);
      return response.statusCode === 204 ? null : response.json();
    };
    const version = async (id: number) => (await t.app.inject({ method: 'GET', url: `/api/admin/v1/articles/${id}`, headers: { authorization: t.authorization } })).json().version;
    const edit = async (id: number, patch: object) => api('PATCH', `/articles/${id}`, { ...patch, version: await version(id) });
    /** Requests every URL so that each is in the cache, then checks each one is a hit. */
    const warm = async (...urls: string[]) => {
      for (const url of urls) await get(url);
      for (const url of urls) expect((await get(url)).cache, url).toBe('HIT');
    };

    beforeAll(async () => {
      t = await createCacheApp(engine);
      const create = (body: object) => api('POST', '/articles', { status: 'published', ...body });
      const alpha = await create({ language: 'en', title: 'Alpha story', body: 'One.', tags: ['Alpha'], section: await sectionNamed(t.database, 'World') });
      // Only the alpha story has an author, so the author page shows it alone.
      const beta = await create({ language: 'en', title: 'Beta story', body: 'Two.', tags: ['Beta'], section: await sectionNamed(t.database, 'Sport'), authors: [] });
      const french = await create({ language: 'fr', title: 'Histoire gamma', body: 'Trois.', tags: ['Gamma'], authors: [] });
      f = {
        alpha: { id: alpha.id, path: alpha.path, storyId: alpha.storyId },
        beta: { id: beta.id, path: beta.path },
        french: { id: french.id, path: french.path },
        tags: { alpha: alpha.tags[0].id, beta: beta.tags[0].id, gamma: french.tags[0].id },
        sections: { world: alpha.section.id, sport: beta.section.id },
        authorId: alpha.authors[0].id,
      };
    });
    afterAll(async () => t?.close());

    it('renders a page once, then answers it from memory', async () => {
      const first = await get(`/probe/tag/${f.tags.alpha}`);
      const second = await get(`/probe/tag/${f.tags.alpha}`);
      expect([first.cache, second.cache]).toEqual(['MISS', 'HIT']);
      expect(second.body).toBe(first.body);
      expect(t.renders(`tag:${f.tags.alpha}`)).toBe(1);
      const story = [await get(f.alpha.path), await get(f.alpha.path)];
      expect(story.map((r) => r.cache)).toEqual(['MISS', 'HIT']);
      expect(story[1].body).toContain('Alpha story');
    });

    it('editing a story re-renders the pages that show it and leaves the others cached', async () => {
      const shows = ['/en/', f.alpha.path, `/probe/tag/${f.tags.alpha}`, `/probe/section/${f.sections.world}`, `/probe/author/${f.authorId}`];
      // (The English story pages link their neighbours, so another English story may show alpha.)
      const others = ['/fr/', f.french.path, `/probe/tag/${f.tags.beta}`, `/probe/section/${f.sections.sport}`];
      await warm(...shows, ...others);
      await edit(f.alpha.id, { title: 'Alpha story, corrected' });
      for (const url of shows) {
        const page = await get(url);
        expect(page.cache, url).toBe('MISS');
        expect(page.body, url).toContain('Alpha story, corrected');
      }
      for (const url of others) expect((await get(url)).cache, url).toBe('HIT');
    });

    it('moving a story to another tag and section re-renders the pages it left and joined', async () => {
      const alphaTag = `/probe/tag/${f.tags.alpha}`;
      const betaTag = `/probe/tag/${f.tags.beta}`;
      const world = `/probe/section/${f.sections.world}`;
      const sport = `/probe/section/${f.sections.sport}`;
      const gammaTag = `/probe/tag/${f.tags.gamma}`;
      await warm(alphaTag, betaTag, world, sport, gammaTag, f.french.path, '/fr/');
      await edit(f.alpha.id, { tags: ['Beta'], section: await sectionNamed(t.database, 'Sport') });
      expect(await get(alphaTag)).toMatchObject({ cache: 'MISS', body: '<ul></ul>' });
      expect((await get(betaTag)).body).toContain('Alpha story, corrected');
      expect((await get(world)).body).toBe('<ul></ul>');
      expect((await get(sport)).body).toContain('Alpha story, corrected');
      for (const url of [gammaTag, f.french.path, '/fr/']) expect((await get(url)).cache, url).toBe('HIT');
    });

    it('writing a draft changes no public page; publishing it re-renders its listings', async () => {
      const betaTag = `/probe/tag/${f.tags.beta}`;
      await warm('/en/', '/fr/', betaTag, `/probe/tag/${f.tags.gamma}`);
      const draft = await api('POST', '/articles', { language: 'en', title: 'Draft story', body: 'Soon.', tags: ['Beta'] });
      await edit(draft.id, { body: 'Soon, really.' });
      for (const url of ['/en/', betaTag]) expect((await get(url)).cache, url).toBe('HIT');
      await api('POST', `/articles/${draft.id}/publish`);
      for (const url of ['/en/', betaTag]) {
        const page = await get(url);
        expect(page.cache, url).toBe('MISS');
        expect(page.body, url).toContain('Draft story');
      }
      for (const url of ['/fr/', `/probe/tag/${f.tags.gamma}`]) expect((await get(url)).cache, url).toBe('HIT');

      await warm(draft.path, '/en/');
      await api('POST', `/articles/${draft.id}/unpublish`);
      const gone = await get(draft.path);
      expect(gone.status, gone.body).not.toBe(200);
      expect((await get('/en/')).body).not.toContain('Draft story');
    });

    it('trashing a story removes it at once; deleting it from the trash changes no cached page', async () => {
      await warm('/en/', f.beta.path, `/probe/tag/${f.tags.beta}`, '/fr/');
      await api('DELETE', `/articles/${f.beta.id}`);
      expect((await get(f.beta.path)).status).toBe(410);
      for (const url of ['/en/', `/probe/tag/${f.tags.beta}`]) {
        const page = await get(url);
        expect(page.cache, url).toBe('MISS');
        expect(page.body, url).not.toContain('Beta story');
      }
      await warm('/en/', `/probe/tag/${f.tags.beta}`);
      await api('DELETE', `/articles/${f.beta.id}?permanent=true`);
      for (const url of ['/en/', `/probe/tag/${f.tags.beta}`, '/fr/']) expect((await get(url)).cache, url).toBe('HIT');
    });

    it('a scheduled story appears when the scheduler publishes it', async () => {
      const publishAt = new Date(Date.now() + 3_600_000).toISOString();
      const scheduled = await api('POST', '/articles', { language: 'en', title: 'Tomorrow story', body: 'Later.', status: 'scheduled', publishAt });
      await warm('/en/', '/fr/');
      expect((await get('/en/')).body).not.toContain('Tomorrow story');
      await publishDueArticles(t.database, new Date(Date.now() + 7_200_000).toISOString());
      const home = await get('/en/');
      expect(home.cache).toBe('MISS');
      expect(home.body).toContain('Tomorrow story');
      expect((await get(scheduled.path)).status).toBe(200);
      expect((await get('/fr/')).cache).toBe('HIT');
    });

    it('a comment on a story re-renders the pages of that story only', async () => {
      await warm(f.alpha.path, f.french.path);
      await t.database.hooks.committed([{ entity: 'comment', id: 1, action: 'published', articleId: f.alpha.id }]);
      expect((await get(f.alpha.path)).cache).toBe('MISS');
      expect((await get(f.french.path)).cache).toBe('HIT');
    });

    it('changing a tag or an image re-renders the pages of the stories showing it', async () => {
      await warm(f.alpha.path, f.french.path, `/probe/tag/${f.tags.gamma}`);
      // Renaming the French story's tag shows on its page and its tag page, not on the English story.
      await api('PATCH', `/tags/${f.tags.gamma}`, { name: 'Gamma renamed' });
      expect((await get(f.french.path)).cache).toBe('MISS');
      expect((await get(`/probe/tag/${f.tags.gamma}`)).cache).toBe('MISS');
      expect((await get(f.alpha.path)).cache).toBe('HIT');
      const [{ id: mediaId }] = await t.database.db
        .insertInto('media')
        .values({ path: 'cache/photo.jpg', mime_type: 'image/jpeg', width: 10, height: 10, size_bytes: 10, created_at: new Date().toISOString() })
        .returning('id')
        .execute();
      await t.database.db.updateTable('articles').set({ image_media_id: mediaId }).where('id', '=', f.alpha.id).execute();
      await warm(f.alpha.path, f.french.path);
      await t.database.hooks.committed([{ entity: 'media', id: mediaId, action: 'updated' }]);
      expect((await get(f.alpha.path)).cache).toBe('MISS');
      expect((await get(f.french.path)).cache).toBe('HIT');
    });

    it('saving the settings re-renders every page', async () => {
      const urls = ['/en/', '/fr/', f.alpha.path, `/probe/tag/${f.tags.gamma}`];
      await warm(...urls);
      await api('PATCH', '/settings', { name: 'The Daily Cache' });
      for (const url of urls) expect((await get(url)).cache, url).toBe('MISS');
      expect((await get('/en/')).body).toContain('The Daily Cache');
    });

    it('does not keep a page whose render a write overtook', async () => {
      const url = `/probe/author/${f.authorId}`;
      await get(url);
      let release!: () => void;
      t.probe.gate = new Promise((resolve) => (release = resolve));
      await edit(f.alpha.id, { title: 'Alpha story, third take' });
      const rendersBefore = t.renders(`author:${f.authorId}`);
      const slow = t.app.inject({ method: 'GET', url });
      while (t.renders(`author:${f.authorId}`) === rendersBefore) await new Promise((resolve) => setImmediate(resolve));
      // The slow render has read the database; now a write changes what it shows.
      t.probe.gate = null;
      await edit(f.alpha.id, { title: 'Alpha story, fourth take' });
      release();
      expect((await slow).body).toContain('Alpha story, third take');
      const next = await get(url);
      expect(next.cache).toBe('MISS');
      expect(next.body).toContain('Alpha story, fourth take');
      expect((await get(url)).cache).toBe('HIT');
    });
  });
}
