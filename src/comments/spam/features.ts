/**
 * Turns a text into the features the classifier counts: hashed integers, each present once.
 *
 * Features are lower-cased words (any script, so a Chinese or Arabic comment is not one
 * opaque token), word pairs (phrases such as "check out" or "my channel" say more than
 * their words), character 4-grams inside words (they still match when a spammer writes
 * "v1agra" or "youtube. com"), the domains of links, and a few shape features (link count,
 * shouting, digits), and, for a comment, its writer's name (see `nameFeatures`). Each is hashed into HASH_BITS bits, so the model is a fixed-size table
 * of counts that can live in a database row per bucket, whatever the language.
 */
export const HASH_BITS = 20;
const HASH_MASK = (1 << HASH_BITS) - 1;

/** 32-bit FNV-1a over UTF-16 code units, folded to the table size. */
export function hashFeature(feature: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < feature.length; i++) {
    hash ^= feature.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) & HASH_MASK;
}

const URL_PATTERN = /\b(?:https?:\/\/|www\.)[^\s<>"']+|\b[a-z0-9-]+(?:\.\s?(?:com|net|org|info|biz|ru|xyz|ly|io|me|co|tk))\b[^\s<>"']*/gi;
const WORD_PATTERN = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;
const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

export function findLinks(text: string): string[] {
  return text.match(URL_PATTERN) ?? [];
}

function domainOf(link: string): string {
  const cleaned = link.replace(/^https?:\/\//i, '').replace(/\s+/g, '').toLowerCase();
  return cleaned.split(/[/?#]/)[0].replace(/^www\./, '');
}

/** Word tokens; runs of CJK or Thai characters (written without spaces) become character pairs. */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const match of text.toLowerCase().matchAll(WORD_PATTERN)) {
    const word = match[0];
    if (CJK.test(word) && word.length > 2) {
      const chars = Array.from(word);
      for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    } else {
      out.push(word.length > 40 ? word.slice(0, 40) : word);
    }
  }
  return out;
}

/**
 * What the commenter's name says. Comment spam promotes a channel, a shop or a person, and the
 * name is often that channel ("FatPocketsTv"), named again in the text; a real reader's name
 * rarely appears in what they write. The name's words (camelCase split) are features of their
 * own (`n:`), so a site that marks a spammer's comments learns the name itself.
 */
function addNameFeatures(text: string, rawName: string, features: Set<string>): void {
  const name = rawName.normalize('NFKC').trim();
  if (!name) return;
  const parts = words(name.replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2'));
  for (const part of parts) features.add(`n:${part}`);
  const lower = text.toLowerCase();
  const compact = (s: string) => s.toLowerCase().replace(/[\s._-]+/g, '');
  const whole = compact(name);
  if (parts.some((part) => part.length > 3 && lower.includes(part)) || (whole.length > 3 && compact(text).includes(whole))) {
    features.add('name:in-text');
  }
  if (/\d/.test(name)) features.add('name:digits');
}

/**
 * The distinct features of a text (and of its writer's name and website, for a comment), as
 * strings (for explaining) — see `featureHashes` for the counted form. The website a commenter
 * gives (a fediverse replier's is their profile) is not a link in what they wrote: in the
 * training comments a link is a strong sign of spam, and reading the website as one marked
 * short, harmless comments spam. Its domain is a feature of its own (`site:`), which only a
 * moderator's decisions teach, so a site still learns its spammers' websites.
 */
export function featureStrings(raw: string, name = '', website = ''): Set<string> {
  // NFKC folds the look-alikes spammers write to slip past filters (ｈｔｔｐ://ｗｗｗ, ﬁ, ①) into plain letters.
  const text = raw.normalize('NFKC');
  const features = new Set<string>();
  const links = findLinks(text);
  for (const link of links) features.add(`d:${domainOf(link)}`);
  features.add(`links:${Math.min(links.length, 3)}`);
  const tokens = words(text);
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    features.add(`w:${token}`);
    if (i + 1 < tokens.length) features.add(`b:${token} ${tokens[i + 1]}`);
    if (token.length >= 5) {
      const padded = ` ${token} `;
      for (let j = 0; j + 4 <= padded.length; j++) features.add(`c:${padded.slice(j, j + 4)}`);
    }
  }
  const letters = text.match(/\p{Lu}|\p{Ll}/gu) ?? [];
  const upper = letters.filter((c) => c !== c.toLowerCase()).length;
  if (letters.length >= 12 && upper / letters.length > 0.6) features.add('shape:caps');
  if (/\d{5,}/.test(text)) features.add('shape:long-number');
  if (/[!?]{3,}/.test(text)) features.add('shape:punct');
  // Self-promotion: a handle to follow, a phone number, a hashtag.
  if (/(?:^|\s)@[\p{L}\p{N}_.]{2,}/u.test(text)) features.add('shape:mention');
  if (/\+?\d[\d\s().-]{8,}\d/.test(text)) features.add('shape:phone');
  if (/(?:^|\s)#[\p{L}\p{N}_]{2,}/u.test(text)) features.add('shape:hashtag');
  // Words two apart ("check [out] my", "sub [to] me") as well as neighbours.
  for (let i = 0; i + 2 < tokens.length; i++) features.add(`s:${tokens[i]} ${tokens[i + 2]}`);
  const length = tokens.length;
  features.add(`len:${length < 4 ? 'tiny' : length < 15 ? 'short' : length < 60 ? 'medium' : 'long'}`);
  addNameFeatures(text, name, features);
  if (website.trim()) features.add(`site:${domainOf(website.normalize('NFKC').trim())}`);
  return features;
}

export function featureHashes(text: string, name = '', website = ''): number[] {
  const hashes = new Set<number>();
  for (const feature of featureStrings(text, name, website)) hashes.add(hashFeature(feature));
  return [...hashes];
}
