/**
 * Embargo and expiry: the two moments at which a story changes what readers can see without
 * anyone pressing a button.
 *
 * An embargo is a publication time with a guarantee: the story is stored as scheduled until
 * then (so every public query, which reads only published stories, leaves it out), no preview
 * link shows it, and publishing it early schedules it for the embargo instead. An expiry turns a
 * published story into an expired one ('expired' status), which drops it from every listing,
 * feed, sitemap and the search index; its address then answers 410 with a note, or, for an
 * unlisted expiry, still shows it with `noindex`.
 *
 * The statuses change when the moment comes (moments.gate.ts runs `applyDueMoments` at the
 * moment and before any request after it), so the rest of Herald only ever reads statuses.
 */
import type { ArticleRow, ArticleRowUpdate } from '../db/schema.js';
import { toIso } from '../db/time.js';
import type { FieldError } from '../core/errors.js';
import type { Expiry } from './articles.types.js';

export interface MomentInput {
  publishAt?: string | null;
  embargoUntil?: string | null;
  expiresAt?: string | null;
  expiry?: Expiry;
}

type StatusColumns = Pick<ArticleRowUpdate, 'status' | 'publish_at' | 'published_at'>;

const later = (a: string, b: string) => Date.parse(a) > Date.parse(b);

/** The embargo in force at `now` (ISO), if any. */
export function activeEmbargo(row: Pick<ArticleRow, 'embargo_until'>, now: number): string | null {
  return row.embargo_until && Date.parse(row.embargo_until) > now ? row.embargo_until : null;
}

/**
 * The embargo and expiry columns of a write, and the status columns they change: publishing a
 * story under an embargo schedules it for the embargo; moving an expired story's expiry away
 * (or clearing it) publishes it again. Faults name the field: an embargo set on a story that
 * is already out, a publication time before the embargo, an expiry that is not after the
 * story is published.
 */
export function momentColumns(
  input: MomentInput,
  current: ArticleRow | undefined,
  statusCols: StatusColumns,
  now: string,
  faults: FieldError[],
): ArticleRowUpdate {
  for (const field of ['embargoUntil', 'expiresAt'] as const) {
    const value = input[field];
    if (value && Number.isNaN(Date.parse(value))) faults.push({ field, message: 'must be a date-time' });
  }
  if (faults.some((f) => f.field === 'embargoUntil' || f.field === 'expiresAt' || f.field === 'publishAt')) return {};
  const columns: ArticleRowUpdate = { ...statusCols };
  const embargo = input.embargoUntil !== undefined ? (input.embargoUntil && toIso(input.embargoUntil)) : (current?.embargo_until ?? null);
  const expires = input.expiresAt !== undefined ? (input.expiresAt && toIso(input.expiresAt)) : (current?.expires_at ?? null);
  const before = current?.status;
  let status = statusCols.status ?? before ?? 'draft';
  let publishAt = statusCols.publish_at !== undefined ? statusCols.publish_at : (current?.publish_at ?? null);

  if (embargo && later(embargo, now)) {
    if (status === 'published' && before === 'published') {
      if (input.embargoUntil !== undefined && input.embargoUntil !== current?.embargo_until) {
        faults.push({ field: 'embargoUntil', message: 'cannot be set on a story that is already published: unpublish it first' });
      }
    } else if (status === 'published') {
      // "Publish" under an embargo: out at the embargo, not a moment before.
      status = 'scheduled';
      publishAt = embargo;
    } else if (status === 'scheduled' && publishAt && later(embargo, publishAt)) {
      if (input.publishAt) faults.push({ field: 'publishAt', message: `must not be before the embargo (${embargo})` });
      else publishAt = embargo;
    }
  }

  if (expires && (input.expiresAt !== undefined || statusCols.status !== undefined || input.publishAt !== undefined || input.embargoUntil !== undefined)) {
    const start = status === 'scheduled' ? publishAt : status === 'published' && before !== 'published' ? now : null;
    if (start && !later(expires, start)) {
      faults.push({ field: 'expiresAt', message: `must be after the story is published (${start})` });
    } else if (status === 'published' && input.expiresAt !== undefined && !later(expires, now)) {
      faults.push({ field: 'expiresAt', message: 'must be in the future' });
    } else if (status === 'draft' && embargo && !later(expires, embargo)) {
      faults.push({ field: 'expiresAt', message: `must be after the embargo (${embargo})` });
    }
  }
  // An expired story whose expiry is moved to later, or removed, is back (an edit of anything else leaves it expired).
  if (status === 'expired' && input.expiresAt !== undefined && (!expires || later(expires, now))) status = 'published';

  if (status !== (statusCols.status ?? before)) columns.status = status;
  if (publishAt !== (statusCols.publish_at !== undefined ? statusCols.publish_at : current?.publish_at)) columns.publish_at = publishAt;
  if (input.embargoUntil !== undefined) columns.embargo_until = embargo;
  if (input.expiresAt !== undefined) columns.expires_at = expires;
  if (input.expiry !== undefined) columns.expiry = input.expiry;
  return columns;
}
