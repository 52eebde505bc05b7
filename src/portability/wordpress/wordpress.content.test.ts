import { describe, expect, it } from 'vitest';
import { audioEnclosureOf, sanitizeBody } from '../../content/body.js';
import { audioEnclosure, audioShortcodes, captionsToFigures, galleryShortcodes, oldSitePictures, paragraphs, pictureAlignments, withEnclosures, wordpressBody } from './wordpress.content.js';

const MP3 = 'https://old.example/wp-content/uploads/2024/05/episode-12.mp3';

describe("WordPress podcast audio", () => {
  it('reads an audio enclosure post meta (address, length, type), and nothing else', () => {
    expect(audioEnclosure(`${MP3}\n3043247\naudio/mpeg\n`)).toEqual({ url: MP3, length: 3043247, type: 'audio/mpeg' });
    expect(audioEnclosure(`${MP3}\n\n\n`)).toEqual({ url: MP3, length: 0, type: 'audio/mpeg' });
    expect(audioEnclosure('https://old.example/clip.mov\n29881426\nvideo/quicktime\n')).toBeNull();
    expect(audioEnclosure('javascript:alert(1)\n1\naudio/mpeg\n')).toBeNull();
    expect(audioEnclosure('')).toBeNull();
  });

  it('turns [audio] shortcodes into players', () => {
    expect(audioShortcodes(`<p>[audio ${MP3}]</p>`)).toBe(`<p><audio controls preload="none" src="${MP3}"></audio></p>`);
    expect(audioShortcodes(`[audio mp3="${MP3}" preload="auto"][/audio]`)).toBe(`<audio controls preload="none" src="${MP3}"></audio>`);
    expect(audioShortcodes(`[audio src='${MP3}?a=1&amp;b=2']`)).toBe(`<audio controls preload="none" src="${MP3}?a=1&amp;b=2"></audio>`);
    expect(audioShortcodes('[audio src="javascript:alert(1)"]')).toBe('[audio src="javascript:alert(1)"]');
  });

  it('adds a player and a link for an enclosure the body does not play, once', () => {
    const episode = audioEnclosure(`${MP3}\n3043247\naudio/mpeg\n`)!;
    const body = withEnclosures(wordpressBody('Show notes.'), [episode, episode]);
    expect(sanitizeBody(body)).toBe(
      `<p>Show notes.</p>\n<figure><audio src="${MP3}" controls preload="none" data-type="audio/mpeg" data-length="3043247"></audio><figcaption><a href="${MP3}" rel="noopener">episode-12.mp3</a></figcaption></figure>`,
    );
  });

  it('tells a player the body already has its file’s type and size, adding no second one', () => {
    const episode = audioEnclosure(`${MP3}\n3043247\naudio/mpeg\n`)!;
    const playing = wordpressBody(`Listen: [audio ${MP3}]`);
    const described = sanitizeBody(withEnclosures(playing, [episode]));
    expect(described.match(/<audio /g)).toHaveLength(1);
    expect(described).toContain(`<audio src="${MP3}" controls preload="none" data-type="audio/mpeg" data-length="3043247"></audio>`);
    expect(audioEnclosureOf(described)).toEqual({ url: MP3, type: 'audio/mpeg', length: 3043247 });
    // Without a size there is nothing for a feed to enclose.
    const unsized = audioEnclosure(`${MP3}\n\naudio/mpeg\n`)!;
    expect(audioEnclosureOf(sanitizeBody(withEnclosures(playing, [unsized])))).toBeNull();
  });
});

describe('WordPress paragraphs (wpautop)', () => {
  it('wraps blank-line-separated text in paragraphs, line breaks within one', () => {
    expect(paragraphs('First line\nsecond line\n\nSecond paragraph')).toBe('<p>First line<br />\nsecond line</p>\n<p>Second paragraph</p>');
  });

  it('wraps bare text between blocks even when the post has <p> of its own', () => {
    const body = paragraphs('<strong>Headings</strong>\n<h2>Two</h2>\nQuote:\n<blockquote><p>Stay hungry.</p></blockquote>\n<cite>MDN</cite> - reference');
    expect(body).toContain('<p><strong>Headings</strong></p>');
    expect(body).toContain('<h2>Two</h2>');
    expect(body).toContain('<p>Quote:</p>');
    expect(body).toMatch(/<blockquote>\s*<p>Stay hungry.<\/p>\s*<\/blockquote>/);
    expect(body).toContain('<p><cite>MDN</cite> - reference</p>');
  });

  it('reads <!--more--> and <!--nextpage--> as paragraph breaks, leaving no empty paragraph', () => {
    // From the theme unit test's "Template: More Tag" and "Template: Paginated".
    expect(paragraphs('Before the more tag.\n\n<!--more-->\n\nAfter it.')).toBe('<p>Before the more tag.</p>\n<p>After it.</p>');
    expect(paragraphs('Post Page 1\n\n<!--nextpage-->\n\nPost Page 2<!--more Keep reading-->Tail')).toBe('<p>Post Page 1</p>\n<p>Post Page 2</p>\n<p>Tail</p>');
  });

  it('leaves preformatted text and block-editor content as they are', () => {
    expect(paragraphs('<pre>a\n\nb</pre>')).toBe('<pre>a\n\nb</pre>');
    const blocks = '<!-- wp:paragraph -->\n<p>One</p>\n<!-- /wp:paragraph -->\n\nloose';
    expect(paragraphs(blocks)).toBe(blocks);
  });
});

describe("the old site's pictures in a WordPress post", () => {
  const uploads = 'https://old.files.example/2024/05';
  const original = oldSitePictures([`${uploads}/harbour.jpg`, `http://old.example/wp-content/uploads/dock.png`], ['https://old.example']);

  it('downloads an attachment itself for its resized copies and resizing queries', () => {
    expect(original(`${uploads}/harbour.jpg`)).toBe(`${uploads}/harbour.jpg`);
    expect(original(`${uploads}/harbour-300x200.jpg`)).toBe(`${uploads}/harbour.jpg`);
    expect(original(`${uploads}/harbour.jpg?w=604&h=400`)).toBe(`${uploads}/harbour.jpg`);
    expect(original('https://old.example/wp-content/uploads/dock-1024x768.png')).toBe('http://old.example/wp-content/uploads/dock.png');
  });

  it('downloads other pictures served from there as they are, and leaves pictures of other sites alone', () => {
    expect(original(`${uploads}/not-exported-150x150.jpg?w=150`)).toBe(`${uploads}/not-exported-150x150.jpg`);
    expect(original('https://cdn.elsewhere.example/harbour.jpg')).toBeNull();
    expect(original('data:image/png;base64,AAAA')).toBeNull();
    expect(original('/wp-content/uploads/relative.jpg')).toBeNull();
  });
});

describe("WordPress pictures' alignment", () => {
  it('keeps left, right and centre as the start, end and centre of the line, and drops the other classes', () => {
    expect(pictureAlignments('<img class="size-full wp-image-904 alignleft" src="a.jpg">')).toBe('<img class="align-start" src="a.jpg">');
    expect(pictureAlignments("<img src='b.jpg' class='alignright size-medium'>")).toBe("<img src='b.jpg' class=\"align-end\">");
    expect(pictureAlignments('<img class="aligncenter" src="c.jpg">')).toBe('<img class="align-center" src="c.jpg">');
    expect(pictureAlignments('<img class="size-full wp-image-904" src="d.jpg">')).toBe('<img src="d.jpg">');
  });

  it("aligns a captioned picture's figure as its [caption] was", () => {
    expect(captionsToFigures('[caption id="attachment_9" align="alignright" width="300"]<img src="e.jpg"> The harbour[/caption]')).toBe(
      '<figure class="align-end"><img src="e.jpg"><figcaption>The harbour</figcaption></figure>',
    );
    expect(captionsToFigures('[caption align="alignnone"]<img src="f.jpg"> Quay[/caption]')).toBe('<figure><img src="f.jpg"><figcaption>Quay</figcaption></figure>');
  });

  it('survives the body sanitizer, which keeps no other class on a picture', () => {
    const body = sanitizeBody(wordpressBody('<img class="alignleft" src="https://old.example/a.jpg" alt="A"> Text beside it.'));
    expect(body).toContain('<img class="align-start" src="https://old.example/a.jpg" alt="A" />');
    expect(sanitizeBody('<img class="notice align-start" src="https://old.example/a.jpg" alt="A">')).toBe('<img class="align-start" src="https://old.example/a.jpg" alt="A" />');
  });
});

describe('WordPress galleries', () => {
  const picture = (id: string, parent: string) => ({ id, url: `https://old.example/${id}.jpg`, alt: `Alt ${id}`, caption: '', parent });
  const byId = new Map(['1', '2', '3', '4'].map((id) => [id, picture(id, id === '4' ? '99' : '7')]));
  const pictures = { attached: [byId.get('1')!, byId.get('2')!, byId.get('3')!], byId };

  it("shows the post's attached pictures for [gallery], whatever its columns", () => {
    expect(galleryShortcodes('<p>[gallery columns="4"]</p>', pictures)).toBe(
      '<p><figure class="gallery"><img src="https://old.example/1.jpg" alt="Alt 1"><img src="https://old.example/2.jpg" alt="Alt 2"><img src="https://old.example/3.jpg" alt="Alt 3"></figure></p>',
    );
  });

  it('shows the pictures named by ids, in their order, even those of another post', () => {
    expect(galleryShortcodes('[gallery ids="4,1" orderby="rand"]', pictures)).toBe(
      '<figure class="gallery"><img src="https://old.example/4.jpg" alt="Alt 4"><img src="https://old.example/1.jpg" alt="Alt 1"></figure>',
    );
  });

  it('leaves out a gallery with nothing to show', () => {
    expect(galleryShortcodes('Before [gallery] after', { attached: [], byId: new Map() })).toBe('Before  after');
  });
});
