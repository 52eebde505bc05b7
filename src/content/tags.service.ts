import type { Kysely } from 'kysely';
import type { Schema, TagRow } from '../db/schema.js';
import { announce, transact, type Store } from '../db/hooks.js';
import { nowIso } from '../db/time.js';
import { AppError, invalid, notFound, type FieldError } from '../core/errors.js';
import { assertCan, type Actor } from '../people/permissions.js';
import { canonicalLanguage } from './languages.js';
import { slugOr } from './slugs.js';

export interface Tag {
  id: number;
  language: string;
  name: string;
  slug: string;
  description: string;
}

export function toTag(row: Pick<TagRow, 'id' | 'language' | 'name' | 'slug' | 'description'>): Tag {
  return { id: row.id, language: row.language, name: row.name, slug: row.slug, description: row.description };
}

/** Tags are per language; the same word in two languages is two tags. */
export async function listTags(db: Kysely<Schema>, filter: { language?: string } = {}): Promise<Tag[]> {
  const rows = await db
    .selectFrom('tags')
    .selectAll()
    .$if(!!filter.language, (q) => q.where('language', '=', filter.language!))
    .orderBy('language')
    .orderBy('name')
    .execute();
  return rows.map(toTag);
}

export async function getTag(db: Kysely<Schema>, id: number): Promise<Tag> {
  const row = await db.selectFrom('tags').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound(`Tag ${id}`);
  return toTag(row);
}

export async function findTagBySlug(db: Kysely<Schema>, language: string, slug: string): Promise<Tag | null> {
  const row = await db.selectFrom('tags').selectAll().where('language', '=', language).where('slug', '=', slug).executeTakeFirst();
  return row ? toTag(row) : null;
}

async function assertSlugFree(db: Kysely<Schema>, language: string, slug: string, exceptId?: number) {
  const clash = await db
    .selectFrom('tags')
    .select('id')
    .where('language', '=', language)
    .where('slug', '=', slug)
    .$if(exceptId !== undefined, (q) => q.where('id', '!=', exceptId!))
    .executeTakeFirst();
  if (clash) {
    throw new AppError('CONFLICT', `A ${language} tag with the slug "${slug}" already exists.`, {
      fields: [{ field: 'slug', message: 'is already taken in this language' }],
    });
  }
}

interface NewTag {
  language: string;
  name: string;
  slug?: string;
  description?: string;
}

/**
 * Tags change through these functions whoever changes them (the Admin API, an import, a job):
 * each checks that the actor may and announces the change, so the pages showing the tag are
 * rendered afresh whichever path renamed it.
 */
export async function createTag(store: Store, actor: Actor, input: NewTag): Promise<Tag> {
  assertCan(actor, 'taxonomy.manage');
  return transact(store, (tx) => insertTag(tx, input));
}

async function insertTag(tx: Store, input: NewTag): Promise<Tag> {
  const name = input.name.trim();
  const language = canonicalLanguage(input.language);
  const faults: FieldError[] = [];
  if (!language) faults.push({ field: 'language', message: `"${input.language}" is not a BCP 47 language tag` });
  if (!name) faults.push({ field: 'name', message: 'must not be empty' });
  if (!language || faults.length) throw invalid(faults);
  const slug = slugOr(input.slug ?? name, 'tag');
  await assertSlugFree(tx.db, language, slug);
  const now = nowIso();
  const row = await tx.db
    .insertInto('tags')
    .values({ language, name, slug, description: input.description ?? '', created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  await announce(tx, { entity: 'tag', id: row.id, action: 'created', language: row.language });
  return toTag(row);
}

export async function updateTag(
  store: Store,
  actor: Actor,
  id: number,
  patch: { name?: string; slug?: string; description?: string },
): Promise<Tag> {
  assertCan(actor, 'taxonomy.manage');
  return transact(store, async (tx) => {
    const current = await getTag(tx.db, id);
    if (patch.name !== undefined && !patch.name.trim()) throw invalid([{ field: 'name', message: 'must not be empty' }]);
    const slug = patch.slug !== undefined ? slugOr(patch.slug, current.slug) : current.slug;
    await assertSlugFree(tx.db, current.language, slug, id);
    const row = await tx.db
      .updateTable('tags')
      .set({
        name: patch.name?.trim() ?? current.name,
        slug,
        description: patch.description ?? current.description,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await announce(tx, { entity: 'tag', id, action: 'updated', language: row.language });
    return toTag(row);
  });
}

export async function deleteTag(store: Store, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'taxonomy.manage');
  await transact(store, async (tx) => {
    const result = await tx.db.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound(`Tag ${id}`);
    await announce(tx, { entity: 'tag', id, action: 'deleted' });
  });
}

/**
 * The tags named, in order, creating the missing ones: how a story's writer adds tags. Part of
 * writing the story, so the story's rules apply (a contributor may name a new tag), not
 * `taxonomy.manage`; a tag it creates is announced like any other.
 */
export async function ensureTags(tx: Store, language: string, names: string[]): Promise<Tag[]> {
  const tags: Tag[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const existing = await findTagBySlug(tx.db, language, slugOr(name, 'tag'));
    const tag = existing ?? (await insertTag(tx, { language, name }));
    if (!tags.some((t) => t.id === tag.id)) tags.push(tag);
  }
  return tags;
}
