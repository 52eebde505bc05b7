import { canonicalLanguage } from '../content/languages.js';
import { plainText } from '../content/body.js';

function baseOf(language: string): string {
  return language.split('-')[0].toLowerCase();
}

/**
 * The language of an imported text among `candidates` (the site's languages): the language
 * franc finds most likely, when the site speaks it; otherwise `fallback` (the export's declared
 * language). Never invents a language the site does not have.
 */
export async function detectLanguage(html: string, candidates: string[], fallback: string): Promise<string> {
  if (candidates.length <= 1) return candidates[0] ?? fallback;
  const text = plainText(html.slice(0, 4000)).slice(0, 600);
  // Below a few sentences franc guesses (a 56-character English title reads as French).
  if (text.length < 120) return fallback;
  // Only franc's first choice counts: lorem ipsum ranks Spanish, Sardinian and French almost
  // equally, and a runner-up that happens to be a site language is no evidence.
  // franc's language tables are loaded by the first import that needs them, not by every server.
  const { francAll } = await import('franc');
  const [top] = francAll(text, { minLength: 120 })[0] ?? ['und'];
  const canonical = top === 'und' ? null : canonicalLanguage(top);
  const match = canonical && candidates.find((c) => baseOf(c) === baseOf(canonical));
  if (match) return match;
  return fallback;
}

/** A language tag from an import (`fr_FR`, `pt-br`, `en`) in canonical BCP 47, or null. */
export function importedLanguage(tag: string | undefined | null): string | null {
  if (!tag) return null;
  return canonicalLanguage(tag.replace(/_/g, '-'));
}
