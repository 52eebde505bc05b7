import { describe, expect, it } from 'vitest';
import { STRINGS } from '../site/i18n.strings.js';
import { ANALYTICS_STRINGS, analyticsStrings } from './analytics.strings.js';

describe('the privacy page’s words about reader statistics', () => {
  it('exist, non-empty, in every language the site ships', () => {
    expect(Object.keys(ANALYTICS_STRINGS).sort()).toEqual(Object.keys(STRINGS).sort());
    for (const [language, table] of Object.entries(ANALYTICS_STRINGS)) {
      expect(Object.keys(table).sort(), language).toEqual(Object.keys(ANALYTICS_STRINGS.en).sort());
      for (const [key, value] of Object.entries(table)) expect(value.trim(), `${language}.${key}`).not.toBe('');
    }
  });

  it('picks the exact language, then its base, then English', () => {
    expect(analyticsStrings('fr-CA')).toMatchObject({ lang: 'fr', heading: 'Statistiques de lecture' });
    expect(analyticsStrings('ja').lang).toBe('en');
  });
});
