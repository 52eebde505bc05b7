/**
 * Guest contributors: people credited on stories who have no account (a freelance writer, a
 * photographer, a translator). A name, a short bio and a link; they can be co-authors and
 * credits, and have an author page like the staff's. Stored as people with the guest role,
 * so bylines, author pages, feeds and sitemaps treat them as any author; they never sign in.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { announce, transact, type Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { invalid, notFound, type FieldError } from '../core/errors.js';
import { cacheKey } from '../core/cache-keys.js';
import { articleCacheKeys } from '../cache/article-keys.js';
import { assertCan, type Actor } from './permissions.js';
import { GUEST_ROLE } from './roles.js';
import { unsafeProfileText, uniqueUserSlug } from './users.service.js';

export interface Guest {
  id: number;
  name: string;
  slug: string;
  bio: string;
  website: string | null;
}

export interface GuestInput {
  name?: string;
  bio?: string;
  /** An http(s) address; empty or null for none. */
  website?: string | null;
}

export const MAX_GUEST_BIO = 1000;

const GUEST_COLUMNS = ['id', 'name', 'slug', 'bio', 'website'] as const;

function faultsOf(input: GuestInput, creating: boolean): FieldError[] {
  const faults: FieldError[] = [...unsafeProfileText(input)];
  if ((creating || input.name !== undefined) && !input.name?.trim()) faults.push({ field: 'name', message: 'is required' });
  if (input.bio !== undefined && input.bio.trim().length > MAX_GUEST_BIO) faults.push({ field: 'bio', message: `must be at most ${MAX_GUEST_BIO} characters` });
  if (input.website) {
    const url = URL.canParse(input.website.trim()) ? new URL(input.website.trim()) : null;
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) faults.push({ field: 'website', message: 'must be an http:// or https:// address' });
  }
  return faults;
}

/** Every guest contributor, by name: anyone who writes may credit them. */
export async function listGuests(db: Kysely<Schema>, actor: Actor): Promise<Guest[]> {
  assertCan(actor, 'articles.read');
  return db.selectFrom('users').select(GUEST_COLUMNS).where('role', '=', GUEST_ROLE).orderBy('name').orderBy('id').execute();
}

export async function createGuest(store: Store, actor: Actor, input: GuestInput): Promise<Guest> {
  assertCan(actor, 'users.manage.writers');
  const faults = faultsOf(input, true);
  if (faults.length) throw invalid(faults);
  return transact(store, async (tx) => {
    const guest = await insertGuest(tx.db, input);
    await announce(tx, { entity: 'user', id: guest.id, action: 'created', keys: [cacheKey.author(guest.id)] });
    return guest;
  });
}

/** The row of a new guest contributor, its fields already checked (`faultsOf`), or good enough for an import. */
export async function insertGuest(db: Kysely<Schema>, input: GuestInput): Promise<Guest> {
  const now = nowIso();
  return db
    .insertInto('users')
    .values({
      // The column is required and unique; a reserved name (RFC 2606) that no mail reaches,
      // as the importers give authors who came without an address.
      email: `guest-${randomUUID()}@guests.invalid`,
      name: input.name!.trim(),
      slug: await uniqueUserSlug(db, input.name!),
      bio: input.bio?.trim() ?? '',
      website: input.website?.trim() || null,
      role: GUEST_ROLE,
      password_hash: null,
      created_at: now,
      updated_at: now,
    })
    .returning(GUEST_COLUMNS)
    .executeTakeFirstOrThrow();
}

/** Whether `website` is an address a guest's profile may link to (http or https). */
export function isGuestWebsite(website: string): boolean {
  return faultsOf({ website }, false).length === 0;
}

async function guestRow(db: Kysely<Schema>, id: number) {
  const row = await db.selectFrom('users').select(GUEST_COLUMNS).where('id', '=', id).where('role', '=', GUEST_ROLE).executeTakeFirst();
  if (!row) throw notFound(`Guest contributor ${id}`);
  return row;
}

/** The pages that show the person's name: their author page and every story crediting them. */
async function pagesNaming(db: Kysely<Schema>, id: number): Promise<string[]> {
  const bylined = db.selectFrom('article_authors').select('article_id').where('user_id', '=', id);
  const credited = db.selectFrom('article_credits').select('article_id').where('user_id', '=', id);
  const articles = await bylined.union(credited).execute();
  const keys = [cacheKey.author(id)];
  for (const { article_id } of articles) keys.push(...(await articleCacheKeys(db, article_id)));
  return [...new Set(keys)];
}

export async function updateGuest(store: Store, actor: Actor, id: number, patch: GuestInput): Promise<Guest> {
  assertCan(actor, 'users.manage.writers');
  const faults = faultsOf(patch, false);
  if (faults.length) throw invalid(faults);
  return transact(store, async (tx) => {
    await guestRow(tx.db, id);
    const updated = await tx.db
      .updateTable('users')
      .set({
        ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
        ...(patch.bio !== undefined ? { bio: patch.bio.trim() } : {}),
        ...(patch.website !== undefined ? { website: patch.website?.trim() || null } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .returning(GUEST_COLUMNS)
      .executeTakeFirstOrThrow();
    await announce(tx, { entity: 'user', id, action: 'updated', keys: await pagesNaming(tx.db, id) });
    return updated;
  });
}

/** Removes a guest contributor and their name from every byline and credit they were in. */
export async function removeGuest(store: Store, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'users.manage.writers');
  await transact(store, async (tx) => {
    await guestRow(tx.db, id);
    const keys = await pagesNaming(tx.db, id);
    await tx.db.deleteFrom('users').where('id', '=', id).execute();
    await announce(tx, { entity: 'user', id, action: 'deleted', keys });
  });
}
