import type { Kysely } from 'kysely';
import type { Schema, TagRow } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { AppError, invalid, notFound, type FieldError } from '../core/errors.js';
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

export async function createTag(
  db: Kysely<Schema>,
  input: { language: string; name: string; slug?: string; description?: string },
): Promise<Tag> {
  const name = input.name.trim();
  const faults: FieldError[] = [];
  if (!name) faults.push({ field: 'name', message: 'must not be empty' });
  if (faults.length) throw invalid(faults);
  const slug = slugOr(input.slug ?? name, 'tag');
  await assertSlugFree(db, input.language, slug);
  const now = nowIso();
  const row = await db
    .insertInto('tags')
    .values({ language: input.language, name, slug, description: input.description ?? '', created_at: now, updated_at: now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toTag(row);
}

export async function updateTag(
  db: Kysely<Schema>,
  id: number,
  patch: { name?: string; slug?: string; description?: string },
): Promise<Tag> {
  const current = await getTag(db, id);
  if (patch.name !== undefined && !patch.name.trim()) throw invalid([{ field: 'name', message: 'must not be empty' }]);
  const slug = patch.slug !== undefined ? slugOr(patch.slug, current.slug) : current.slug;
  await assertSlugFree(db, current.language, slug, id);
  const row = await db
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
  return toTag(row);
}

export async function deleteTag(db: Kysely<Schema>, id: number): Promise<void> {
  const result = await db.deleteFrom('tags').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Tag ${id}`);
}

/** The tags named, in order, creating the missing ones: how editors add tags while writing. */
export async function ensureTags(db: Kysely<Schema>, language: string, names: string[]): Promise<Tag[]> {
  const tags: Tag[] = [];
  for (const raw of names) {
    const name = raw.trim();
    if (!name) continue;
    const existing = await findTagBySlug(db, language, slugOr(name, 'tag'));
    const tag = existing ?? (await createTag(db, { language, name }));
    if (!tags.some((t) => t.id === tag.id)) tags.push(tag);
  }
  return tags;
}
