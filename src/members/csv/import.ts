import type { Kysely } from 'kysely';
import { invalidField } from '../../core/errors.js';
import type { Schema } from '../../db/schema.js';
import { nowIso } from '../../db/time.js';
import { getSettings } from '../../settings/settings.service.js';
import { isEmailAddress, normalizeEmail } from '../email-address.js';
import { findMemberByEmail, setSubscription, type SubscriptionStatus } from '../members.service.js';
import { readCsv } from './csv.js';
import { detectFormat, IMPORT_FORMATS, NEWSLETTER_COLUMN, readMember, RowFault, type ImportedMember, type ImportFormat } from './formats.js';

export interface ImportOptions {
  /** The file's product; read from its header when absent. */
  format?: ImportFormat;
  /** The newsletters a Ghost, Mailchimp or Substack list is for (Herald's export names its own). */
  newsletters?: number[];
  /** The language of members the file gives none (all but Herald's); the first newsletter's by default. */
  language?: string;
}

export interface ImportReport {
  format: ImportFormat;
  /** Records read after the header. */
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** The rows that could not be read, by the line they start on, and why; the others were imported. */
  skipped: Array<{ line: number; reason: string }>;
  /** About the whole file: columns naming newsletters this site does not have. */
  notes: string[];
}

/** Rows written per transaction: a long import holds no lock for long, and a fault loses nothing before it. */
const BATCH = 200;

interface Target {
  language: string;
  /** The newsletters each member's status applies to: the chosen ones, or, for Herald's export, its columns'. */
  byColumn: Map<string, number>;
  chosen: number[];
}

async function target(db: Kysely<Schema>, format: ImportFormat, header: string[], options: ImportOptions, notes: string[]): Promise<Target> {
  const settings = await getSettings(db);
  const newsletters = await db.selectFrom('newsletters').select(['id', 'name', 'language']).execute();
  const chosen = [...new Set(options.newsletters ?? [])];
  const missing = chosen.filter((id) => !newsletters.some((n) => n.id === id));
  if (missing.length) throw invalidField('newsletters', `no newsletter ${missing.join(', ')}`);
  if (format !== 'herald' && chosen.length === 0) throw invalidField('newsletters', `name the newsletters this ${format} list subscribes its members to`);
  const language = options.language ?? newsletters.find((n) => n.id === chosen[0])?.language ?? settings.defaultLanguage;
  if (!settings.languages.includes(language)) throw invalidField('language', `must be one of the site's languages: ${settings.languages.join(', ')}`);
  const byColumn = new Map<string, number>();
  for (const column of header) {
    const match = column.match(NEWSLETTER_COLUMN);
    if (!match) continue;
    const found = newsletters.find((n) => n.name === match[1] && n.language === match[2]);
    if (found) byColumn.set(column, found.id);
    else notes.push(`The column "${column}" names no newsletter of this site; its states were not imported.`);
  }
  return { language, byColumn, chosen };
}

/** Creates or brings up to date one member; 'created', 'updated' or 'unchanged'. */
async function writeMember(db: Kysely<Schema>, read: ImportedMember, format: ImportFormat, to: Target, languages: string[]): Promise<'created' | 'updated' | 'unchanged'> {
  const email = normalizeEmail(read.email);
  const now = nowIso();
  const statuses: Array<[number, SubscriptionStatus]> = read.newsletters
    ? read.newsletters.flatMap(({ column, status }) => (to.byColumn.has(column) ? [[to.byColumn.get(column)!, status] as [number, SubscriptionStatus]] : []))
    : to.chosen.map((id) => [id, read.status!]);
  let member = await findMemberByEmail(db, email);
  let outcome: 'created' | 'updated' | 'unchanged' = 'unchanged';
  if (!member) {
    const language = read.language && languages.includes(read.language) ? read.language : to.language;
    const createdAt = read.createdAt ?? now;
    member = await db
      .insertInto('members')
      .values({ email, name: read.name, language, source: read.source ?? `import:${format}`, suppressed_at: read.suppressedAt, created_at: createdAt, updated_at: now })
      .returningAll()
      .executeTakeFirstOrThrow();
    outcome = 'created';
  } else {
    // What the newsroom knows already stays: a name is filled in, never replaced; a suppression is added, never lifted.
    const change = {
      ...(!member.name && read.name ? { name: read.name } : {}),
      ...(!member.suppressed_at && read.suppressedAt ? { suppressed_at: read.suppressedAt } : {}),
    };
    if (Object.keys(change).length) {
      await db.updateTable('members').set({ ...change, updated_at: now }).where('id', '=', member.id).execute();
      outcome = 'updated';
    }
  }
  for (const [newsletter, status] of statuses) {
    // A new member's subscriptions date from when the file says they joined.
    const changed = await setSubscription(db, member.id, newsletter, status, { now: outcome === 'created' ? member.created_at : now });
    if (changed && outcome === 'unchanged') outcome = 'updated';
  }
  return outcome;
}

/**
 * Imports a member list (Ghost, Mailchimp, Substack or Herald's own export). Every row that can
 * be read is imported; the others are reported with their line. Importing the same file again
 * changes nothing: members are found by address, a subscription only moves forward (pending to
 * confirmed, anything to unsubscribed), and nobody who left a newsletter is subscribed again.
 */
export async function importMembers(db: Kysely<Schema>, csv: string, options: ImportOptions = {}): Promise<ImportReport> {
  const [head, ...records] = readCsv(csv);
  if (!head || head.fault) throw invalidField('file', head?.fault ? `the header line ${head.fault}` : 'the file is empty');
  const header = head.fields.map((f) => f.trim());
  const format = options.format ?? detectFormat(header);
  if (!format) {
    throw invalidField('file', `is not a member export Herald reads (${IMPORT_FORMATS.join(', ')}): its header has none of their columns`);
  }
  if (options.format && detectFormat(header) !== options.format) throw invalidField('format', `the file's columns are not those of a ${options.format} export`);
  const report: ImportReport = { format, rows: records.length, created: 0, updated: 0, unchanged: 0, skipped: [], notes: [] };
  const to = await target(db, format, header, options, report.notes);
  const { languages } = await getSettings(db);

  const readable: Array<{ line: number; member: ImportedMember }> = [];
  for (const record of records) {
    try {
      if (record.fault) throw new RowFault(record.fault);
      const member = readMember(format, header, record.fields);
      if (!isEmailAddress(normalizeEmail(member.email))) throw new RowFault(member.email.trim() ? `"${member.email}" is not an e-mail address` : 'has no e-mail address');
      if (member.language && !languages.includes(member.language)) throw new RowFault(`language "${member.language}" is not one of the site's (${languages.join(', ')})`);
      readable.push({ line: record.line, member });
    } catch (error) {
      if (!(error instanceof RowFault)) throw error;
      report.skipped.push({ line: record.line, reason: error.message });
    }
  }
  for (let i = 0; i < readable.length; i += BATCH) {
    await db.transaction().execute(async (trx) => {
      for (const { member } of readable.slice(i, i + BATCH)) report[await writeMember(trx, member, format, to, languages)]++;
    });
  }
  return report;
}
