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
    // What an embedded player loads (Ghost's and WordPress's embed cards keep only that).
    ['https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ', 'youtube', 'https://www.youtube.com/watch?v=dQw4w9WgXcQ'],
    ['https://vimeo.com/76979871', 'vimeo', 'https://vimeo.com/76979871'],
    ['https://player.vimeo.com/video/76979871?app_id=122963', 'vimeo', 'https://vimeo.com/76979871'],
  ])('recognises %s', (input, provider, url) => {
    expect(recognizeEmbed(input)).toMatchObject({ provider, url });
  });

  it('recognises nothing in other links or in non-web addresses', () => {
    for (const input of ['https://example.org/story', 'javascript:alert(1)', 'https://x.com/herald_news', 'http://mastodon.social/@a/1', 'not a url', 'https://vimeo.com/channels/staffpicks', 'https://player.vimeo.com/video/']) {
      expect(recognizeEmbed(input)).toBeNull();
    }
  });

  it('stores a link card that loads nothing from the platform and survives the body sanitizer', () => {
    const html = embedHtml(recognizeEmbed('https://mastodon.social/@herald/112233445566')!);
    expect(html).toBe('<aside class="embed embed-mastodon"><a href="https://mastodon.social/@herald/112233445566" rel="noopener">Mastodon post by @herald@mastodon.social</a></aside>');
    expect(sanitizeBody(html)).toBe(html);
    expect(html).not.toMatch(/<(iframe|script|img)/);
    const vimeo = embedHtml(recognizeEmbed('https://player.vimeo.com/video/76979871')!);
    expect(vimeo).toBe('<aside class="embed embed-vimeo"><a href="https://vimeo.com/76979871" rel="noopener">Vimeo video</a></aside>');
    expect(sanitizeBody(vimeo)).toBe(vimeo);
  });
});
