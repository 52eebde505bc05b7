import { instantAt, localInputValue } from '../../../core/time-zone.js';
import type { CreditKind } from '../../../content/credits.service.js';
import type { FeaturedImage, StoredArticle } from '../../types.js';

/** What the editor changes; everything the Admin API's PATCH takes except the version. */
export interface Draft {
  title: string;
  standfirst: string;
  body: string;
  slug: string;
  section: number | null;
  tags: string[];
  authors: number[];
  /** Ids of the people credited, per kind, in order. */
  credits: Record<CreditKind, number[]>;
  featuredImage: FeaturedImage | null;
  /** `publishedAt` as a `datetime-local` value on the site's clock. */
  source: { name: string; url: string; publishedAt: string } | null;
  seoTitle: string;
  seoDescription: string;
}

export const EMPTY_DRAFT: Draft = {
  title: '',
  standfirst: '',
  body: '',
  slug: '',
  section: null,
  tags: [],
  authors: [],
  credits: { translators: [], photographers: [], additionalReporting: [] },
  featuredImage: null,
  source: null,
  seoTitle: '',
  seoDescription: '',
};

/** The ids of the people credited; none in a revision saved before stories had credits. */
function creditIds(credits: StoredArticle['credits'] | undefined): Draft['credits'] {
  return {
    translators: credits?.translators.map((p) => p.id) ?? [],
    photographers: credits?.photographers.map((p) => p.id) ?? [],
    additionalReporting: credits?.additionalReporting.map((p) => p.id) ?? [],
  };
}

/** What the editor shows of a story; times on the clock of `zone`, the site's. */
export function draftOf(article: StoredArticle, zone: string): Draft {
  return {
    title: article.title,
    standfirst: article.standfirst,
    body: article.body,
    slug: article.slug,
    section: article.section?.id ?? null,
    tags: article.tags.map((t) => t.name),
    authors: article.authors.map((a) => a.id),
    credits: creditIds(article.credits),
    featuredImage: article.featuredImage,
    source: article.source
      ? { name: article.source.name, url: article.source.url ?? '', publishedAt: localInputValue(article.source.publishedAt, zone) }
      : null,
    seoTitle: article.seoTitle,
    seoDescription: article.seoDescription,
  };
}

/** The JSON body for POST/PATCH: empty optional parts are left out rather than sent invalid; times typed on the clock of `zone`. */
export function payloadOf(draft: Draft, zone: string): Record<string, unknown> {
  const image = draft.featuredImage;
  const source = draft.source?.name.trim() ? draft.source : null;
  return {
    title: draft.title,
    standfirst: draft.standfirst,
    body: draft.body,
    bodyFormat: 'html',
    ...(draft.slug.trim() ? { slug: draft.slug.trim() } : {}),
    section: draft.section,
    tags: draft.tags,
    // Left out when empty so that a new story is credited to whoever writes it.
    ...(draft.authors.length ? { authors: draft.authors } : {}),
    credits: draft.credits,
    featuredImage: image
      ? {
          ...(image.mediaId ? { mediaId: image.mediaId } : { url: image.url }),
          caption: image.caption,
          credit: image.credit,
          alt: image.alt,
        }
      : null,
    source: source
      ? {
          name: source.name,
          ...(source.url.trim() ? { url: source.url.trim() } : {}),
          ...(source.publishedAt ? { publishedAt: instantAt(source.publishedAt, zone).toISOString() } : {}),
        }
      : null,
    seoTitle: draft.seoTitle,
    seoDescription: draft.seoDescription,
  };
}

/** Words in a text, in any script: Intl.Segmenter knows where Chinese or Thai words end. */
export function countWords(text: string, language: string): number {
  const segmenter = new Intl.Segmenter(language, { granularity: 'word' });
  let count = 0;
  for (const segment of segmenter.segment(text)) if (segment.isWordLike) count++;
  return count;
}

/** A word-level diff (longest common subsequence), readable enough to compare two revisions. */
export function diffWords(before: string, after: string): Array<{ kind: 'same' | 'added' | 'removed'; text: string }> {
  const a = before.split(/(\s+)/).filter(Boolean);
  const b = after.split(/(\s+)/).filter(Boolean);
  if (a.length * b.length > 4_000_000) return [{ kind: 'removed', text: before }, { kind: 'added', text: after }];
  const table = Array.from({ length: a.length + 1 }, () => new Uint32Array(b.length + 1));
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i][j] = a[i] === b[j] ? table[i + 1][j + 1] + 1 : Math.max(table[i + 1][j], table[i][j + 1]);
    }
  }
  const out: Array<{ kind: 'same' | 'added' | 'removed'; text: string }> = [];
  const push = (kind: 'same' | 'added' | 'removed', text: string) => {
    const last = out[out.length - 1];
    if (last?.kind === kind) last.text += text;
    else out.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) (push('same', a[i]), i++, j++);
    else if (table[i + 1][j] >= table[i][j + 1]) push('removed', a[i++]);
    else push('added', b[j++]);
  }
  while (i < a.length) push('removed', a[i++]);
  while (j < b.length) push('added', b[j++]);
  return out;
}
