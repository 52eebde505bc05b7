import { describe, expect, it } from 'vitest';
import { STRINGS } from '../site/i18n.strings.js';
import { COMMENT_STRINGS, commentStrings } from './comments.strings.js';

describe('comment section interface strings', () => {
  it('ships every string, non-empty and with the same placeholders, in every language the site ships', () => {
    const keys = Object.keys(COMMENT_STRINGS.en).sort();
    expect(Object.keys(COMMENT_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    for (const [language, table] of Object.entries(COMMENT_STRINGS)) {
      expect(Object.keys(table).sort(), language).toEqual(keys);
      const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
      for (const [key, value] of Object.entries(table)) {
        if (typeof value !== 'string') continue;
        expect(value.trim(), `${language}.${key}`).not.toBe('');
        expect(placeholders(value), `${language}.${key}`).toEqual(placeholders(COMMENT_STRINGS.en[key as keyof typeof COMMENT_STRINGS.en] as string));
      }
      // The count: a form for each plural category the language has (Arabic's six), or at least
      // "other", which names the number.
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      for (const [category, form] of Object.entries(table.count)) {
        expect(categories, `${language}.count.${category}`).toContain(category);
        expect(form!.trim(), `${language}.count.${category}`).not.toBe('');
      }
      expect(table.count.other, language).toContain('{n}');
    }
  });

  it('picks the exact language, then its base, then English', () => {
    expect(commentStrings('zh-Hant').forgetTitle).toBe('刪除您的留言');
    expect(commentStrings('de-AT')).toMatchObject({ lang: 'de', reply: 'Antworten' });
    expect(commentStrings('ja').lang).toBe('en');
  });
});
