/**
 * The comment settings an administrator can change, stored as one JSON value under the
 * `comments` key of the site settings table (so every app process reads the same ones).
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { invalid, type FieldError } from '../core/errors.js';

export interface CommentSettings {
  /** Comments close this many days after publication; 0 keeps them open. */
  autoCloseDays: number;
  /** Hold the first comment of an e-mail address never approved before. */
  moderateFirstTime: boolean;
  /** From this score a comment waits for a moderator… */
  holdThreshold: number;
  /** …and from this one it is marked spam outright. */
  spamThreshold: number;
  /** Stored IP addresses are reduced (last octet, last 80 bits zeroed) after this many days. */
  reduceIpAfterDays: number;
  /** Submissions faster than this after the form was served are a bot's. */
  minSecondsToSubmit: number;
  /** More links than this make a comment suspicious. */
  maxLinks: number;
  /** Comments posted per minute from one address, and from one network (/24, /64). */
  ratePerIpPerMinute: number;
  ratePerNetworkPerMinute: number;
}

export const DEFAULT_COMMENT_SETTINGS: CommentSettings = {
  autoCloseDays: 30,
  moderateFirstTime: true,
  // Chosen by `npm run spam:tune` on the training split; `npm run spam:eval` gives their figures.
  holdThreshold: 0.35,
  spamThreshold: 0.98,
  reduceIpAfterDays: 30,
  minSecondsToSubmit: 3,
  maxLinks: 2,
  ratePerIpPerMinute: 10,
  ratePerNetworkPerMinute: 30,
};

const KEY = 'comments';
/** The settings row holding these, for queries that read it joined to something else. */
export const COMMENT_SETTINGS_KEY = KEY;

/** The settings from their stored row's value (none stored: the defaults). */
export function commentSettingsFrom(value: string | null | undefined): CommentSettings {
  return { ...DEFAULT_COMMENT_SETTINGS, ...(value ? (JSON.parse(value) as Partial<CommentSettings>) : {}) };
}

export async function getCommentSettings(db: Kysely<Schema>): Promise<CommentSettings> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  return commentSettingsFrom(row?.value);
}

const RANGES: Record<keyof CommentSettings, [number, number] | 'boolean'> = {
  autoCloseDays: [0, 3650],
  moderateFirstTime: 'boolean',
  holdThreshold: [0, 1],
  spamThreshold: [0, 1],
  reduceIpAfterDays: [1, 3650],
  minSecondsToSubmit: [0, 600],
  maxLinks: [0, 100],
  ratePerIpPerMinute: [1, 10_000],
  ratePerNetworkPerMinute: [1, 10_000],
};

export async function updateCommentSettings(db: Kysely<Schema>, patch: Record<string, unknown>): Promise<CommentSettings> {
  const next = { ...(await getCommentSettings(db)) } as Record<string, unknown>;
  const faults: FieldError[] = [];
  for (const [key, value] of Object.entries(patch)) {
    const range = RANGES[key as keyof CommentSettings];
    if (!range) faults.push({ field: key, message: 'is not a known comment setting' });
    else if (range === 'boolean' ? typeof value !== 'boolean' : typeof value !== 'number' || value < range[0] || value > range[1]) {
      faults.push({ field: key, message: range === 'boolean' ? 'must be true or false' : `must be a number from ${range[0]} to ${range[1]}` });
    } else next[key] = value;
  }
  if ((next.holdThreshold as number) > (next.spamThreshold as number)) {
    faults.push({ field: 'holdThreshold', message: 'must not be above spamThreshold' });
  }
  if (faults.length) throw invalid(faults);
  const value = JSON.stringify(next);
  await db.insertInto('settings').values({ key: KEY, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  return next as unknown as CommentSettings;
}
