import type { AdminText } from '../../i18n/index.js';
import type { Newsletter } from './newsletter-types.js';

/** A weekday's name in a language: 0 is Sunday, as the newsletter stores it (4 January 1970 was a Sunday). */
export function weekdayName(day: number, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(1970, 0, 4 + day)));
}

/** When a newsletter goes out, in a line: "Weekly digest on Friday at 18:30". */
export function rhythm(t: AdminText, newsletter: Pick<Newsletter, 'cadence' | 'sendTime' | 'sendWeekday'>): string {
  const words = t.newsletters;
  if (newsletter.cadence === 'daily') return t.format(words.dailyAt, { time: newsletter.sendTime });
  if (newsletter.cadence === 'weekly') return t.format(words.weeklyAt, { time: newsletter.sendTime, weekday: weekdayName(newsletter.sendWeekday, t.lang) });
  return words.each;
}
