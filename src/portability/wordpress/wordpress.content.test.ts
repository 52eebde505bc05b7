import { describe, expect, it } from 'vitest';
import { sanitizeBody } from '../../content/body.js';
import { audioEnclosure, audioShortcodes, withEnclosures, wordpressBody } from './wordpress.content.js';

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
      `<p>Show notes.</p>\n<figure><audio src="${MP3}" controls preload="none"></audio><figcaption><a href="${MP3}" rel="noopener">episode-12.mp3</a></figcaption></figure>`,
    );
    const playing = wordpressBody(`Listen: [audio ${MP3}]`);
    expect(withEnclosures(playing, [episode])).toBe(playing);
  });
});
