import { plainText } from '../content/body.js';
import { foldChar, hasCjk } from './text.js';

export interface Highlight {
  /** The title, HTML-escaped, with matched words in `<mark>`. */
  title: string;
  /** A short passage of the text around the first match, escaped and marked the same way. */
  snippet: string;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const WORD_CHAR = /[\p{L}\p{M}\p{N}]/u;

/**
 * Where the terms occur in `text`, as [start, end) code-unit ranges, merged. Words of
 * alphabetic scripts match at the start of a word (the engines match by prefix); CJK terms
 * match anywhere, as the trigram and substring searches do.
 */
export function matchRanges(text: string, terms: string[]): Array<[number, number]> {
  let folded = '';
  let origin: (i: number) => number;
  // ASCII folds to the same length: positions need no map (most English text).
  if (/^[\x00-\x7f]*$/.test(text)) {
    folded = text.toLowerCase();
    origin = (i) => i;
  } else {
    const map: number[] = [];
    let offset = 0;
    for (const char of text) {
      const f = foldChar(char);
      for (let i = 0; i < f.length; i++) map.push(offset);
      folded += f;
      offset += char.length;
    }
    map.push(offset);
    origin = (i) => map[i];
  }
  const ranges: Array<[number, number]> = [];
  for (const term of terms) {
    const anywhere = hasCjk(term);
    for (let at = folded.indexOf(term); at !== -1; at = folded.indexOf(term, at + 1)) {
      if (!anywhere && at > 0 && WORD_CHAR.test(folded[at - 1])) continue;
      ranges.push([origin(at), origin(at + term.length)]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
    else merged.push([...range]);
  }
  return merged;
}

function mark(text: string, ranges: Array<[number, number]>): string {
  let html = '';
  let at = 0;
  for (const [start, end] of ranges) {
    html += `${escapeHtml(text.slice(at, start))}<mark>${escapeHtml(text.slice(start, end))}</mark>`;
    at = end;
  }
  return html + escapeHtml(text.slice(at));
}

/** A window of about `size` characters around the first match, cut at spaces where possible. */
function window(text: string, ranges: Array<[number, number]>, size: number): { text: string; ranges: Array<[number, number]> } {
  if (text.length <= size) return { text, ranges };
  const first = ranges[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(size / 3));
  const space = text.lastIndexOf(' ', start);
  if (space > 0 && start - space < 20) start = space + 1;
  let end = Math.min(text.length, start + size);
  const endSpace = text.indexOf(' ', end);
  if (endSpace !== -1 && endSpace - end < 20) end = endSpace;
  const inside = ranges
    .filter(([s, e]) => e > start && s < end)
    .map(([s, e]): [number, number] => [Math.max(s, start) - start, Math.min(e, end) - start]);
  const prefix = start > 0 ? '…' : '';
  const suffix = end < text.length ? '…' : '';
  return {
    text: prefix + text.slice(start, end) + suffix,
    ranges: inside.map(([s, e]): [number, number] => [s + prefix.length, e + prefix.length]),
  };
}

// A snippet comes from the start of long stories: enough to find a match, without stripping
// the tags of a whole long read for every result on the page.
const SNIPPET_SOURCE = 20_000;

export function highlight(article: { title: string; standfirst: string; body: string }, terms: string[], size = 220): Highlight {
  const text = [article.standfirst, plainText(article.body.slice(0, SNIPPET_SOURCE))].filter(Boolean).join(' — ');
  const cut = window(text, matchRanges(text, terms), size);
  return { title: mark(article.title, matchRanges(article.title, terms)), snippet: mark(cut.text, cut.ranges) };
}
