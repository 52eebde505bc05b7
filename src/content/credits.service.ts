/**
 * Everyone who made a story besides its byline: typed credits naming people (staff or guest
 * contributors), in the order an editor gave, per kind. Translators show on translations,
 * photographers with the lead picture's credit, additional reporting at the story's end.
 */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { prepared } from '../db/prepared.js';
import type { FieldError } from '../core/errors.js';
import { publicAuthor, PUBLIC_AUTHOR_COLUMNS, type PublicAuthor } from '../people/users.service.js';

export const CREDIT_KINDS = ['translators', 'photographers', 'additionalReporting'] as const;
export type CreditKind = (typeof CREDIT_KINDS)[number];

/** The most people one kind of credit names. */
export const MAX_CREDITED = 20;

export type Credits = Record<CreditKind, PublicAuthor[]>;

/** Each kind given replaces that kind's people (ids or slugs, in order); kinds left out stay as they are. */
export type CreditsInput = Partial<Record<CreditKind, Array<number | string>>>;

/**
 * The ids of the people `refs` name (an id or a slug each), in order, once each; a ref that
 * names nobody is a fault on `field.index`.
 */
export async function resolvePeople(db: Kysely<Schema>, refs: Array<number | string>, field: string, faults: FieldError[]): Promise<number[]> {
  const ids: number[] = [];
  for (const [index, ref] of refs.entries()) {
    const row = await db
      .selectFrom('users')
      .select('id')
      .where(typeof ref === 'number' ? 'id' : 'slug', '=', ref as never)
      .executeTakeFirst();
    if (!row) faults.push({ field: `${field}.${index}`, message: `no person ${JSON.stringify(ref)}` });
    else if (!ids.includes(row.id)) ids.push(row.id);
  }
  return ids;
}

/** Resolves every kind given, faults on `credits.<kind>.<index>`: checked before anything is written. */
export async function resolveCredits(db: Kysely<Schema>, input: CreditsInput, faults: FieldError[]): Promise<Partial<Record<CreditKind, number[]>>> {
  const resolved: Partial<Record<CreditKind, number[]>> = {};
  for (const kind of CREDIT_KINDS) {
    const refs = input[kind];
    if (refs !== undefined) resolved[kind] = await resolvePeople(db, refs, `credits.${kind}`, faults);
  }
  return resolved;
}

export async function replaceCredits(db: Kysely<Schema>, articleId: number, credits: Partial<Record<CreditKind, number[]>>): Promise<void> {
  for (const kind of CREDIT_KINDS) {
    const userIds = credits[kind];
    if (userIds === undefined) continue;
    await db.deleteFrom('article_credits').where('article_id', '=', articleId).where('kind', '=', kind).execute();
    if (userIds.length) {
      await db
        .insertInto('article_credits')
        .values(userIds.map((user_id, position) => ({ article_id: articleId, kind, user_id, position })))
        .execute();
    }
  }
}

const creditRowsOf = prepared((db, of: { ids: number[] }) =>
  db
    .selectFrom('article_credits')
    .innerJoin('users', 'users.id', 'article_credits.user_id')
    .select(['article_credits.article_id', 'article_credits.kind', ...PUBLIC_AUTHOR_COLUMNS])
    .where('article_credits.article_id', 'in', of.ids)
    .orderBy('article_credits.article_id')
    .orderBy('article_credits.kind')
    .orderBy('article_credits.position'),
);

export function noCredits(): Credits {
  return { translators: [], photographers: [], additionalReporting: [] };
}

/** The credits of the given articles, by article id (articles without any are absent). */
export async function creditsOf(db: Kysely<Schema>, ids: number[]): Promise<Map<number, Credits>> {
  const byArticle = new Map<number, Credits>();
  for (const row of await creditRowsOf(db, { ids })) {
    if (!(CREDIT_KINDS as readonly string[]).includes(row.kind)) continue;
    let credits = byArticle.get(row.article_id);
    if (!credits) byArticle.set(row.article_id, (credits = noCredits()));
    credits[row.kind as CreditKind].push(publicAuthor(row));
  }
  return byArticle;
}

/** The credits readers see: a translator only on a translation (a story written in its own language has none). */
export function shownCredits(article: { credits: Credits; translatedFrom: unknown }): Credits {
  return article.translatedFrom ? article.credits : { ...article.credits, translators: [] };
}

/** Everyone a story's credits name, for the cache keys of the pages that show their names. */
export function creditedPeople(credits: Credits): PublicAuthor[] {
  return CREDIT_KINDS.flatMap((kind) => credits[kind]);
}
