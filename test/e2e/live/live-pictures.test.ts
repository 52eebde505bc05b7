import { expect, it } from 'vitest';
import { describeEachEngineApp } from '../../support/app.js';
import { openEventStream } from '../../support/sse.js';
import { multipart, png } from '../newsroom/media-files.js';
import { parseHtml } from '../site/html.js';

describeEachEngineApp('A live entry\'s pictures, drawn as a story\'s', (t) => {
  const admin = async (method: 'GET' | 'POST', url: string, payload?: object) =>
    t().app.inject({ method, url: `/api/admin/v1${url}`, payload, headers: await t().auth('editor') });

  /** The entry's pictures as a browser reads them: the sources' types and srcsets, the img's size and alt. */
  function picturesOf(html: string, entryId: number) {
    const doc = parseHtml(html);
    const entry = doc.one('li', { id: `entry-${entryId}` });
    const inEntry = (el: { parent: unknown }) => {
      for (let at: any = el.parent; at; at = at.parent) if (at === entry) return true;
      return false;
    };
    return doc.all('picture').filter(inEntry).map((picture) => {
      const img = doc.all('img').find((el) => el.parent === picture)!;
      return {
        sources: doc.all('source').filter((s) => s.parent === picture).map((s) => ({ type: doc.attr(s, 'type'), srcset: doc.attr(s, 'srcset'), sizes: doc.attr(s, 'sizes') })),
        src: doc.attr(img, 'src'),
        alt: doc.attr(img, 'alt'),
        width: doc.attr(img, 'width'),
        height: doc.attr(img, 'height'),
        caption: picture.parent && 'name' in picture.parent && picture.parent.name === 'figure' ? doc.text(doc.all('figcaption').find((c) => c.parent === picture.parent)!) : null,
      };
    });
  }

  it('gives the entry\'s picture and the pictures of its text the library\'s variants, real size, alt and credit, on the page and live', async () => {
    const file = multipart('square.png', 'image/png', await png(1200, 800));
    const uploaded = await t().app.inject({ method: 'POST', url: '/api/admin/v1/media', headers: { ...file.headers, ...(await t().auth('editor')) }, payload: file.payload });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const media = uploaded.json() as { url: string; variants: Array<{ format: string; width: number; url: string }> };
    const story = (await admin('POST', '/articles', { language: 'en', title: 'Square fills up', body: '<p>Live.</p>', status: 'published' })).json();
    await admin('POST', `/articles/${story.id}/live`);
    const address = await t().app.listen({ port: 0, host: '127.0.0.1' });
    const stream = openEventStream(`${address}/live/${story.id}/events`);
    try {
      await stream.next((e) => e.event === 'state');
      const entry = (
        await admin('POST', `/articles/${story.id}/live/entries`, {
          body: `<p>The crowd grows.</p><p><img src="${media.url}" alt="Flags over the square"></p>`,
          picture: { url: media.url, alt: 'The square at noon', caption: 'Thousands gathered by noon.', credit: 'Ana Ruiz' },
        })
      ).json();
      const webp = media.variants.filter((v) => v.format === 'webp').map((v) => `${v.width}w`);
      expect(webp.length).toBeGreaterThan(0);
      const expected = (alt: string, caption: string | null) => ({
        sources: expect.arrayContaining([
          { type: 'image/webp', srcset: expect.stringMatching(new RegExp(`^(\\S+ \\d+w)(, \\S+ \\d+w)*$`)), sizes: expect.any(String) },
        ]),
        src: media.url,
        alt,
        width: '1200',
        height: '800',
        caption,
      });
      const shown = [expected('Flags over the square', null), expected('The square at noon', 'Thousands gathered by noon. Photo: Ana Ruiz')];
      // The page a reader loads,
      const page = await t().app.inject({ url: story.path });
      const onPage = picturesOf(page.body, entry.id);
      expect(onPage).toEqual(shown);
      for (const width of webp) expect(onPage[1].sources.find((s) => s.type === 'image/webp')!.srcset).toContain(width);
      // the entry arriving live,
      const live = await stream.next((e) => e.event === 'entry' && e.data.id === entry.id);
      expect(picturesOf(`<ol>${live.data.html}</ol>`, entry.id)).toEqual(shown);
      // and the answer to a browser that polls.
      const polled = (await t().app.inject({ url: `/live/${story.id}/updates?since=${encodeURIComponent(entry.publishedAt)}` })).json();
      expect(picturesOf(`<ol>${polled.updates[0].html}</ol>`, entry.id)).toEqual(shown);
    } finally {
      stream.close();
    }
  });
});
