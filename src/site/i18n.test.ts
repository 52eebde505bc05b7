import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings/settings.service.js';
import { COMMENT_STRINGS } from '../comments/comments.strings.js';
import { chromeLang, formatDateTime, isoInTimeZone, ogLocale, plural, stringsFor } from './i18n.js';
import { STRINGS } from './i18n.strings.js';
import { pickEncoding } from './send-page.js';
import { negotiateLanguage, pageNumber } from './site.shared.js';

describe('site interface strings and dates', () => {
  it('ships every interface string, non-empty, in en, fr, de, es, zh-Hant and ar', () => {
    const keys = Object.keys(STRINGS.en).sort();
    expect(Object.keys(STRINGS).sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'zh-Hant']);
    for (const [language, table] of Object.entries(STRINGS)) {
      expect(Object.keys(table).sort(), language).toEqual(keys);
      for (const [key, value] of Object.entries(table)) expect(value.trim(), `${language}.${key}`).not.toBe('');
    }
  });

  it('falls back to the base language, then English, and says which language the strings are in', () => {
    expect(stringsFor('fr-CA').lang).toBe('fr');
    expect(stringsFor('ja').lang).toBe('en');
    expect(chromeLang(stringsFor('ja'), 'ja')).toBe('en');
    expect(chromeLang(stringsFor('ar'), 'ar')).toBeUndefined();
  });

  it('writes machine-readable times with the site time zone offset, summer and winter', () => {
    expect(isoInTimeZone('2026-11-26T08:30:00.000Z', 'Europe/Paris')).toBe('2026-11-26T09:30:00+01:00');
    expect(isoInTimeZone('2026-07-01T08:30:00.000Z', 'Europe/Paris')).toBe('2026-07-01T10:30:00+02:00');
    expect(isoInTimeZone('2026-11-26T08:30:00.000Z', 'Asia/Kolkata')).toBe('2026-11-26T14:00:00+05:30');
    expect(isoInTimeZone('2026-11-26T02:00:00.000Z', 'America/New_York')).toBe('2026-11-25T21:00:00-05:00');
    expect(isoInTimeZone('2026-11-26T08:30:00.000Z', 'UTC')).toBe('2026-11-26T08:30:00+00:00');
    // The shortcut for UTC says what the general path says for the same zone under another name.
    expect(isoInTimeZone('2026-11-26T08:30:59.999Z', 'UTC')).toBe(isoInTimeZone('2026-11-26T08:30:59.999Z', 'Etc/UTC'));
  });

  it('formats dates for the reader in the page language', () => {
    expect(formatDateTime('2026-11-26T08:30:00Z', 'fr', 'Europe/Paris')).toContain('26 novembre 2026');
    expect(formatDateTime('2026-11-26T08:30:00Z', 'zh-Hant', 'Asia/Taipei')).toContain('2026年11月26日');
    expect(formatDateTime('2026-11-26T08:30:00Z', 'de', 'UTC')).toContain('26. November 2026');
  });

  it('words counts by each language’s plural rules', () => {
    const count = (language: string, n: number) => plural(language, n, COMMENT_STRINGS[language].count);
    expect([0, 1, 2, 5].map((n) => count('en', n))).toEqual(['0 comments', '1 comment', '2 comments', '5 comments']);
    // French counts 0 with 1.
    expect([0, 1, 2].map((n) => count('fr', n))).toEqual(['0 commentaire', '1 commentaire', '2 commentaires']);
    // Arabic: one, two, a few (3–10), many (11–99), and the form for 100 and 0.
    expect([1, 2, 3, 10, 11, 99, 100].map((n) => count('ar', n))).toEqual([
      'تعليق واحد', 'تعليقان', '3 تعليقات', '10 تعليقات', '11 تعليقًا', '99 تعليقًا', '100 تعليق',
    ]);
    expect(count('zh-Hant', 1)).toBe('1 則留言');
    // The number may be written for the page ("1,000+") while its value picks the form.
    expect(plural('en', 1000, { one: '{n} story', other: '{n} stories' }, '1,000+')).toBe('1,000+ stories');
  });

  it('names Open Graph locales with a region', () => {
    expect(['en', 'fr', 'zh-Hant', 'ar', 'pt-BR'].map(ogLocale)).toEqual(['en_US', 'fr_FR', 'zh_TW', 'ar_EG', 'pt_BR']);
  });

  it('chooses the reader language from Accept-Language among the site languages', () => {
    const settings = { ...DEFAULT_SETTINGS, languages: ['en', 'fr', 'zh-Hant', 'ar'], defaultLanguage: 'en' };
    expect(negotiateLanguage('de-DE, fr;q=0.8, en;q=0.5', settings)).toBe('fr');
    expect(negotiateLanguage('ar-MA', settings)).toBe('ar');
    expect(negotiateLanguage('zh-hant-tw', settings)).toBe('zh-Hant');
    expect(negotiateLanguage('fr;q=0, ja', settings)).toBe('en');
    expect(negotiateLanguage(undefined, settings)).toBe('en');
  });

  it('accepts page numbers from 1 and nothing else', () => {
    expect([undefined, '', '1', '12'].map(pageNumber)).toEqual([1, 1, 1, 12]);
    expect(['0', '-1', '1.5', 'two', '01', '9999999'].map(pageNumber)).toEqual([null, null, null, null, null, null]);
  });

  it('picks brotli, then gzip, among the encodings a client accepts', () => {
    expect(pickEncoding('gzip, deflate, br')).toBe('br');
    expect(pickEncoding('gzip')).toBe('gzip');
    expect(pickEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(pickEncoding('*')).toBe('br');
    expect(pickEncoding('identity')).toBeNull();
    expect(pickEncoding(undefined)).toBeNull();
  });
});
