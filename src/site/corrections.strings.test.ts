import { describe, expect, it } from 'vitest';
import { STRINGS } from './i18n.strings.js';
import { CORRECTION_STRINGS, correctionStrings } from './corrections.strings.js';

describe('correction notes interface strings', () => {
  it('ships every string, non-empty, in every language the site ships', () => {
    const keys = Object.keys(CORRECTION_STRINGS.en).sort();
    expect(Object.keys(CORRECTION_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    for (const [language, table] of Object.entries(CORRECTION_STRINGS)) {
      expect(Object.keys(table).sort(), language).toEqual(keys);
      for (const [key, value] of Object.entries(table)) expect(value.trim(), `${language}.${key}`).not.toBe('');
    }
  });

  it('picks the exact language, then its base, then English', () => {
    expect(correctionStrings('ar')).toMatchObject({ lang: 'ar', correction: 'تصحيح' });
    expect(correctionStrings('de-AT')).toMatchObject({ lang: 'de', update: 'Aktualisierung' });
    expect(correctionStrings('ja')).toMatchObject({ lang: 'en', title: 'Corrections and updates' });
  });
});
