/** The canonical BCP 47 form of a tag (`zh-hant` → `zh-Hant`), or null when it is not one. */
export function canonicalLanguage(tag: unknown): string | null {
  if (typeof tag !== 'string' || tag.trim() === '' || tag.length > 35) return null;
  try {
    return Intl.getCanonicalLocales(tag.trim())[0] ?? null;
  } catch {
    return null;
  }
}

const RTL_LANGUAGES = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);
const RTL_SCRIPTS = new Set(['Arab', 'Hebr', 'Thaa', 'Syrc', 'Nkoo', 'Adlm', 'Rohg']);

/**
 * Remembers a pure function of a language tag: the Intl objects behind these answers are
 * costly to build and every page asks for the same few languages many times.
 */
export function perLanguage<T>(compute: (language: string) => T): (language: string) => T {
  const known = new Map<string, T>();
  return (language) => {
    if (known.has(language)) return known.get(language)!;
    const value = compute(language);
    // Tags come from stored content and settings, but bound the map all the same.
    if (known.size < 1000) known.set(language, value);
    return value;
  };
}

/** Text direction for a language, from its script (explicit or most likely). */
export const directionOf = perLanguage((language): 'ltr' | 'rtl' => {
  try {
    const locale = new Intl.Locale(language).maximize();
    if (locale.script) return RTL_SCRIPTS.has(locale.script) ? 'rtl' : 'ltr';
    return RTL_LANGUAGES.has(locale.language) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
});

/** The language's own name for itself ("français", "العربية", "中文（繁體）"). */
export const nativeLanguageName = perLanguage((language): string => {
  try {
    const name = new Intl.DisplayNames([language], { type: 'language' }).of(language) ?? language;
    return name.charAt(0).toLocaleUpperCase(language) + name.slice(1);
  } catch {
    return language;
  }
});

/** A country's or region's name in a language ("Allemagne" for `DE` in French); the code itself when Intl knows none. */
export function regionNameIn(code: string, displayLanguage: string): string {
  try {
    return new Intl.DisplayNames([displayLanguage], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A language's name in another language ("French" for `fr` on an English page). */
export function languageNameIn(language: string, displayLanguage: string): string {
  try {
    return new Intl.DisplayNames([displayLanguage], { type: 'language' }).of(language) ?? language;
  } catch {
    return language;
  }
}
