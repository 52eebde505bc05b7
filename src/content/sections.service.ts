import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { announce, transact, type Store } from '../db/hooks.js';
import { AppError, invalid, notFound, requiredField, type FieldError } from '../core/errors.js';
import { isId } from '../core/ids.js';
import { canonicalLanguage } from './languages.js';
import { assertCan, type Actor } from '../people/permissions.js';
import { slugOr } from './slugs.js';
import { forgetSiteData, remembered } from '../cache/site-memo.js';

export interface SectionName {
  name: string;
  slug: string;
  description: string;
}

/** A section of the site, named separately in each language. */
export interface Section {
  id: number;
  parentId: number | null;
  position: number;
  /** Chosen for the site's menu (which shows top-level sections only, at most `menuSections`). */
  inMenu: boolean;
  names: Record<string, SectionName>;
}

/** A section as seen from one language. */
export interface LocalSection {
  id: number;
  language: string;
  name: string;
  slug: string;
  description: string;
}

export interface SectionInput {
  parentId?: number | null;
  position?: number;
  /** In the menu: by default a new top-level section is, a sub-section is not. */
  inMenu?: boolean;
  names?: Record<string, { name: string; slug?: string; description?: string }>;
}

/**
 * The sections as pages show them, remembered between writes (cache/site-memo.ts). A row
 * naming a section not known yet (written in a transaction of an import) reads afresh. Writes
 * through this file forget them at once; the other processes learn it from the write's event.
 */
export async function sectionsShowing(db: Kysely<Schema>, ids: Array<number | null> = []): Promise<Section[]> {
  const sections = await remembered(db, 'sections', () => listSections(db));
  if (ids.every((id) => id === null || sections.some((s) => s.id === id))) return sections;
  forgetSiteData(db);
  return remembered(db, 'sections', () => listSections(db));
}

export async function listSections(db: Kysely<Schema>): Promise<Section[]> {
  const [sections, names] = await Promise.all([
    db.selectFrom('sections').selectAll().orderBy('position').orderBy('id').execute(),
    db.selectFrom('section_names').selectAll().execute(),
  ]);
  return sections.map((s) => ({
    id: s.id,
    parentId: s.parent_id,
    position: s.position,
    inMenu: s.in_menu === 1,
    names: Object.fromEntries(
      names.filter((n) => n.section_id === s.id).map((n) => [n.language, { name: n.name, slug: n.slug, description: n.description }]),
    ),
  }));
}

export async function getSection(db: Kysely<Schema>, id: number): Promise<Section> {
  const section = (await listSections(db)).find((s) => s.id === id);
  if (!section) throw notFound(`Section ${id}`);
  return section;
}

/** The section's name in `language`, or in any language it has when that one is missing. */
export function localSection(section: Section, language: string): LocalSection {
  const entry = section.names[language] ?? Object.values(section.names)[0] ?? { name: `#${section.id}`, slug: String(section.id), description: '' };
  return { id: section.id, language, ...entry };
}

export async function findSectionBySlug(db: Kysely<Schema>, language: string, slug: string): Promise<LocalSection | null> {
  const row = await db
    .selectFrom('section_names')
    .selectAll()
    .where('language', '=', language)
    .where('slug', '=', slug)
    .executeTakeFirst();
  return row ? { id: row.section_id, language, name: row.name, slug: row.slug, description: row.description } : null;
}

async function writeNames(db: Kysely<Schema>, sectionId: number, names: SectionInput['names']) {
  const faults: FieldError[] = [];
  for (const [rawLanguage, entry] of Object.entries(names ?? {})) {
    const language = canonicalLanguage(rawLanguage);
    if (!language) {
      faults.push({ field: `names.${rawLanguage}`, message: 'is not a BCP 47 language tag' });
      continue;
    }
    if (!entry?.name?.trim()) {
      faults.push(requiredField(`names.${rawLanguage}.name`));
      continue;
    }
    const slug = slugOr(entry.slug ?? entry.name, `section-${sectionId}`);
    const clash = await db
      .selectFrom('section_names')
      .select('section_id')
      .where('language', '=', language)
      .where('slug', '=', slug)
      .where('section_id', '!=', sectionId)
      .executeTakeFirst();
    if (clash) {
      faults.push({ field: `names.${rawLanguage}.slug`, message: `"${slug}" is already used by another section` });
      continue;
    }
    const values = { name: entry.name.trim(), slug, description: entry.description ?? '' };
    await db
      .insertInto('section_names')
      .values({ section_id: sectionId, language, ...values })
      .onConflict((oc) => oc.columns(['section_id', 'language']).doUpdateSet(values))
      .execute();
  }
  if (faults.length) throw invalid(faults);
}

async function assertParent(db: Kysely<Schema>, parentId: number | null | undefined, selfId?: number) {
  if (parentId === null || parentId === undefined) return;
  if (parentId === selfId) throw invalid([{ field: 'parentId', message: 'a section cannot be its own parent' }]);
  const parent = await db.selectFrom('sections').select('id').where('id', '=', parentId).executeTakeFirst();
  if (!parent) throw invalid([{ field: 'parentId', message: `section ${parentId} does not exist` }]);
}

/**
 * Sections change through these functions whoever changes them (the Admin API, an import, the
 * demo): each checks that the actor may and announces the change. Every page's menu may show
 * a section, so the page cache drops every page (cache/invalidation.ts).
 */
export async function createSection(store: Store, actor: Actor, input: SectionInput): Promise<Section> {
  assertCan(actor, 'taxonomy.manage');
  const created = await transact(store, (tx) => insertSection(tx, input));
  forgetSiteData(store.db);
  return created;
}

async function insertSection(tx: Store, input: SectionInput): Promise<Section> {
  if (!input.names || Object.keys(input.names).length === 0) {
    throw invalid([{ field: 'names', message: 'needs a name in at least one language' }]);
  }
  await assertParent(tx.db, input.parentId);
  const now = nowIso();
  const { id } = await tx.db
    .insertInto('sections')
    .values({
      parent_id: input.parentId ?? null,
      position: input.position ?? 0,
      in_menu: (input.inMenu ?? (input.parentId ?? null) === null) ? 1 : 0,
      created_at: now,
      updated_at: now,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await writeNames(tx.db, id, input.names);
  await announce(tx, { entity: 'section', id, action: 'created' });
  return getSection(tx.db, id);
}

export async function updateSection(store: Store, actor: Actor, id: number, input: SectionInput): Promise<Section> {
  assertCan(actor, 'taxonomy.manage');
  const updated = await transact(store, async (tx) => {
    const current = await getSection(tx.db, id);
    await assertParent(tx.db, input.parentId, id);
    await tx.db
      .updateTable('sections')
      .set({
        parent_id: input.parentId === undefined ? current.parentId : input.parentId,
        position: input.position ?? current.position,
        in_menu: (input.inMenu ?? current.inMenu) ? 1 : 0,
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .execute();
    await writeNames(tx.db, id, input.names);
    await announce(tx, { entity: 'section', id, action: 'updated' });
    return getSection(tx.db, id);
  });
  forgetSiteData(store.db);
  return updated;
}

export async function deleteSection(store: Store, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'taxonomy.manage');
  await transact(store, async (tx) => {
    const result = await tx.db.deleteFrom('sections').where('id', '=', id).executeTakeFirst();
    if (Number(result.numDeletedRows) === 0) throw notFound(`Section ${id}`);
    await announce(tx, { entity: 'section', id, action: 'deleted' });
  });
  forgetSiteData(store.db);
}

/**
 * The section a story is filed in, named by its id: an existing section, or a 400 naming
 * `section`. Writing a story never creates a section (a stray name or `0` once made one that
 * showed in the public menu); sections are made under Sections, or by an import.
 */
export async function existingSection(db: Kysely<Schema>, id: number): Promise<number> {
  const row = isId(id) ? await db.selectFrom('sections').select('id').where('id', '=', id).executeTakeFirst() : undefined;
  if (!row) throw invalid([{ field: 'section', message: `section ${id} does not exist` }]);
  return row.id;
}

/**
 * The section a followed feed's stories go to: an id, or a name in the feed's language (matched
 * by name or slug, created when it does not exist yet, as `herald feeds add --section World`
 * promises). Part of following the feed, so its rules apply, not `taxonomy.manage`.
 */
export async function feedSection(tx: Store, language: string, ref: number | string): Promise<number> {
  const { db } = tx;
  // Digits are an id, written as text or not: never the name of a new section ("0", "12").
  if (typeof ref === 'number' || /^\s*\d+\s*$/.test(ref)) return existingSection(db, Number(ref));
  const name = ref.trim();
  if (!name) throw invalid([{ field: 'section', message: 'must not be empty' }]);
  const slug = slugOr(name, 'section');
  const existing = await db
    .selectFrom('section_names')
    .select('section_id')
    .where('language', '=', language)
    .where((eb) => eb.or([eb('slug', '=', slug), eb('name', '=', name)]))
    .executeTakeFirst();
  if (existing) return existing.section_id;
  const created = await insertSection(tx, { names: { [language]: { name } } }).catch((error: unknown) => {
    if (error instanceof AppError) throw invalid([{ field: 'section', message: error.message }]);
    throw error;
  });
  return created.id;
}
