import { describe, expect, it } from 'vitest';
import { STRINGS } from '../site/i18n.strings.js';
import { MEMBER_STRINGS, memberStrings } from './members.strings.js';

describe('members’ interface strings', () => {
  it('ships every string, non-empty and with the same placeholders, in every language the site ships', () => {
    expect(Object.keys(MEMBER_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const [language, table] of Object.entries(MEMBER_STRINGS)) {
      expect(Object.keys(table).sort(), language).toEqual(Object.keys(MEMBER_STRINGS.en).sort());
      for (const [key, value] of Object.entries(table)) {
        expect(value.trim(), `${language}.${key}`).not.toBe('');
        expect(placeholders(value), `${language}.${key}`).toEqual(placeholders(MEMBER_STRINGS.en[key as keyof typeof MEMBER_STRINGS.en]));
      }
    }
  });

  it('picks the exact language, then its base, then English', () => {
    expect(memberStrings('fr-CA')).toMatchObject({ lang: 'fr', subscribe: 'S’abonner' });
    expect(memberStrings('ja').lang).toBe('en');
  });
});
