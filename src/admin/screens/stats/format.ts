import { languageNameIn, regionNameIn } from '../../../content/languages.js';
import type { AdminText } from '../../i18n/index.js';
import type { NamedEntry, TopList } from '../../../analytics/stats.report.js';

const numberFormats = new Map<string, Intl.NumberFormat>();

/** A count in the admin's language (1,234 / 1 234 / ١٬٢٣٤), shortened past ten thousand (12K). */
export function formatCount(n: number, lang: string): string {
  const key = `${lang} ${n >= 10_000}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(lang, n >= 10_000 ? { notation: 'compact', maximumFractionDigits: 1 } : {})));
  return format.format(n);
}

export function formatShare(part: number, whole: number, lang: string): string {
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(whole ? part / whole : 0);
}

export function formatRatio(ratio: number, lang: string): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits: 1 }).format(ratio);
}

/** What an entry of a top list is called on screen, in the admin's language. */
export function entryLabel(list: TopList, entry: NamedEntry, t: AdminText): string {
  switch (list) {
    case 'languages':
      return languageNameIn(entry.key, t.lang);
    case 'countries':
      return entry.key ? regionNameIn(entry.key, t.lang) : t.stats.unknownCountry;
    case 'devices':
      return (t.stats as Record<string, string>)[`device_${entry.key}`] ?? entry.key;
    case 'sources':
      return entry.key || t.stats.direct;
    default:
      return entry.name;
  }
}
