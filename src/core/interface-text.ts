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

/**
 * The interface language for a person: the one they chose, else the first of their browser's
 * languages the admin is written in (`fr-CA` reads French, `zh-TW` Traditional Chinese), else English.
 */
export function chooseLanguage(chosen: string | null | undefined, browser: readonly string[]): InterfaceLanguage {
  if (isInterfaceLanguage(chosen)) return chosen;
  for (const tag of browser) {
    if (isInterfaceLanguage(tag)) return tag;
    try {
      const locale = new Intl.Locale(tag).maximize();
      const withScript = `${locale.language}-${locale.script}`;
      if (isInterfaceLanguage(withScript)) return withScript;
      // Chinese in another script than the one shipped is not read as it.
      if (locale.language !== 'zh' && isInterfaceLanguage(locale.language)) return locale.language;
    } catch {
      // Not a language tag: the next one may be.
    }
  }
  return 'en';
}

/** The tags of an Accept-Language header, most wanted first (`fr-CA,fr;q=0.8,en;q=0.5` → fr-CA, fr, en). */
export function acceptedLanguages(header: string | undefined): string[] {
  return (header ?? '')
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = Number(params.find((p) => p.trim().startsWith('q='))?.split('=')[1] ?? 1);
      return { tag: tag.trim(), q: Number.isFinite(q) ? q : 0 };
    })
    .filter((wanted) => wanted.tag && wanted.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((wanted) => wanted.tag);
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
