import { perLanguage } from '../content/languages.js';

/**
 * The languages Herald's own words are written in: the public site's, the comments' and the
 * admin's. Content may be in any language; interface text falls back to one of these.
 */
export const INTERFACE_LANGUAGES = ['en', 'fr', 'de', 'es', 'zh-Hant', 'ar'] as const;
export type InterfaceLanguage = (typeof INTERFACE_LANGUAGES)[number];

export function isInterfaceLanguage(tag: unknown): tag is InterfaceLanguage {
  return (INTERFACE_LANGUAGES as readonly unknown[]).includes(tag);
}

/** The language a table of interface text answers `language` in: the exact tag, then its base language, then English. */
export function shippedLanguage(table: Record<string, unknown>, language: string): string {
  const base = language.split('-')[0];
  return table[language] ? language : table[base] ? base : 'en';
}

export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, key: string) => String(values[key] ?? ''));
}

/** A count's wording for each CLDR plural category its language uses; `other` always. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };

const pluralRules = perLanguage((language: string) => new Intl.PluralRules(language));

/**
 * The form of `forms` that `n` takes in `language`, with `{n}` written as `shown`. CLDR's rules
 * decide: Arabic has six forms (2 is "two", 3–10 "few", 11–99 "many"), French counts 0 with 1,
 * Chinese has one.
 */
export function plural(language: string, n: number, forms: PluralForms, shown = String(n)): string {
  return format(pluralForm(language, n, forms), { n: shown });
}

/** The form of `forms` that `n` takes in `language`, its `{slots}` still to fill. */
export function pluralForm(language: string, n: number, forms: PluralForms): string {
  return forms[pluralRules(language).select(n)] ?? forms.other;
}
