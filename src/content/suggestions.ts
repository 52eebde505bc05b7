import { createRequire } from 'node:module';

// The package is a bare JSON file; require reads it without an import attribute. Read on the
// first suggestion, not at start: every language's list together is megabytes of heap.
const require = createRequire(import.meta.url);
let stopwordsIso: Record<string, string[]> | undefined;

/**
 * Tag suggestions for a text: the names it mentions (runs of capitalised words) and its most
 * frequent keywords, never stop-words. Words are segmented with Intl.Segmenter, which splits
 * Chinese and Japanese text into words as well as space-separated scripts.
 */

const stopwordCache = new Map<string, Set<string>>();

function stopwordsFor(language: string): Set<string> {
  const base = new Intl.Locale(language).language;
  let set = stopwordCache.get(base);
  if (!set) {
    stopwordsIso ??= require('stopwords-iso') as Record<string, string[]>;
    set = new Set((stopwordsIso[base] ?? []).map((w) => w.toLocaleLowerCase(base)));
    stopwordCache.set(base, set);
  }
  return set;
}

// French and Italian glue articles to the next word: "l'économie", "d'Europe", "qu'il".
const ELISION = /^(?:l|d|j|m|n|s|t|c|qu|jusqu|lorsqu|puisqu|all|dell|nell|sull)['’]/i;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CASED = /^\p{Lu}/u;

interface Token {
  text: string;
  sentence: number;
  /** First word of its sentence: capitalised by grammar, not because it is a name. */
  first: boolean;
  /** Index of the word; names are built from consecutive indexes. */
  index: number;
}

function tokenize(text: string, language: string): Token[] {
  const sentences = Array.from(new Intl.Segmenter(language, { granularity: 'sentence' }).segment(text));
  const words = new Intl.Segmenter(language, { granularity: 'word' });
  const tokens: Token[] = [];
  let index = 0;
  sentences.forEach(({ segment }, sentence) => {
    let first = true;
    for (const part of words.segment(segment)) {
      if (!part.isWordLike) {
        // Punctuation inside a sentence breaks a run of names ("Paris, Berlin").
        if (/[^\s]/u.test(part.segment)) index++;
        continue;
      }
      tokens.push({ text: part.segment.replace(ELISION, ''), sentence, first, index: index++ });
      first = false;
    }
  });
  return tokens.filter((t) => t.text.length > 0);
}

function isKeyword(word: string, stopwords: Set<string>, language: string): boolean {
  const lower = word.toLocaleLowerCase(language);
  if (stopwords.has(lower) || /^\p{N}+$/u.test(word)) return false;
  const length = Array.from(word).length;
  return CJK.test(word) ? length >= 2 : length >= 3;
}

export function suggestTags(text: string, language: string, limit = 10): string[] {
  const stopwords = stopwordsFor(language);
  const tokens = tokenize(text, language);
  const scores = new Map<string, { label: string; score: number }>();
  const add = (key: string, label: string, score: number) => {
    const entry = scores.get(key);
    if (entry) entry.score += score;
    else scores.set(key, { label, score });
  };
  const lowerForms = new Set(tokens.filter((t) => !CASED.test(t.text)).map((t) => t.text.toLocaleLowerCase(language)));
  const inNames = new Set<string>();

  // Names: runs of capitalised words. A sentence-initial word counts only when it is joined to
  // a following capitalised word or is never written in lower case elsewhere.
  for (let i = 0; i < tokens.length; i++) {
    if (!CASED.test(tokens[i].text)) continue;
    let j = i;
    while (j + 1 < tokens.length && CASED.test(tokens[j + 1].text) && tokens[j + 1].index === tokens[j].index + 1 && tokens[j + 1].sentence === tokens[i].sentence) j++;
    let run = tokens.slice(i, j + 1);
    if (run[0].first && (run.length === 1 ? lowerForms.has(run[0].text.toLocaleLowerCase(language)) : false)) {
      i = j;
      continue;
    }
    // Drop stop-words at the edges of a run ("Le Monde" stays; "Pour Emmanuel" loses "Pour").
    while (run.length && stopwords.has(run[0].text.toLocaleLowerCase(language))) run = run.slice(1);
    while (run.length && stopwords.has(run[run.length - 1].text.toLocaleLowerCase(language))) run = run.slice(0, -1);
    if (run.length && (run.length > 1 || isKeyword(run[0].text, stopwords, language))) {
      const label = run.map((t) => t.text).join(' ');
      add(label.toLocaleLowerCase(language), label, 2 + run.length);
      for (const t of run) inNames.add(t.text.toLocaleLowerCase(language));
    }
    i = j;
  }

  // Keywords: frequent words that are not stop-words, weighted a little by length.
  for (const token of tokens) {
    const lower = token.text.toLocaleLowerCase(language);
    if (inNames.has(lower) || !isKeyword(token.text, stopwords, language)) continue;
    add(lower, CASED.test(token.text) && !token.first ? token.text : lower, 1 + Math.min(Array.from(lower).length, 12) / 24);
  }

  return [...scores.values()]
    .filter((entry) => entry.score >= 1.5 || scores.size <= limit)
    .sort((a, b) => b.score - a.score || a.label.localeCompare(b.label))
    .slice(0, limit)
    .map((entry) => entry.label);
}
