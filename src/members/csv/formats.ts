/**
 * The member lists people bring, read as their products write them:
 * - Ghost (Members → Export): id, email, name, note, subscribed_to_emails, complimentary_plan,
 *   stripe_customer_id, created_at, deleted_at, labels, tiers. `subscribed_to_emails` says
 *   whether the member receives newsletters.
 * - Mailchimp (Audience → Export audience): one file per state, "Email Address", "First Name",
 *   "Last Name", … MEMBER_RATING, OPTIN_TIME, OPTIN_IP, CONFIRM_TIME, CONFIRM_IP, … LAST_CHANGED,
 *   LEID, EUID, NOTES, TAGS; the unsubscribed file adds UNSUB_TIME (and the campaign and reason),
 *   the cleaned file (addresses that bounced) CLEAN_TIME. Times are UTC, "YYYY-MM-DD HH:MM:SS".
 * - Substack (Subscribers → Export): email, active_subscription, expiry, plan, email_disabled,
 *   created_at, first_payment_at. `email_disabled` is true for readers who stopped the e-mails.
 * - Herald (the Members screen's export): email, name, language, created_at, source,
 *   suppressed_at, then one "newsletter:<name> [<language>]" column per newsletter holding that
 *   member's state in it (confirmed, pending, unsubscribed or empty).
 * A member is confirmed only where the file says they subscribed: Ghost's subscribed_to_emails,
 * Mailchimp's subscribed (or cleaned) file, Substack's e-mails not disabled, Herald's "confirmed".
 */
import { fromSpreadsheetText } from './csv.js';
import type { SubscriptionStatus } from '../members.service.js';

export const IMPORT_FORMATS = ['herald', 'ghost', 'mailchimp', 'substack'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A row read: who, and what the file says about their consent. */
export interface ImportedMember {
  email: string;
  name: string;
  createdAt: string | null;
  /** Herald's export only: the member's language and where they first came from. */
  language?: string;
  source?: string;
  suppressedAt: string | null;
  /** Ghost, Mailchimp, Substack: the state of their subscription to the newsletters the import is for. */
  status?: SubscriptionStatus;
  /** Herald's export: their state in each newsletter, by column. */
  newsletters?: Array<{ column: string; status: SubscriptionStatus }>;
}

export class RowFault extends Error {}

export const HERALD_COLUMNS = ['email', 'name', 'language', 'created_at', 'source', 'suppressed_at'] as const;
export const NEWSLETTER_COLUMN = /^newsletter:(.*) \[([^\]]+)\]$/;

/** Which product wrote a file, from its header; null when none did. */
export function detectFormat(header: string[]): ImportFormat | null {
  const has = (name: string) => header.includes(name);
  if (has('email') && has('language') && has('suppressed_at')) return 'herald';
  if (has('email') && has('subscribed_to_emails')) return 'ghost';
  if (has('Email Address')) return 'mailchimp';
  if (has('email') && has('email_disabled')) return 'substack';
  return null;
}

type Row = (column: string) => string;

function flag(row: Row, column: string): boolean {
  const value = row(column).trim().toLowerCase();
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new RowFault(`${column} is "${row(column)}", not true or false`);
}

/** An ISO time from a column (ISO 8601, or Mailchimp's UTC "YYYY-MM-DD HH:MM:SS"), null when empty. */
function time(row: Row, column: string): string | null {
  const value = row(column).trim();
  if (!value) return null;
  const utc = /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/.test(value) ? `${value.replace(' ', 'T')}Z` : value;
  const date = new Date(utc);
  if (Number.isNaN(date.getTime())) throw new RowFault(`${column} is "${value}", not a date and time`);
  return date.toISOString();
}

const READERS: Record<ImportFormat, (row: Row, header: string[]) => ImportedMember> = {
  ghost: (row) => ({
    email: row('email'),
    name: row('name').trim(),
    createdAt: time(row, 'created_at'),
    suppressedAt: null,
    status: flag(row, 'subscribed_to_emails') ? 'confirmed' : 'unsubscribed',
  }),
  mailchimp: (row) => {
    const cleanedAt = time(row, 'CLEAN_TIME');
    return {
      email: row('Email Address'),
      name: `${row('First Name').trim()} ${row('Last Name').trim()}`.trim(),
      createdAt: time(row, 'CONFIRM_TIME') ?? time(row, 'OPTIN_TIME'),
      // A cleaned address had subscribed, then bounced: it stays a subscriber nothing is sent to.
      suppressedAt: cleanedAt,
      status: time(row, 'UNSUB_TIME') ? 'unsubscribed' : 'confirmed',
    };
  },
  substack: (row) => ({
    email: row('email'),
    name: '',
    createdAt: time(row, 'created_at'),
    suppressedAt: null,
    status: flag(row, 'email_disabled') ? 'unsubscribed' : 'confirmed',
  }),
  herald: (row, header) => ({
    email: fromSpreadsheetText(row('email')),
    name: fromSpreadsheetText(row('name')).trim(),
    language: row('language').trim(),
    source: row('source').trim() || undefined,
    createdAt: time(row, 'created_at'),
    suppressedAt: time(row, 'suppressed_at'),
    newsletters: header
      .filter((column) => NEWSLETTER_COLUMN.test(column))
      .flatMap((column) => {
        const value = row(column).trim();
        if (!value) return [];
        if (value !== 'confirmed' && value !== 'pending' && value !== 'unsubscribed') throw new RowFault(`${column} is "${value}", not confirmed, pending or unsubscribed`);
        return [{ column, status: value as SubscriptionStatus }];
      }),
  }),
};

/** Reads one record of a file in `format` whose first record was `header`. */
export function readMember(format: ImportFormat, header: string[], fields: string[]): ImportedMember {
  if (fields.length !== header.length) throw new RowFault(`has ${fields.length} fields where the header has ${header.length}`);
  const row: Row = (column) => {
    const index = header.indexOf(column);
    return index === -1 ? '' : fields[index];
  };
  return READERS[format](row, header);
}
