import { describe, expect, it } from 'vitest';
import { plainText } from './body.js';

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
