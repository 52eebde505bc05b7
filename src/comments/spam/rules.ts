/**
 * The content rules: what a person would notice at a glance. Each rule that fires adds a
 * reason and a weight; weights combine with the classifier's probability (see filter.ts).
 */
import { findLinks } from './features.js';

export interface Finding {
  reason: string;
  /** 0…1: how strongly this alone suggests spam; 1 means spam whatever else is said. */
  weight: number;
}

export interface RuleInput {
  text: string;
  name: string;
  url?: string | null;
  /** The story's language: a comment in another script is suspicious. */
  storyLanguage?: string;
  /** How many other comments carry exactly this text (normalized). */
  repeats?: number;
  maxLinks: number;
  blockedWords?: readonly string[];
}

// Phrases that real readers of a news story almost never write, in the languages we ship.
export const SPAM_PHRASES = [
  'buy now', 'click here', 'check out my', 'subscribe to my', 'visit my', 'my channel', 'make money', 'earn money',
  'work from home', 'free money', 'casino', 'viagra', 'cialis', 'payday loan', 'crypto giveaway', 'limited time offer',
  '100% free', 'best price', 'cheap pills', 'weight loss', 'seo services', 'backlinks', 'escort',
  'gagnez de l’argent', 'cliquez ici', 'gana dinero', 'haz clic aquí', 'geld verdienen', 'hier klicken',
];

const SCRIPTS: Record<string, RegExp> = {
  Latn: /\p{Script=Latin}/gu, Cyrl: /\p{Script=Cyrillic}/gu, Arab: /\p{Script=Arabic}/gu, Grek: /\p{Script=Greek}/gu,
  Hebr: /\p{Script=Hebrew}/gu, Deva: /\p{Script=Devanagari}/gu, Thai: /\p{Script=Thai}/gu,
  Hans: /\p{Script=Han}/gu, Hant: /\p{Script=Han}/gu, Jpan: /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu,
  Kore: /[\p{Script=Hangul}\p{Script=Han}]/gu,
};

export function expectedScript(language: string): string | null {
  try {
    return new Intl.Locale(language).maximize().script ?? null;
  } catch {
    return null;
  }
}

function scriptName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'script' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** The share of letters written in the story's script, or null when it cannot be told. */
function scriptShare(text: string, script: string): number | null {
  const pattern = SCRIPTS[script];
  if (!pattern) return null;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (letters < 12) return null;
  return (text.match(pattern)?.length ?? 0) / letters;
}

function dominantScript(text: string): string | null {
  let best: [string, number] | null = null;
  for (const [code, pattern] of Object.entries(SCRIPTS)) {
    const n = text.match(pattern)?.length ?? 0;
    if (n > 0 && (!best || n > best[1])) best = [code, n];
  }
  return best?.[0] ?? null;
}

export function contentRules(input: RuleInput): Finding[] {
  const findings: Finding[] = [];
  const text = `${input.text}`;
  const lower = text.toLowerCase();
  const links = findLinks(text).length;
  if (links > input.maxLinks) {
    findings.push({ reason: `${links} links`, weight: Math.min(0.9, 0.3 + 0.15 * (links - input.maxLinks)) });
  }
  const phrases = SPAM_PHRASES.filter((p) => lower.includes(p));
  if (phrases.length) findings.push({ reason: `spam phrases: ${phrases.join(', ')}`, weight: Math.min(0.9, 0.35 * phrases.length) });
  const blocked = (input.blockedWords ?? []).filter((w) => w && lower.includes(w.toLowerCase()));
  if (blocked.length) findings.push({ reason: `blocked words: ${blocked.join(', ')}`, weight: 1 });
  const letters = text.match(/\p{L}/gu) ?? [];
  const cased = letters.filter((c) => c.toLowerCase() !== c.toUpperCase());
  const upper = cased.filter((c) => c !== c.toLowerCase()).length;
  if (cased.length >= 20 && upper / cased.length > 0.7) findings.push({ reason: 'all caps', weight: 0.3 });
  const script = input.storyLanguage ? expectedScript(input.storyLanguage) : null;
  const share = script ? scriptShare(text, script) : null;
  if (script && share !== null && share < 0.2) {
    const written = dominantScript(text);
    findings.push({
      reason: `written in ${written ? scriptName(written) : 'another script'}, story in ${scriptName(script)}`,
      weight: 0.4,
    });
  }
  if ((input.repeats ?? 0) > 0) findings.push({ reason: `same text posted ${input.repeats! + 1} times`, weight: 0.6 });
  if (input.url && /\b(casino|viagra|cialis|loan|pills|porn|xxx|bet)\b/i.test(input.url)) {
    findings.push({ reason: 'website looks commercial', weight: 0.3 });
  }
  return findings;
}
