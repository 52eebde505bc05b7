import { describe, expect, it } from 'vitest';
import { STRINGS } from './i18n.strings.js';
import { CREDIT_STRINGS, creditStrings } from './credits.strings.js';

describe('credit words', () => {
  it('ships every string, non-empty and with the same placeholders, in every language the site ships', () => {
    expect(Object.keys(CREDIT_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const [language, table] of Object.entries(CREDIT_STRINGS)) {
      expect(Object.keys(table).sort(), language).toEqual(Object.keys(CREDIT_STRINGS.en).sort());
      for (const [key, value] of Object.entries(table)) {
        expect(value.trim(), `${language}.${key}`).not.toBe('');
        expect(placeholders(value), `${language}.${key}`).toEqual(placeholders(CREDIT_STRINGS.en[key as keyof typeof CREDIT_STRINGS.en]));
      }
    }
  });

  it('picks the exact language, then its base, then English', () => {
    expect(creditStrings('fr-CA')).toMatchObject({ lang: 'fr', website: 'Site web' });
    expect(creditStrings('sw').lang).toBe('en');
  });
});
