import { perLanguage } from '../content/languages.js';
import { shippedLanguage } from './i18n.js';

/** The words of a story's credits and an author's link; `{names}` is a list in the language's own format. */
const en = {
  translatedFromBy: 'Translated from {language} by {names}',
  additionalReporting: 'Additional reporting by {names}',
  website: 'Website',
};

type CreditStrings = typeof en;

const fr: CreditStrings = {
  translatedFromBy: 'Traduit de l’{language} par {names}',
  additionalReporting: 'Avec la contribution de {names}',
  website: 'Site web',
};

const de: CreditStrings = {
  translatedFromBy: 'Übersetzt aus dem {language} von {names}',
  additionalReporting: 'Mitarbeit: {names}',
  website: 'Website',
};

const es: CreditStrings = {
  translatedFromBy: 'Traducido del {language} por {names}',
  additionalReporting: 'Con información adicional de {names}',
  website: 'Sitio web',
};

const zhHant: CreditStrings = {
  translatedFromBy: '由{names}譯自{language}',
  additionalReporting: '{names}對本文亦有貢獻',
  website: '網站',
};

const ar: CreditStrings = {
  translatedFromBy: 'ترجمه {names} عن {language}',
  additionalReporting: 'شارك في إعداد التقرير {names}',
  website: 'الموقع',
};

export const CREDIT_STRINGS: Record<string, CreditStrings> = { en, fr, de, es, 'zh-Hant': zhHant, ar };

/** The credit words for a language (the exact one, its base, else English), with the language they are in. */
export const creditStrings = perLanguage((language: string): Readonly<CreditStrings & { lang: string }> => {
  const lang = shippedLanguage(CREDIT_STRINGS, language);
  return Object.freeze({ ...CREDIT_STRINGS[lang], lang });
});
