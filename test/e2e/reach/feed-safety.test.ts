import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../support/app.js';
import { ENGINES } from '../../support/engines.js';
import { moderate, postComment } from '../comments/helpers.js';
import { parseHtml } from '../site/html.js';
import { childrenOf, htmlText, parseXml, readFeed, shown, type XmlElement } from './feed-check.js';

// Titles, standfirsts and bodies as partners and careless pastes deliver them: markup that must
// stay characters, a CDATA end that must not end anything, entities that must not be decoded twice.
const HOSTILE_TITLE = 'Breaking: <img src=x onerror=alert(1)> & <finally> AT&amp;T ]]> "quoted" ]]> done';
const HOSTILE_STANDFIRST = '<img src=x onerror=alert(2)>Harbour <b>news</b> & more';
const HOSTILE_BODY = '<p>&lt;script&gt;alert(3)&lt;/script&gt; and &amp;lt;b&amp;gt; stay text.</p><p>Second &amp; last.</p>';
const COMMENT_NAME = '<b>Eve</b> & co';
const COMMENT_BODY = '<script>alert(4)</script> and &lt;i&gt; typed';

interface Story {
  id: number;
  title: string;
  excerpt: string;
  body: string;
  url: string;
}

// Recent enough for the comments to be open.
const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000).toISOString();

/** Every element of an XML tree, depth first. */
function everything(element: XmlElement): XmlElement[] {
  return [element, ...element.children.flatMap(everything)];
}

for (const engine of ENGINES) {
  for (const content of ['full', 'excerpt'] as const) {
    describe(`feeds of stories without author, image, standfirst or section, with hostile text [${engine}, ${content}]`, () => {
      let t: TestApp;
      let bare: Story;
      let lead: Story;
      beforeAll(async () => {
        t = await createTestApp(engine, { HERALD_FEED_CONTENT: content });
        const create = async (payload: Record<string, unknown>) => {
          const response = await t.app.inject({
            method: 'POST', url: '/api/admin/v1/articles', headers: await t.auth('editor'), payload: { language: 'en', status: 'published', ...payload },
          });
          expect(response.statusCode, response.body).toBe(201);
          return response.json() as Story;
        };
        // No author (as partner-feed stories and tokens without a user make them), no image,
        // no standfirst, no section: the excerpt comes from the body.
        bare = await create({ title: HOSTILE_TITLE, body: HOSTILE_BODY, authors: [], publishedAt: hoursAgo(1) });
        lead = await create({ title: 'Harbour "reopens" <today>', standfirst: HOSTILE_STANDFIRST, body: '<p>Boats.</p>', publishedAt: hoursAgo(2) });
      });
      afterAll(async () => {
        await t?.close();
      });

      it('stores as the excerpt the text a reader sees, entities decoded once', () => {
        expect(bare.excerpt).toBe(htmlText(bare.body));
        expect(bare.excerpt).toBe('<script>alert(3)</script> and &lt;b&gt; stay text. Second & last.');
        expect(lead.excerpt).toBe(HOSTILE_STANDFIRST);
      });

      it('shows the text made from a body once escaped, neither decoded twice nor escaped twice, on pages too', async () => {
        const page = parseHtml((await t.app.inject({ url: new URL(bare.url).pathname })).body);
        expect(page.meta('description')).toBe(htmlText(bare.body));
        const results = parseHtml((await t.app.inject({ url: '/en/search?q=stay' })).body);
        const snippet = results.one('ol', { class: 'search-results' }).children.find((c) => 'name' in c && c.name === 'li');
        const paragraph = results.all('p').find((p) => p.parent === snippet)!;
        expect(results.text(paragraph)).toBe(htmlText(bare.body));
        // The page's own scripts (reader statistics) aside, none came from the story's text.
        expect(results.all('script').filter((script) => results.text(script).includes('alert('))).toHaveLength(0);
      });

      it('answers every feed format, site-wide and for the author, with the author-less story in it', async () => {
        for (const url of ['/en/feed.xml', '/en/feed.atom', '/en/feed.json', '/en/author/test-editor/feed.json']) {
          const response = await t.app.inject({ url });
          expect(response.statusCode, `${url}: ${response.body.slice(0, 300)}`).toBe(200);
        }
        const json = (await t.app.inject({ url: '/en/feed.json' })).json();
        expect(json.items.map((i: { url: string }) => i.url)).toEqual([bare.url, lead.url]);
      });

      it('RSS and Atom: a reader shows hostile titles and excerpts as the characters written, never as markup', async () => {
        for (const file of ['feed.xml', 'feed.atom']) {
          const xml = (await t.app.inject({ url: `/en/${file}` })).body;
          const feed = readFeed(xml);
          expect(feed.bozo, `${file}: ${feed.bozo_exception}`).toBe(false);
          expect(feed.entries.map((e) => e.link)).toEqual([bare.url, lead.url]);
          for (const [entry, story] of [[feed.entries[0], bare], [feed.entries[1], lead]] as const) {
            expect(shown(entry.title), file).toEqual({ text: story.title, elements: [] });
            expect(shown(entry.summary), file).toEqual({ text: story.excerpt, elements: [] });
          }
        }
      });

      it('RSS and Atom: the raw XML carries titles and excerpts as escaped HTML', async () => {
        const rss = parseXml((await t.app.inject({ url: '/en/feed.xml' })).body);
        const items = childrenOf(childrenOf(rss, 'channel')[0], 'item');
        const atom = parseXml((await t.app.inject({ url: '/en/feed.atom' })).body);
        const entries = childrenOf(atom, '{http://www.w3.org/2005/Atom}entry');
        const pairs: Array<[string, XmlElement | undefined, string]> = [];
        for (const [index, story] of [bare, lead].entries()) {
          pairs.push(['rss title', childrenOf(items[index], 'title')[0], story.title]);
          pairs.push(['rss description', childrenOf(items[index], 'description')[0], story.excerpt]);
          pairs.push(['atom title', childrenOf(entries[index], '{http://www.w3.org/2005/Atom}title')[0], story.title]);
          pairs.push(['atom summary', childrenOf(entries[index], '{http://www.w3.org/2005/Atom}summary')[0], story.excerpt]);
        }
        for (const [what, element, text] of pairs) {
          expect(element, what).toBeDefined();
          // RSS titles and descriptions are read as HTML by most readers; Atom says so with type="html".
          const type = element!.attributes.type ?? 'html';
          expect(shown({ value: element!.text, type: type === 'text' ? 'text/plain' : 'text/html' }), what).toEqual({ text, elements: [] });
        }
        // Nothing but the feed's own elements: no markup from a title escaped into the XML.
        const names = new Set([...everything(rss), ...everything(atom)].map((e) => e.local));
        for (const name of ['img', 'finally', 'script', 'b']) expect(names.has(name), name).toBe(false);
      });

      it('JSON Feed: titles and summaries are plain text, an excerpt is never HTML', async () => {
        const json = (await t.app.inject({ url: '/en/feed.json' })).json();
        for (const [item, story] of [[json.items[0], bare], [json.items[1], lead]] as const) {
          expect(item.title).toBe(story.title);
          if (content === 'full') {
            expect(item.summary).toBe(story.excerpt);
            expect(htmlText(item.content_html)).toBe(htmlText(story.body));
          } else {
            expect(item.content_text).toBe(story.excerpt);
            expect(item.content_html).toBeUndefined();
          }
        }
      });

      it('the comments feed of an author-less story shows names and comments as the characters written', async () => {
        const posted = await postComment(t, bare.id, { name: COMMENT_NAME, email: 'eve@example.org', body: COMMENT_BODY }, { json: true });
        expect(posted.statusCode, posted.body).toBeLessThan(300);
        expect((await moderate(t, posted.json().id, 'approve')).statusCode).toBe(200);
        const response = await t.app.inject({ url: `/comments/feed/${bare.id}.xml` });
        expect(response.statusCode).toBe(200);
        const feed = readFeed(response.body);
        expect(feed.bozo, feed.bozo_exception).toBe(false);
        expect(feed.entries).toHaveLength(1);
        expect(shown(feed.entries[0].title)).toEqual({ text: `${COMMENT_NAME}: ${COMMENT_BODY}`, elements: [] });
        expect(shown(feed.feed.title).text).toContain(bare.title);
        expect(shown(feed.feed.title).elements).toEqual([]);
        const item = childrenOf(childrenOf(parseXml(response.body), 'channel')[0], 'item')[0];
        expect(shown({ value: childrenOf(item, 'title')[0].text, type: 'text/html' })).toEqual({ text: `${COMMENT_NAME}: ${COMMENT_BODY}`, elements: [] });
      });
    });
  }
}
