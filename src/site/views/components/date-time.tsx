import { formatDateTime, isoInTimeZone } from '../../i18n.js';

/** A `<time>` whose machine-readable value carries the site's offset, shown in the page's language. */
export function DateTime({ iso, language, timeZone }: { iso: string; language: string; timeZone: string }) {
  return <time datetime={isoInTimeZone(iso, timeZone)}>{formatDateTime(iso, language, timeZone)}</time>;
}
