import { expect, it } from 'vitest';
import type { WriteEvent } from '../../../src/db/hooks.js';
import { describeEachEngineApp } from '../../support/app.js';
import { moderate, postComment, publishStory } from '../comments/helpers.js';
import { sectionNamed } from '../../support/sections.js';

/**
 * What listings and story pages show of comments and of people, and that the page cache
 * drops exactly those pages when a comment is approved or a byline's author edits a profile.
 */
describeEachEngineApp('comment counts and bylines in cached pages', (t) => {
  const get = async (url: string) => {
    const response = await t().app.inject({ url });
    return { status: response.statusCode, body: response.body, cache: response.headers['x-cache'], keys: String(response.headers['surrogate-key'] ?? '') };
  };
  /** Requests every URL until it is in the cache, and checks each is answered from memory. */
  const warm = async (urls: string[]) => {
    for (const url of urls) expect((await get(url)).status, url).toBe(200);
    for (const url of urls) expect((await get(url)).cache, url).toBe('HIT');
  };
  const story = async (tag: string) => {
    const created = (await publishStory(t(), { tags: [tag], section: await sectionNamed(t().database, `Desk ${tag}`) })) as unknown as {
      id: number; path: string; tags: Array<{ slug: string }>; section: { slug: string }; authors: Array<{ id: number; slug: string }>;
    };
    const listings = ['/en/', `/en/tag/${created.tags[0].slug}`, `/en/section/${created.section.slug}`, `/en/author/${created.authors[0].slug}`];
    return { ...created, listings };
  };

  it('shows approved comments on story cards and refreshes every listing when one is approved', async () => {
    const s = await story('Harbour');
    await warm(s.listings);
    for (const url of s.listings) {
      const page = await get(url);
      expect(page.keys.split(' '), url).toContain(`comments:${s.id}`);
      expect(page.body, url).not.toContain('class="comment-count"');
    }
    const posted = await postComment(t(), s.id, { body: 'The harbour master was right.' }, { json: true });
    expect(posted.statusCode, posted.body).toBeLessThan(300);
    // A comment waiting for moderation is counted nowhere, and listings stay cached.
    for (const url of s.listings) expect((await get(url)).cache, url).toBe('HIT');
    expect((await moderate(t(), posted.json().id, 'approve')).statusCode).toBe(200);
    for (const url of s.listings) {
      const page = await get(url);
      expect(page.cache, url).toBe('MISS');
      expect(page.body, url).toContain(`<a class="comment-count" href="${s.path}#comments">1 comment</a>`);
    }
  });

  it('counts in the language of the story', async () => {
    const created = await publishStory(t(), { language: 'fr', title: 'Le port rouvre' });
    const posted = await postComment(t(), created.id, { body: 'Enfin une bonne nouvelle.' }, { json: true });
    await moderate(t(), posted.json().id, 'approve');
    const second = await postComment(t(), created.id, { body: 'Tout à fait.' }, { json: true });
    if (second.json().status !== 'approved') await moderate(t(), second.json().id, 'approve');
    expect((await get('/fr/')).body).toContain(`href="${created.path}#comments">2 commentaires</a>`);
  });

  it("drops the author page and the stories with the byline when an author's profile changes", async () => {
    const s = await story('Bylines');
    const author = s.authors[0];
    const pages = [`/en/author/${author.slug}`, s.path];
    await warm(pages);
    expect((await get(s.path)).keys.split(' ')).toContain(`author:${author.id}`);
    const events: WriteEvent[] = [];
    t().database.hooks.afterCommit((event) => {
      if (event.entity === 'user') events.push(event);
    });
    const { authorization } = await t().auth('administrator');
    const patch = await t().app.inject({
      method: 'PATCH',
      url: `/api/admin/v1/users/${author.id}`,
      headers: { authorization },
      payload: { name: 'Renamed Reporter', bio: 'Covers the harbour.', avatarUrl: '/media/reporter.jpg' },
    });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json()).toMatchObject({ id: author.id, name: 'Renamed Reporter', bio: 'Covers the harbour.', avatarUrl: '/media/reporter.jpg' });
    expect(events).toEqual([{ entity: 'user', id: author.id, action: 'updated', keys: [`author:${author.id}`] }]);
    for (const url of pages) {
      const page = await get(url);
      expect(page.cache, url).toBe('MISS');
      expect(page.body, url).toContain('Renamed Reporter');
    }
  });

  it('names the field at fault for a bad avatar address', async () => {
    const { authorization } = await t().auth('administrator');
    const { userId } = await t().auth('author');
    const response = await t().app.inject({ method: 'PATCH', url: `/api/admin/v1/users/${userId}`, headers: { authorization }, payload: { avatarUrl: 'javascript:alert(1)' } });
    expect(response.statusCode).toBe(400);
    expect(JSON.stringify(response.json().error.fields)).toContain('avatarUrl');
  });
});
