import { describe, expect, it } from 'vitest';
import { importWordpress } from '../../../src/portability/wordpress/wordpress.import.js';
import { articlePath } from '../../../src/content/urls.js';
import { describeEachEngineApp, TEST_BASE_URL } from '../../support/app.js';
import { expectedFromFile, wxr } from './wxr-fixtures.js';

const THEME = wxr('theme-unit-test-data.xml');

describe('WordPress import of the theme unit test data', () => {
  describeEachEngineApp('theme-unit-test-data.xml', (t) => {
    const expected = expectedFromFile(THEME);
    const stories = expected.items.filter((i) => i.type === 'post' || i.type === 'page');
    const publicOnes = stories.filter((i) => i.status === 'publish' && !i.password);

    it('imports every post and page, each category as a section and every tag', async () => {
      const { database } = t();
      const report = await importWordpress(database, THEME, { baseUrl: TEST_BASE_URL });
      const { db } = database;
      const articles = await db.selectFrom('articles').select(['id', 'status']).execute();
      expect(articles).toHaveLength(stories.length);
      expect(articles.filter((a) => a.status === 'published')).toHaveLength(publicOnes.length);
      expect(await db.selectFrom('sections').select('id').execute()).toHaveLength(expected.categories.length);
      expect(await db.selectFrom('tags').select('id').execute()).toHaveLength(new Set(expected.tags).size);
      expect(report.counts.articles).toBe(stories.length);
      // WordPress's pages (About, Contact…) are pages: served at their address, never listed.
      const kinds = await db.selectFrom('articles').select('kind').execute();
      expect(kinds.filter((a) => a.kind === 'page')).toHaveLength(stories.filter((i) => i.type === 'page').length);
      expect(kinds.filter((a) => a.kind === 'story')).toHaveLength(stories.filter((i) => i.type === 'post').length);
      expect(report.skipped.get('WordPress "nav_menu_item" items are not stories')).toBe(
        expected.items.filter((i) => i.type === 'nav_menu_item').length,
      );
    });

    it('keeps the category hierarchy as parent and child sections', async () => {
      const { db } = t().database;
      const names = await db.selectFrom('section_names').innerJoin('sections', 'sections.id', 'section_names.section_id').select(['slug', 'sections.id', 'parent_id']).execute();
      const bySlug = new Map(names.map((n) => [n.slug, n]));
      const children = expected.categories.filter((c) => c.parent);
      expect(children.length).toBeGreaterThan(5);
      for (const child of children) {
        expect(bySlug.get(child.slug)?.parent_id, child.slug).toBe(bySlug.get(child.parent)?.id);
      }
    });

    it("puts in the menu only the top-level categories with the most posts, as many as it shows, and says so", async () => {
      const { app, database } = t();
      const rows = await database.db.selectFrom('sections').select(['parent_id', 'in_menu']).execute();
      expect(rows.filter((r) => r.in_menu === 1)).toHaveLength(8);
      expect(rows.filter((r) => r.parent_id !== null && r.in_menu === 1)).toEqual([]);
      const page = (await app.inject({ url: '/en/' })).body;
      const menu = page.match(/<nav class="sections bar"[\s\S]*?<\/nav>/)?.[0] ?? '';
      expect(menu.match(/<a /g)).toHaveLength(8);
      // "Uncategorized" files most of the posts of the theme unit test.
      expect(menu).toContain('>Uncategorized<');
    });

    it('serves every published post and page at its new address, and its old permalink redirects there', async () => {
      const { app, database } = t();
      const rows = await database.db
        .selectFrom('import_map')
        .innerJoin('articles', 'articles.id', 'import_map.local_id')
        .select(['import_map.external_id', 'articles.language', 'articles.slug', 'articles.status'])
        .where('import_map.kind', '=', 'article')
        .execute();
      const byWordpressId = new Map(rows.map((r) => [r.external_id.split(':')[1], r]));
      for (const item of publicOnes) {
        const row = byWordpressId.get(item.id)!;
        const path = articlePath(row.language, row.slug);
        const page = await app.inject({ url: path });
        expect(page.statusCode, path).toBe(200);
        const old = new URL(item.link);
        const moved = await app.inject({ url: `${old.pathname}${old.search}` });
        expect(moved.statusCode, item.link).toBe(301);
        expect(moved.headers.location).toBe(path);
        const byId = await app.inject({ url: `/?p=${item.id}` });
        expect(byId.headers.location).toBe(path);
      }
    });

    it('redirects old category and tag addresses to the section and tag', async () => {
      const { app } = t();
      const child = expected.categories.find((c) => c.parent)!;
      const response = await app.inject({ url: `/category/${child.parent}/${child.slug}/` });
      expect(response.statusCode).toBe(301);
      expect(response.headers.location).toMatch(new RegExp(`/section/${child.slug}$`));
      const tag = await app.inject({ url: `/tag/${expected.tags[0]}/` });
      expect(tag.statusCode).toBe(301);
      expect(tag.headers.location).toMatch(new RegExp(`/tag/${expected.tags[0]}$`));
      expect((await app.inject({ url: '/no/such/old/address/' })).statusCode).toBe(404);
      // An attachment page leads to the story the picture belongs to.
      const attachment = expected.items.find((i) => i.type === 'attachment' && publicOnes.some((p) => p.id === i.parent))!;
      const parent = await app.inject({ url: `/?p=${attachment.parent}` });
      const page = await app.inject({ url: `/?attachment_id=${attachment.id}` });
      expect(page.statusCode).toBe(301);
      expect(page.headers.location).toBe(parent.headers.location);
    });

    it("redirects WordPress's feed and author addresses (/feed/, /category/x/feed/, /tag/x/feed/, /author/x/) to Herald's", async () => {
      const { app } = t();
      const follows = async (from: string, to: RegExp) => {
        const moved = await app.inject({ url: from });
        expect(moved.statusCode, from).toBe(301);
        expect(moved.headers.location, from).toMatch(to);
        expect((await app.inject({ url: moved.headers.location as string })).statusCode, to.source).toBe(200);
      };
      await follows('/feed/', /^\/en\/feed\.xml$/);
      await follows('/feed/rss2/', /^\/en\/feed\.xml$/);
      const child = expected.categories.find((c) => c.parent)!;
      await follows(`/category/${child.parent}/${child.slug}/feed/`, new RegExp(`^/en/section/${child.slug}/feed\\.xml$`));
      await follows(`/tag/${expected.tags[0]}/feed/`, new RegExp(`^/en/tag/${expected.tags[0]}/feed\\.xml$`));
      await follows('/author/themedemos/', /^\/en\/author\/[\w-]+$/);
      await follows('/author/themedemos/feed/', /^\/en\/author\/[\w-]+\/feed\.xml$/);
    });

    it("keeps a podcast episode's audio: its [audio] shortcode and its enclosure become players, served with the story", async () => {
      const { app, database } = t();
      const { db } = database;
      const mp3 = 'https://wpthemetestdata.files.wordpress.com/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3';
      // "Post Format: Audio": a link, an [audio] shortcode and the same file as its enclosure.
      const episode = await db.selectFrom('articles').select(['body', 'language', 'slug']).where('slug', '=', 'post-format-audio').executeTakeFirstOrThrow();
      // The player carries the enclosure's type and size, which the feeds enclose.
      const player = `<audio src="${mp3}" controls preload="none" data-type="audio/mpeg" data-length="3043247"></audio>`;
      expect(episode.body).toContain(player);
      expect(episode.body).not.toContain('[audio');
      expect(episode.body.match(/<audio /g)).toHaveLength(1);
      const page = await app.inject({ url: articlePath(episode.language, episode.slug) });
      expect(page.body).toContain(player);
      // "Media category blocks": an audio block playing its audio enclosure (kept, not doubled), and a video one.
      const blocks = await db.selectFrom('articles').select('body').where('slug', '=', 'media-category-blocks').executeTakeFirstOrThrow();
      const ogg = 'https://upload.wikimedia.org/wikipedia/commons/d/dd/Armstrong_Small_Step.ogg';
      expect(blocks.body).toContain(`<figure><audio src="${ogg}" controls preload="none" data-type="audio/ogg" data-length="98702"></audio></figure>`);
      expect(blocks.body.match(/<audio /g)).toHaveLength(1);
    });

    it("encloses a podcast episode's audio in the feeds: RSS <enclosure> with its real size, Atom and JSON Feed too", async () => {
      const { app, database } = t();
      const mp3 = 'https://wpthemetestdata.files.wordpress.com/2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3';
      const episode = await database.db.selectFrom('articles').select(['id', 'language', 'status']).where('slug', '=', 'post-format-audio').executeTakeFirstOrThrow();
      expect(episode.status).toBe('published');
      // Sorted newest first, the feeds hold 50 stories: the episode's author's feed holds it.
      const authorSlug = (await database.db.selectFrom('article_authors').innerJoin('users', 'users.id', 'article_authors.user_id').select('users.slug').where('article_authors.article_id', '=', episode.id).executeTakeFirstOrThrow()).slug;
      const feed = (format: string) => app.inject({ url: `/${episode.language}/author/${authorSlug}/feed.${format}` });
      const rss = (await feed('xml')).body;
      expect(rss).toContain(`<enclosure url="${mp3}" length="3043247" type="audio/mpeg"/>`);
      const atom = (await feed('atom')).body;
      expect(atom).toContain(`<link rel="enclosure" href="${mp3}" type="audio/mpeg" length="3043247"/>`);
      const json = JSON.parse((await feed('json')).body) as { items: Array<{ attachments?: unknown[] }> };
      expect(json.items.flatMap((item) => item.attachments ?? [])).toContainEqual({ url: mp3, mime_type: 'audio/mpeg', size_in_bytes: 3043247 });
    });

    it("makes paragraphs as WordPress shows them: blank-line text in a classic post becomes <p> around its blocks, headings kept", async () => {
      const { app, database } = t();
      const post = await database.db.selectFrom('articles').select(['body', 'language', 'slug']).where('slug', '=', 'markup-html-tags-and-formatting').executeTakeFirstOrThrow();
      // The post mixes bare lines with blocks and one <blockquote><p>: every bare line is a paragraph.
      expect(post.body).toContain('<p><strong>Headings</strong></p>');
      expect(post.body).toContain('<p>Single line blockquote:</p>');
      expect(post.body).toContain('<p>Multi line blockquote with a cite reference:</p>');
      // Its <h1> is the page's title's level: it becomes an <h2>, text kept.
      expect(post.body).toMatch(/<h2[^>]*>Header one<\/h2>/);
      expect(post.body).not.toContain('<h1');
      const page = await app.inject({ url: articlePath(post.language, post.slug) });
      expect(page.body).toContain('<p>Single line blockquote:</p>');
    });

    it("keeps the alignment of the pictures of 'Markup: Image Alignment' (left, right and centred) as start, end and centre", async () => {
      const { db } = t().database;
      const post = await db.selectFrom('articles').select('body').where('slug', '=', 'markup-image-alignment').executeTakeFirstOrThrow();
      const classOf = (file: string) => post.body.match(new RegExp(`<img class="([\\w-]+)"[^>]*${file}`))?.[1];
      expect(classOf('image-alignment-150x150')).toBe('align-start');
      expect(classOf('image-alignment-580x300')).toBe('align-center');
      expect(classOf('image-alignment-300x200')).toBe('align-end');
    });

    it("shows the theme unit test's galleries as their pictures: a post's own, or those its ids name", async () => {
      const { app, database } = t();
      const { db } = database;
      const gallery = await db.selectFrom('articles').select(['body', 'language', 'slug']).where('slug', '=', 'post-format-gallery').executeTakeFirstOrThrow();
      expect(gallery.body).not.toContain('[gallery');
      const post = expected.items.find((p) => p.type === 'post' && p.slug === 'post-format-gallery')!;
      const own = expected.items.filter((i) => i.type === 'attachment' && i.parent === post.id);
      expect(own.length).toBeGreaterThan(3);
      const first = gallery.body.match(/<figure class="gallery">([\s\S]*?)<\/figure>/)![1];
      expect(first.match(/<img /g)).toHaveLength(own.length);
      const tiled = await db.selectFrom('articles').select('body').where('title', '=', 'Post Format: Gallery (Tiled)').executeTakeFirstOrThrow();
      expect(tiled.body).not.toContain('[gallery');
      // Its ids name six pictures; the export holds five of them (763 is not in it).
      expect(tiled.body.match(/<figure class="gallery">([\s\S]*?)<\/figure>/)![1].match(/<img /g)).toHaveLength(5);
      const page = await app.inject({ url: articlePath(gallery.language, gallery.slug) });
      expect(page.body).toContain('<figure class="gallery">');
    });

    it('creates nothing new when the same file is imported again', async () => {
      const { database } = t();
      const count = async () =>
        Promise.all(
          (['articles', 'stories', 'sections', 'tags', 'users', 'article_revisions', 'legacy_redirects', 'imported_attachments', 'comments'] as const).map(
            async (table) => (await database.db.selectFrom(table).selectAll().execute()).length,
          ),
        );
      const before = await count();
      const report = await importWordpress(database, THEME, { baseUrl: TEST_BASE_URL });
      expect(await count()).toEqual(before);
      expect(report.counts.comments ?? 0).toBe(0);
      expect(report.counts.articles ?? 0).toBe(0);
      expect(report.skipped.get('already imported by an earlier run')).toBe(stories.length);
    });

    it('imports comments with their approval state and threads, leaving pingbacks and trackbacks out', async () => {
      const { db } = t().database;
      const real = expected.comments.filter((c) => c.type !== 'pingback' && c.type !== 'trackback');
      const rows = await db.selectFrom('comments').select(['id', 'parent_id', 'status', 'depth']).execute();
      expect(rows).toHaveLength(real.length);
      expect(rows.filter((r) => r.status === 'approved')).toHaveLength(real.filter((c) => c.approved === '1').length);
      expect(rows.filter((r) => r.status === 'pending')).toHaveLength(real.filter((c) => c.approved === '0').length);
      const map = new Map(
        (await db.selectFrom('import_map').select(['external_id', 'local_id']).where('kind', '=', 'comment').execute()).map((m) => [m.external_id, m.local_id]),
      );
      const byId = new Map(rows.map((r) => [r.id, r]));
      for (const comment of real.filter((c) => c.parent !== '0')) {
        const row = byId.get(map.get(comment.id)!)!;
        const parent = byId.get(map.get(comment.parent)!)!;
        // A reply below the deepest level joins its parent's thread, as Herald's own replies do.
        expect(row.parent_id).toBe(parent.depth >= 3 ? parent.parent_id : parent.id);
        expect(row.depth).toBe(Math.min(parent.depth + 1, 3));
      }
      expect(rows.some((r) => r.depth === 3)).toBe(true);
    });

    it('gives every imported story version one revision', async () => {
      const { db } = t().database;
      const revisions = await db.selectFrom('article_revisions').select(['article_id', 'version']).execute();
      expect(revisions).toHaveLength(stories.length);
      expect(new Set(revisions.map((r) => r.version))).toEqual(new Set([1]));
    });
  });
});
