/**
 * What a revision comparison compares: every field of a story a person edits, each read as
 * text (one line per paragraph, name or part) so that two versions diff word by word. The one
 * list the editor's revisions view walks: a new field of the story joins the comparison by
 * joining this list (and naming its label in the admin's words, `revisions.field_<key>`).
 * Pure, shared by the admin in the browser and the server's tests. Revisions saved before a
 * field existed lack it: they read as empty there.
 */
import type { PublicAuthor } from '../people/users.service.js';
import { blockText } from './block-text.js';
import type { Article } from './articles.types.js';
import type { CreditKind } from './credits.service.js';

/** A story as a revision keeps it, or as the editor holds it now; older revisions may lack newer fields. */
export type Comparable = Partial<Omit<Article, 'credits'>> & { credits?: Partial<Article['credits']> };

/** The fields compared, each with a label in the admin's words (`revisions.field_<key>`). */
export type ComparedKey =
  | 'title' | 'standfirst' | 'body' | 'picture' | 'section' | 'tags' | 'authors' | CreditKind
  | 'source' | 'slug' | 'seoTitle' | 'seoDescription' | 'corrections';

export interface ComparedField {
  key: ComparedKey;
  text(article: Comparable): string;
}

/**
 * Every kind of credit, each compared on its own. A record rather than credits.service's list so
 * that the admin's bundle takes no server code, and a new kind is a compile error here until added.
 */
const CREDITED: Record<CreditKind, true> = { translators: true, photographers: true, additionalReporting: true };

const names = (people: PublicAuthor[] | undefined) => (people ?? []).map((person) => person.name).join('\n');

export const COMPARED_FIELDS: readonly ComparedField[] = [
  { key: 'title', text: (a) => a.title ?? '' },
  { key: 'standfirst', text: (a) => a.standfirst ?? '' },
  { key: 'body', text: (a) => blockText(a.body ?? '', { captions: true }) },
  {
    key: 'picture',
    text: ({ featuredImage: image }) => (image ? [image.url, image.caption, image.credit, image.alt].filter(Boolean).join('\n') : ''),
  },
  { key: 'section', text: (a) => a.section?.name ?? '' },
  { key: 'tags', text: (a) => (a.tags ?? []).map((tag) => `#${tag.name}`).join(' ') },
  { key: 'authors', text: (a) => names(a.authors) },
  ...(Object.keys(CREDITED) as CreditKind[]).map((kind): ComparedField => ({ key: kind, text: (a: Comparable) => names(a.credits?.[kind]) })),
  { key: 'source', text: ({ source }) => (source ? [source.name, source.url, source.publishedAt].filter(Boolean).join('\n') : '') },
  { key: 'slug', text: (a) => a.slug ?? '' },
  { key: 'seoTitle', text: (a) => a.seoTitle ?? '' },
  { key: 'seoDescription', text: (a) => a.seoDescription ?? '' },
  { key: 'corrections', text: (a) => (a.corrections ?? []).map((note) => `${note.kind} ${note.publishedAt}: ${note.text}`).join('\n') },
];

export interface FieldChange {
  key: ComparedKey;
  before: string;
  after: string;
}

/** The fields that differ between two versions, in COMPARED_FIELDS's order. */
export function changedFields(before: Comparable, after: Comparable): FieldChange[] {
  return COMPARED_FIELDS.map((field) => ({ key: field.key, before: field.text(before), after: field.text(after) })).filter((change) => change.before !== change.after);
}
