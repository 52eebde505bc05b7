import { parseDocument } from 'htmlparser2';
import { textContent } from 'domutils';
import { describe, expect, it } from 'vitest';
import { rssLanguage, textAsHtml } from './feed-formats.js';

describe('rssLanguage', () => {
  it('gives Chinese as zh-cn or zh-tw by script and region, as the news sitemap does', () => {
    expect(['zh-Hant', 'zh-TW', 'zh-HK', 'zh-Hant-HK', 'zh-Hans', 'zh', 'zh-CN'].map(rssLanguage)).toEqual(['zh-tw', 'zh-tw', 'zh-tw', 'zh-tw', 'zh-cn', 'zh-cn', 'zh-cn']);
  });

  it('gives other languages in lower case, with their region and without their script', () => {
    expect(['en', 'en-GB', 'pt-BR', 'fr', 'sr-Latn-RS', 'es-419', 'ar'].map(rssLanguage)).toEqual(['en', 'en-gb', 'pt-br', 'fr', 'sr-rs', 'es-419', 'ar']);
  });
});

describe('textAsHtml', () => {
  const shows = (html: string) => textContent(parseDocument(html));

  it('is HTML that shows exactly the text, whatever it holds', () => {
    for (const text of ['<img src=x onerror=alert(1)>', 'AT&T', 'Bill & Ted', '&amp; &lt;b&gt; &#60; &copy', '</title><script>x</script>', 'a <3 b > c', '"\'', '&#x3C;']) {
      expect(shows(textAsHtml(text)), text).toBe(text);
    }
  });

  it('leaves a lone & and > alone, so that a reader taking the text as plain text shows it as written', () => {
    expect(textAsHtml('Bill & Ted > all')).toBe('Bill & Ted > all');
    expect(textAsHtml('AT&T <x>')).toBe('AT&amp;T &lt;x>');
  });
});
