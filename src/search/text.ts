/**
 * Pure text helpers shared by both search dialects and the highlighter: how a query becomes
 * terms, what counts as Chinese/Japanese/Korean, and diacritic folding. Keeping these in one
 * place is what makes SQLite and PostgreSQL find (and mark) the same words.
 */

/** Longest query accepted; longer ones answer 400 rather than scanning the index with noise. */
export const MAX_QUERY_LENGTH = 500;
/** At most this many terms are searched; the rest of a pasted paragraph is ignored. */
export const MAX_TERMS = 12;

// Han, Hiragana, Katakana, Hangul (syllables and jamo), CJK punctuation-free ranges.
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

export function hasCjk(text: string): boolean {
  return CJK.test(text);
}

/**
 * Lower case without diacritics (é → e, ñ → n), one input character at a time so that a
 * position in the folded text maps back to the original. Only combining diacritical marks
 * (U+0300–U+036F) go: Japanese voicing marks and Hangul stay as they are.
 */
const folded = new Map<string, string>();

export function foldChar(char: string): string {
  const code = char.charCodeAt(0);
  // ASCII is most of most text: lower-case it without the Unicode machinery.
  if (code < 0x80) return code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : char;
  let result = folded.get(char);
  if (result === undefined) {
    result = char.normalize('NFD').replace(/[\u0300-\u036f]/g, '').normalize('NFC').toLowerCase();
    if (folded.size < 50_000) folded.set(char, result);
  }
  return result;
}

export function fold(text: string): string {
  return Array.from(text, foldChar).join('');
}

/**
 * The words of a query: runs of letters, marks and digits, folded. Everything else — quotes,
 * `*`, `NEAR(`, `:`, `-`, operators of either engine's syntax — is a separator, so no query
 * can reach the engines' own query languages.
 */
export function queryTerms(query: string): string[] {
  const terms = fold(query).match(/[\p{L}\p{M}\p{N}]+/gu) ?? [];
  return [...new Set(terms)].slice(0, MAX_TERMS);
}

export function isCjkQuery(terms: string[]): boolean {
  return terms.some(hasCjk);
}
