import { describe, expect, it } from 'vitest';
import { STRINGS } from '../site/i18n.strings.js';
import { COMMENT_STRINGS, commentStrings } from './comments.strings.js';

describe('comment section interface strings', () => {
  it('ships every string, non-empty and with the same placeholders, in every language the site ships', () => {
    const keys = Object.keys(COMMENT_STRINGS.en).sort();
    expect(Object.keys(COMMENT_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    for (const [language, table] of Object.entries(COMMENT_STRINGS)) {
      expect(Object.keys(table).sort(), language).toEqual(keys);
      for (const [key, value] of Object.entries(table)) {
        expect(value.trim(), `${language}.${key}`).not.toBe('');
        const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
        expect(placeholders(value), `${language}.${key}`).toEqual(placeholders(COMMENT_STRINGS.en[key as keyof typeof COMMENT_STRINGS.en]));
      }
    }
  });

  it('picks the exact language, then its base, then English', () => {
    expect(commentStrings('zh-Hant').forgetTitle).toBe('刪除您的留言');
    expect(commentStrings('de-AT')).toMatchObject({ lang: 'de', reply: 'Antworten' });
    expect(commentStrings('ja').lang).toBe('en');
  });
});
