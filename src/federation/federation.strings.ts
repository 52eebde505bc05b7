import { perLanguage } from '../content/languages.js';
import { shippedLanguage } from '../site/i18n.js';

/** The site's words about its fediverse accounts. */
const en = { followUs: 'Follow us on the fediverse:' };

type FederationStrings = typeof en;

export const FEDERATION_STRINGS: Record<string, FederationStrings> = {
  en,
  fr: { followUs: 'Suivez-nous sur le fédivers :' },
  de: { followUs: 'Folgen Sie uns im Fediverse:' },
  es: { followUs: 'Síganos en el fediverso:' },
  'zh-Hant': { followUs: '在聯邦宇宙追蹤我們：' },
  ar: { followUs: 'تابعونا على الفديفيرس:' },
};

/** The strings for a language (see shippedLanguage), one frozen object per tag. */
export const federationStrings = perLanguage((language: string): Readonly<FederationStrings & { lang: string }> => {
  const lang = shippedLanguage(FEDERATION_STRINGS, language);
  return Object.freeze({ ...FEDERATION_STRINGS[lang], lang });
});
