/**
 * Daily and weekly digests: at the newsletter's hour on the site's clock, the stories published
 * in its language since the previous edition go out as one mail. Nothing published, no digest.
 * Run by every process's send worker; the unique index on (newsletter, period) makes one win.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { SiteSettings } from '../settings/settings.service.js';
import { instantAt, wallTime } from '../core/time-zone.js';
import { digestStories } from './send-content.js';
import { createSend, sendsQueued } from './sends.service.js';
import { format } from '../core/interface-text.js';
import { mailStrings } from './mail/mail.strings.js';

const DAY_MS = 86_400_000;

function shiftDate(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The latest edition of a digest due at or before `now`: its period is [start, end), `end` the
 * edition's time (HH:MM on the site's clock), `start` the one before it.
 */
export function duePeriod(cadence: 'daily' | 'weekly', sendTime: string, weekday: number, zone: string, now: Date): { start: string; end: string } {
  const today = wallTime(now, zone).slice(0, 10);
  const at = (date: string) => instantAt(`${date}T${sendTime}`, zone);
  const step = cadence === 'daily' ? 1 : 7;
  let date = today;
  if (cadence === 'weekly') {
    const todayWeekday = new Date(`${today}T00:00:00Z`).getUTCDay();
    date = shiftDate(today, -((todayWeekday - weekday + 7) % 7));
  }
  if (at(date) > now) date = shiftDate(date, -step);
  return { start: at(shiftDate(date, -step)).toISOString(), end: at(date).toISOString() };
}

/** Queues every digest whose edition is due and not yet queued; returns how many were queued. */
export async function queueDueDigests(db: Kysely<Schema>, settings: SiteSettings, now = new Date()): Promise<number> {
  const newsletters = await db
    .selectFrom('newsletters')
    .select(['id', 'name', 'language', 'cadence', 'send_time', 'send_weekday', 'created_at'])
    .where('cadence', 'in', ['daily', 'weekly'])
    .where('archived', '=', 0)
    .execute();
  let queued = 0;
  for (const newsletter of newsletters) {
    const period = duePeriod(newsletter.cadence as 'daily' | 'weekly', newsletter.send_time, newsletter.send_weekday, settings.timezone, now);
    // A newsletter made after an edition's time starts with the next one.
    if (newsletter.created_at > period.end) continue;
    const exists = await db.selectFrom('newsletter_sends').select('id').where('newsletter_id', '=', newsletter.id).where('kind', '=', 'digest').where('period_start', '=', period.start).executeTakeFirst();
    if (exists) continue;
    const stories = await digestStories(db, settings, newsletter.language, period);
    if (stories.length === 0) continue;
    const subject = format(mailStrings(newsletter.language).digestSubject, { newsletter: newsletter.name, title: stories[0].title });
    const send = await db.transaction().execute((trx) =>
      createSend(trx, { newsletterId: newsletter.id, kind: 'digest', period, subject, createdBy: 'digest' }, now.toISOString()),
    );
    if (send) queued++;
  }
  if (queued > 0) sendsQueued.emit('queued');
  return queued;
}
