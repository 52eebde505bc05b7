import { perLanguage } from '../content/languages.js';
import { wallTime, zoneOffsetMinutes } from '../core/time-zone.js';
import { shippedLanguage } from '../core/interface-text.js';
import { STRINGS, type Strings } from './i18n.strings.js';

// The helpers every table of interface text uses, here for the site's views.
export { format, plural, shippedLanguage, type PluralForms } from '../core/interface-text.js';

export type { Strings };

/** Interface strings and the language they are actually in (English when we ship none for the page's). */
export type Interface = Strings & { lang: string };

/** The strings for a language (see shippedLanguage), one frozen object per tag. */
export const stringsFor = perLanguage((language: string): Readonly<Interface> => {
  const lang = shippedLanguage(STRINGS, language);
  return Object.freeze({ ...STRINGS[lang], lang });
});

/** `lang` for an element holding interface text inside content in `contentLanguage`; undefined when they agree. */
export function chromeLang(t: { lang: string }, contentLanguage: string): string | undefined {
  return t.lang === contentLanguage ? undefined : t.lang;
}

// Building an Intl.DateTimeFormat costs far more than formatting with it (locale data is
// resolved each time); a page formats dozens of dates, so formatters are kept per
// (language, time zone, style). Languages and zones are the site's few: the map stays small.
const formatters = new Map<string, Intl.DateTimeFormat>();

type Style = 'dateTime' | 'date' | 'medium';

const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  dateTime: { year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' },
  date: { dateStyle: 'long' },
  medium: { dateStyle: 'medium', timeStyle: 'short' },
};

function formatter(language: string, timeZone: string, style: Style): Intl.DateTimeFormat {
  const key = `${style}\u0000${language}\u0000${timeZone}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, { ...STYLES[style], timeZone });
    formatters.set(key, found);
  }
  return found;
}

/** A date-time in the page's language and the site's time zone, with the zone named. */
export function formatDateTime(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, 'dateTime').format(new Date(iso));
}

export function formatDate(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, 'date').format(new Date(iso));
}

/** A short date and time ("26 Nov 2026, 09:30"), as comments are dated. */
export function formatShortDateTime(iso: string, language: string, timeZone: string): string {
  return formatter(language, timeZone, 'medium').format(new Date(iso));
}

/**
 * The instant as ISO 8601 with the site's UTC offset (`2026-11-26T09:30:00+01:00`), so the
 * machine-readable `datetime` says the same wall-clock time the reader sees.
 */
export function isoInTimeZone(iso: string, timeZone: string): string {
  const date = new Date(iso);
  // Most sites keep UTC: no offset to look up.
  if (timeZone === 'UTC') return `${date.toISOString().slice(0, 19)}+00:00`;
  const offsetMinutes = zoneOffsetMinutes(date, timeZone);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(offsetMinutes);
  const offset = `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
  return `${wallTime(date, timeZone)}${offset}`;
}

/** The Open Graph form of a language tag (`fr` → `fr_FR`, `zh-Hant` → `zh_TW`). */
export const ogLocale = perLanguage((language: string): string => {
  try {
    const locale = new Intl.Locale(language).maximize();
    return locale.region ? `${locale.language}_${locale.region}` : locale.language;
  } catch {
    return language.replace('-', '_');
  }
});
