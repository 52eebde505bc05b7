import { describe, expect, it } from 'vitest';
import { plainText, renderBody, sanitizeBody } from './body.js';

describe('plainText', () => {
  it('gives the characters a reader sees: escaped markup becomes the characters <, > and &', () => {
    expect(plainText('<p>&lt;img src=x onerror=alert(1)&gt; &amp; more</p>')).toBe('<img src=x onerror=alert(1)> & more');
  });

  it('decodes once: an escaped entity stays the entity a reader sees', () => {
    // The page shows "&lt;b&gt;" and "&amp;": so does the text.
    expect(plainText('<p>&amp;lt;b&amp;gt; and &amp;amp;</p>')).toBe('&lt;b&gt; and &amp;');
    expect(plainText('<p>&amp;quot;x&amp;quot; &amp;#39;</p>')).toBe('&quot;x&quot; &#39;');
  });

  it('keeps the text of elements, drops scripts and styles, folds whitespace between blocks', () => {
    expect(plainText('<h2>Title</h2><p>One <b>bold</b>\n word.</p><script>alert(1)</script><style>p{}</style><p>"Two" \'three\'</p>')).toBe(
      'Title One bold word. "Two" \'three\'',
    );
  });
});

describe('sanitizeBody and pictures', () => {
  it('writes an empty alt on a picture that has none (a paste, an import) and keeps one that has one', () => {
    expect(sanitizeBody('<p><img src="https://images.example.org/a.jpg"></p>')).toBe('<p><img src="https://images.example.org/a.jpg" alt="" /></p>');
    expect(sanitizeBody('<img src="/media/b.png" alt="A boat">')).toBe('<img src="/media/b.png" alt="A boat" />');
    expect(renderBody('![](https://images.example.org/c.jpg)', 'markdown')).toContain('alt=""');
  });

  it('closes no <source> with an end tag (it is a void element)', () => {
    const html = sanitizeBody('<picture><source srcset="/media/a-480.webp 480w" type="image/webp"><img src="/media/a.png" alt="A"></picture>');
    expect(html).not.toContain('</source>');
    expect(html).toBe('<picture><source srcset="/media/a-480.webp 480w" type="image/webp" /><img src="/media/a.png" alt="A" /></picture>');
  });
});
