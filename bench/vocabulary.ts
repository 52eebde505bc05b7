/**
 * Vocabularies for `npm run bench:search`, ranked for a Zipf distribution: the words of real
 * text first, most frequent first — the demo stories (src/demo/) for every language, and for
 * English also the posts of the WordPress fixtures (read in place from
 * ../shared/fixtures/wordpress-wxr/, or HERALD_BENCH_WXR_DIR) — then made-up words up to the
 * vocabulary's size, standing for the names, places and rare words of a real archive, which a
 * few thousand words of real text cannot supply. Drawn with a Zipf law, a few words are in
 * most stories and most words are in a handful or none, as in a newsroom's archive.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { DEMO_STORIES } from '../src/demo/demo-stories.js';

export type BenchLanguage = 'en' | 'fr' | 'zh-Hant';

export interface Vocabulary {
  language: BenchLanguage;
  /** Rank order: index 0 is the most frequent word. */
  words: string[];
  /** How many of the first words come from real text. */
  realWords: number;
  /** Words the generator made beyond `words`: in no story, for searches that find nothing. */
  absent: string[];
  stopwords: Set<string>;
}

const LETTERS = /[\p{L}\p{M}]+/gu;
const CJK = /\p{Script=Han}/u;

/** Post titles and texts of every WXR file in the folder, markup and shortcodes removed. */
function wordpressText(folder: string): string {
  let text = '';
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.xml')).sort()) {
    const xml = readFileSync(join(folder, name), 'utf8');
    for (const item of xml.match(/<item>[\s\S]*?<\/item>/g) ?? []) {
      const title = /<title>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/title>/.exec(item)?.[1] ?? '';
      const content = /<content:encoded>(?:<!\[CDATA\[)?([\s\S]*?)(?:\]\]>)?<\/content:encoded>/.exec(item)?.[1] ?? '';
      text += ` ${title} ${content}`;
    }
  }
  return text.replace(/<[^>]*>/g, ' ').replace(/\[[^\]]*\]/g, ' ').replace(/&[#\w]+;/g, ' ');
}

function demoText(language: BenchLanguage): string {
  return DEMO_STORIES.flatMap((story) => story.versions)
    .filter((version) => version.language === language)
    .map((v) => [v.title, v.standfirst, v.body, v.caption, v.alt, ...v.tags].join(' '))
    .join(' ');
}

/** Words of `text` ranked by how often they occur (ties in order of appearance). */
function ranked(words: string[]): string[] {
  const counts = new Map<string, number>();
  for (const word of words) counts.set(word, (counts.get(word) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([word]) => word);
}

function wordsOf(text: string, language: BenchLanguage): string[] {
  if (language === 'zh-Hant') {
    const segments = new Intl.Segmenter('zh-Hant', { granularity: 'word' }).segment(text);
    return [...segments].filter((s) => s.isWordLike && CJK.test(s.segment)).map((s) => s.segment);
  }
  return (text.toLocaleLowerCase(language).match(LETTERS) ?? []).filter((w) => w.length >= 2 && !CJK.test(w));
}

const SYLLABLES: Record<Exclude<BenchLanguage, 'zh-Hant'>, string[]> = {
  en: 'ba be bo ca co da de di do fa fe ga go ha he ka ki la le li lo ma me mi mo na ne no pa pe ra re ri ro sa se so ta te ti to va ve vo wa ya za'.split(' '),
  fr: 'ba bé bo ca ça co da dé di do fa fè ga gé la lé li lo ma mé mi mo na né no pa pè ra ré ri ro sa sé so ta té ti to va vé vo ja jé za zè'.split(' '),
};

/** Made-up words, one per index, in the language's letters (French ones carry accents). */
function madeUpWords(language: BenchLanguage, seedText: string[]): (index: number) => string {
  if (language === 'zh-Hant') {
    const characters = [...new Set(seedText.join('').split('').filter((c) => CJK.test(c)))];
    // Two or three characters, as most Chinese words are.
    return (index) => {
      const n = characters.length;
      const length = index % 3 === 2 ? 3 : 2;
      let rest = Math.floor(index / 3) * 7919 + index;
      let word = '';
      for (let i = 0; i < length; i += 1) {
        word += characters[rest % n];
        rest = Math.floor(rest / n) + i * 31;
      }
      return word;
    };
  }
  const syllables = SYLLABLES[language];
  return (index) => {
    let word = '';
    let rest = index + syllables.length ** 2;
    while (rest > 0) {
      word += syllables[rest % syllables.length];
      rest = Math.floor(rest / syllables.length);
    }
    return word;
  };
}

export function defaultWxrFolder(): string {
  return process.env.HERALD_BENCH_WXR_DIR ?? resolve('..', 'shared', 'fixtures', 'wordpress-wxr');
}

export function buildVocabulary(language: BenchLanguage, size: number, wxrFolder: string | null, absentCount = 500): Vocabulary {
  const real = wordsOf(demoText(language), language);
  if (language === 'en' && wxrFolder) real.push(...wordsOf(wordpressText(wxrFolder), language));
  const words = ranked(real).slice(0, size);
  const realWords = words.length;
  const known = new Set(words);
  const make = madeUpWords(language, words);
  const absent: string[] = [];
  for (let index = 0; words.length < size || absent.length < absentCount; index += 1) {
    const word = make(index);
    if (known.has(word)) continue;
    known.add(word);
    if (words.length < size) words.push(word);
    else absent.push(word);
  }
  const stopwordLists = createRequire(import.meta.url)('stopwords-iso') as Record<string, string[]>;
  const stopwords = new Set((stopwordLists[language.slice(0, 2)] ?? []).map((w) => w.toLocaleLowerCase(language)));
  return { language, words, realWords, absent, stopwords };
}

/** Whether the WordPress fixtures are where they are looked for. */
export function wxrFolderFound(folder: string): boolean {
  return existsSync(folder) && readdirSync(folder).some((n) => n.endsWith('.xml'));
}
