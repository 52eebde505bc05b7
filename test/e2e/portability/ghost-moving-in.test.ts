import { expect, it } from 'vitest';
import { importGhost } from '../../../src/portability/ghost/ghost.import.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';

/** A Ghost 5 export (written from Ghost's export format) with what moving in from Ghost meets. */
const GHOST = new URL('../../fixtures/ghost/ghost-moving-in.json', import.meta.url).pathname;

const idsOf = (html: string) => [...html.matchAll(/\sid="([^"]*)"/g)].map(([, id]) => id);

describeEachEngineApp('Moving in from Ghost', (t) => {
  it('imports the export', async () => {
    const { database } = t();
    const report = await importGhost(database, GHOST, { baseUrl: TEST_BASE_URL });
    expect(report.counts.articles).toBe(4);
    expect(report.counts.embeds).toBe(3);
    expect(report.notes).toContain(
      '"Port budget: what the deal says": an embed Herald does not show as a card (open.spotify.com) kept as a link to https://open.spotify.com/embed/episode/7makk4oTQel546B0PZlDM5',
    );
  });

  it("demotes body h1 to h2 and keeps heading ids, prefixed, with the contents' links to them", async () => {
    const { app, database } = t();
    const story = await database.db.selectFrom('articles').select(['body', 'language', 'slug']).where('slug', '=', 'port-budget-deal').executeTakeFirstOrThrow();
    expect(story.body).not.toContain('<h1');
    expect(story.body).toContain('<h2 id="h-the-deal">The deal</h2>');
    expect(story.body).toContain('<h2 id="h-comments">What readers said</h2>');
    expect(story.body).toContain('<a href="#h-the-deal">The deal</a>, <a href="#h-comments">What readers said</a>');
    const page = await app.inject({ url: `/${story.language}/${story.slug}` });
    expect(page.statusCode).toBe(200);
    // One h1, the story's title; every id once; the body's ids apart from the page's own.
    expect(page.body.match(/<h1[\s>]/g)).toHaveLength(1);
    const ids = idsOf(page.body);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining(['h-the-deal', 'h-comments']));
    const chrome = ids.filter((id) => !idsOf(story.body).includes(id));
    expect(chrome).toContain('comments');
    expect(chrome.filter((id) => id.startsWith('h-'))).toEqual([]);
  });

  it("keeps Ghost's embed cards (YouTube, Vimeo, X) as Herald embed cards, and another provider's as a link", async () => {
    const { app, database } = t();
    const story = await database.db.selectFrom('articles').select(['body', 'language', 'slug']).where('slug', '=', 'port-budget-deal').executeTakeFirstOrThrow();
    expect(story.body).toContain(
      '<aside class="embed embed-youtube"><a href="https://www.youtube.com/watch?v=dQw4w9WgXcQ" rel="noopener">YouTube video: The vote, in two minutes</a></aside><p><span>The vote, in two minutes.</span></p>',
    );
    expect(story.body).toContain('<aside class="embed embed-vimeo"><a href="https://vimeo.com/76979871" rel="noopener">Vimeo video: The new quay, from the air</a></aside>');
    expect(story.body).toContain(
      '<aside class="embed embed-x"><a href="https://x.com/harbourcourier/status/1859234567890123456" rel="noopener">Post on X by @harbourcourier: The port budget passed 31 to 12. Full results tonight.</a></aside>',
    );
    expect(story.body).toContain('<p><a href="https://open.spotify.com/embed/episode/7makk4oTQel546B0PZlDM5" rel="noopener">Harbour Talk, episode 4</a></p>');
    // Nothing empty left behind, and nothing that loads from the platforms.
    expect(story.body).not.toMatch(/<figure>\s*<\/figure>|<iframe|<script/);
    const page = await app.inject({ url: `/${story.language}/${story.slug}` });
    expect(page.body).toContain('<aside class="embed embed-vimeo">');
  });
});
