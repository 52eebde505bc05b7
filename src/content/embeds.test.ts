import { describe, expect, it } from 'vitest';
import { sanitizeBody } from './body.js';
import { embedHtml, recognizeEmbed } from './embeds.js';

describe('embeds by URL', () => {
  it.each([
    ['https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=10', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://youtu.be/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://youtube.com/shorts/abcdefghijk', 'youtube', 'https://www.youtube.com/watch?v=abcdefghijk'],
    ['https://twitter.com/herald_news/status/1234567890?s=20', 'x', 'https://x.com/herald_news/status/1234567890'],
    ['https://mastodon.social/@herald/112233445566', 'mastodon', 'https://mastodon.social/@herald/112233445566'],
  ])('recognises %s', (input, provider, url) => {
    expect(recognizeEmbed(input)).toMatchObject({ provider, url });
  });

  it('recognises nothing in other links or in non-web addresses', () => {
    for (const input of ['https://example.org/story', 'javascript:alert(1)', 'https://x.com/herald_news', 'http://mastodon.social/@a/1', 'not a url']) {
      expect(recognizeEmbed(input)).toBeNull();
    }
  });

  it('stores a link card that loads nothing from the platform and survives the body sanitizer', () => {
    const html = embedHtml(recognizeEmbed('https://mastodon.social/@herald/112233445566')!);
    expect(html).toBe('<aside class="embed embed-mastodon"><a href="https://mastodon.social/@herald/112233445566" rel="noopener">Mastodon post by @herald@mastodon.social</a></aside>');
    expect(sanitizeBody(html)).toBe(html);
    expect(html).not.toMatch(/<(iframe|script|img)/);
  });
});
