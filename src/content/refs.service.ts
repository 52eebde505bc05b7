import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { invalid, type FieldError } from '../core/errors.js';
import { isId, MAX_ID } from '../core/ids.js';
import { findUserBySlug } from '../people/users.service.js';
import { canonicalLanguage } from './languages.js';
import { findSectionBySlug } from './sections.service.js';
import { findTagBySlug } from './tags.service.js';

export interface RefInput {
  language?: string;
  section?: string;
  tag?: string;
  author?: string;
}

export interface ResolvedRefs {
  language?: string;
  sectionId?: number;
  tagId?: number;
  authorId?: number;
}

// Digits (without a leading zero) are an id, even beyond the largest one, which names nothing.
const ID = /^[1-9]\d*$/;
const NOT_AN_ID = `is not an id (ids are whole numbers from 1 to ${MAX_ID})`;

/**
 * Filters named the way readers' programs know them: a section, tag or author by id, or by
 * slug (sections and tags in the `language` given). Unknown ones answer 400 with the field.
 */
export async function resolveRefs(db: Kysely<Schema>, input: RefInput): Promise<ResolvedRefs> {
  const faults: FieldError[] = [];
  const resolved: ResolvedRefs = {};
  if (input.language !== undefined) {
    const language = canonicalLanguage(input.language);
    if (language) resolved.language = language;
    else faults.push({ field: 'language', message: `"${input.language}" is not a BCP 47 language tag` });
  }
  for (const kind of ['section', 'tag'] as const) {
    const ref = input[kind];
    if (ref === undefined) continue;
    if (ID.test(ref)) {
      if (isId(Number(ref))) resolved[`${kind}Id`] = Number(ref);
      else faults.push({ field: kind, message: NOT_AN_ID });
    } else if (!resolved.language) faults.push({ field: kind, message: 'a slug needs a language; or give the id' });
    else {
      const found = kind === 'section' ? await findSectionBySlug(db, resolved.language, ref) : await findTagBySlug(db, resolved.language, ref);
      if (found) resolved[`${kind}Id`] = found.id;
      else faults.push({ field: kind, message: `no ${kind} "${ref}" in ${resolved.language}` });
    }
  }
  if (input.author !== undefined) {
    if (ID.test(input.author)) {
      if (isId(Number(input.author))) resolved.authorId = Number(input.author);
      else faults.push({ field: 'author', message: NOT_AN_ID });
    } else {
      const author = await findUserBySlug(db, input.author);
      if (author) resolved.authorId = author.id;
      else faults.push({ field: 'author', message: `no author "${input.author}"` });
    }
  }
  if (faults.length) throw invalid(faults);
  return resolved;
}
