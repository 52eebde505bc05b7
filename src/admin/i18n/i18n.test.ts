import { describe, expect, it } from 'vitest';
import { INTERFACE_LANGUAGES } from '../../core/interface-text.js';
import { adminText, chooseLanguage } from './index.js';

describe('the admin in the newsroom’s language', () => {
  it('reads the language the person chose, else the first browser language it is written in, else English', () => {
    expect(chooseLanguage('de', ['fr-FR'])).toBe('de');
    expect(chooseLanguage(null, ['fr-CA', 'en'])).toBe('fr');
    expect(chooseLanguage(null, ['zh-TW'])).toBe('zh-Hant');
    expect(chooseLanguage(null, ['zh-HK'])).toBe('zh-Hant');
    // Simplified Chinese is not read as Traditional: the next language the browser lists is.
    expect(chooseLanguage(null, ['zh-CN', 'es'])).toBe('es');
    expect(chooseLanguage(null, ['ar-EG'])).toBe('ar');
    expect(chooseLanguage('tlh', ['ja', 'not a tag'])).toBe('en');
  });

  it('has every area in every language, with no English left in a translation', () => {
    const english = adminText('en');
    for (const language of INTERFACE_LANGUAGES.filter((l) => l !== 'en')) {
      const text = adminText(language);
      for (const area of Object.keys(english) as Array<keyof typeof english>) {
        const words = english[area];
        if (typeof words !== 'object') continue;
        for (const [key, value] of Object.entries(words)) {
          const translated = (text[area] as Record<string, unknown>)[key];
          expect(translated, `${language} ${area}.${key}`).toBeTruthy();
          // Words the same in both (a name, "Menu", "Slug") are allowed where they are short.
          if (typeof value === 'string' && value.length > 12) expect(translated, `${language} ${area}.${key}`).not.toBe(value);
        }
      }
    }
  });

  it('writes Arabic right to left and counts in its six plural forms', () => {
    const arabic = adminText('ar');
    expect(arabic.dir).toBe('rtl');
    expect(adminText('fr').dir).toBe('ltr');
    const forms = { zero: 'لا قصص', one: 'قصة واحدة', two: 'قصتان', few: '{n} قصص', many: '{n} قصة', other: '{n} قصة' };
    expect([0, 1, 2, 3, 11, 100].map((n) => arabic.plural(n, forms))).toEqual(['لا قصص', 'قصة واحدة', 'قصتان', '3 قصص', '11 قصة', '100 قصة']);
  });

  it('fills a counted phrase’s other slots along with its count', () => {
    const forms = { one: '{feed}: {n} new story.', other: '{feed}: {n} new stories.' };
    expect(adminText('en').plural(2, forms, { feed: 'Partner Daily' })).toBe('Partner Daily: 2 new stories.');
    expect(adminText('en').plural(1, forms, { feed: '{n}' })).toBe('{n}: 1 new story.');
  });

  it('keeps slots through translation: every {name} in English is in every language', () => {
    const english = adminText('en');
    for (const language of INTERFACE_LANGUAGES) {
      const text = adminText(language);
      for (const area of Object.keys(english) as Array<keyof typeof english>) {
        const words = english[area];
        if (typeof words !== 'object') continue;
        for (const [key, value] of Object.entries(words)) {
          const slots = (s: unknown) => [...JSON.stringify(s).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((s) => s !== 'n');
          expect(new Set(slots((text[area] as Record<string, unknown>)[key])), `${language} ${area}.${key}`).toEqual(new Set(slots(value)));
        }
      }
    }
  });
});
