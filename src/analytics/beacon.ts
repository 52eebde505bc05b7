import { invalid, type FieldError } from '../core/errors.js';
import { unsafeCharacter, unsafeTextIn } from '../core/unsafe-text.js';

/** What the beacon script (beacon.client.js) or the no-script pixel reports about a page. */
export interface Beacon {
  /** 'view' when the page is shown; 'read' when the reader reached the end of the story's body. */
  event: 'view' | 'read';
  /** The story or page shown (an article id); 0 for a page that is no article. */
  article: number;
  language: string;
  kind: PageKind;
  /** The referrer's host ('' for none). */
  referrer: string;
  source: string;
  medium: string;
  campaign: string;
}

/** Where beacons are sent (beacon.client.js says it too), and the no-script fallback's image. */
export const BEACON_PATH = '/analytics/view';
export const PIXEL_PATH = '/analytics/pixel.gif';

export const PAGE_KINDS = ['story', 'page', 'home', 'section', 'tag', 'author', 'search'] as const;
export type PageKind = (typeof PAGE_KINDS)[number];
export const ARTICLE_KINDS: readonly PageKind[] = ['story', 'page'];

/** A beacon is a few hundred bytes; anything much longer is not one. */
export const MAX_BEACON_BYTES = 1024;
const MAX_LABEL = 100;
const HOST = /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*(?::\d{1,5})?$/;
const LANGUAGE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/;
const FIELDS = new Set(['event', 'article', 'language', 'kind', 'referrer', 'source', 'medium', 'campaign']);

function label(value: unknown, field: string, faults: FieldError[]): string {
  if (value === undefined) return '';
  if (typeof value !== 'string') {
    faults.push({ field, message: 'must be a string' });
    return '';
  }
  const text = value.trim();
  if (text.length > MAX_LABEL) faults.push({ field, message: `must be at most ${MAX_LABEL} characters` });
  else if (unsafeCharacter(text, 'line')) faults.push({ field, message: 'must be one line of text without control characters' });
  return text;
}

/**
 * Reads a beacon's fields, or throws a 400 naming every field at fault. Only the shape is
 * checked here; whether the article exists and matches is the recorder's question.
 */
export function parseBeacon(input: unknown): Beacon {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) throw invalid([{ field: 'body', message: 'must be a JSON object' }]);
  const body = input as Record<string, unknown>;
  const faults: FieldError[] = Object.keys(body)
    .filter((key) => !FIELDS.has(key))
    .map((key) => ({ field: key.slice(0, 40), message: 'is not a field of a beacon' }));
  const event = body.event ?? 'view';
  if (event !== 'view' && event !== 'read') faults.push({ field: 'event', message: "must be 'view' or 'read'" });
  const article = typeof body.article === 'string' && /^\d{1,10}$/.test(body.article) ? Number(body.article) : body.article;
  if (typeof article !== 'number' || !Number.isSafeInteger(article) || article < 0 || article > 2 ** 31 - 1) {
    faults.push({ field: 'article', message: 'must be an article id (0 for a page that is no article)' });
  }
  if (typeof body.language !== 'string' || !LANGUAGE.test(body.language)) faults.push({ field: 'language', message: 'must be a language tag' });
  if (!PAGE_KINDS.includes(body.kind as PageKind)) faults.push({ field: 'kind', message: `must be one of ${PAGE_KINDS.join(', ')}` });
  const referrer = label(body.referrer, 'referrer', faults).toLowerCase();
  if (referrer && !HOST.test(referrer)) faults.push({ field: 'referrer', message: 'must be a host name, not a URL' });
  const source = label(body.source, 'source', faults).toLowerCase();
  const medium = label(body.medium, 'medium', faults).toLowerCase();
  const campaign = label(body.campaign, 'campaign', faults);
  if (faults.length) throw invalid(faults);
  const kind = body.kind as PageKind;
  if ((article === 0) === ARTICLE_KINDS.includes(kind)) {
    throw invalid([{ field: 'kind', message: article === 0 ? 'a story or page needs its article id' : 'only a story or page has an article id' }]);
  }
  if (event === 'read' && article === 0) throw invalid([{ field: 'event', message: 'only a story or page is read to the end' }]);
  return { event: event as Beacon['event'], article: article as number, language: body.language as string, kind, referrer, source, medium, campaign };
}

/** A beacon's text (the script sends text/plain, which needs no preflight): JSON of at most MAX_BEACON_BYTES. */
export function beaconFromText(text: unknown): Beacon {
  if (typeof text !== 'string' || text.length === 0) throw invalid([{ field: 'body', message: 'must be a JSON object' }]);
  if (Buffer.byteLength(text) > MAX_BEACON_BYTES) throw invalid([{ field: 'body', message: `must be at most ${MAX_BEACON_BYTES} bytes` }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid([{ field: 'body', message: 'must be JSON' }]);
  }
  // The guard every route's parsed body passes (http/input-guard.ts), for text bodies and for
  // beacons taken before Fastify: a control character trimmed away below would get past it.
  const faults = unsafeTextIn(parsed);
  if (faults.length) throw invalid(faults);
  return parseBeacon(parsed);
}
