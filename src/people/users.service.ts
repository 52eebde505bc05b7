import type { Kysely } from 'kysely';
import type { Schema, UserRow } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { slugOr } from '../content/slugs.js';
import { AppError, invalid, requiredField, type FieldError } from '../core/errors.js';
import { textFault } from '../core/unsafe-text.js';
import type { InterfaceLanguage } from '../core/interface-text.js';
import { hashPassword, MIN_PASSWORD_LENGTH } from './passwords.js';
import { isRole, ROLES } from './roles.js';

export interface NewUser {
  email: string;
  name: string;
  role: string;
  password?: string;
  bio?: string;
  avatarUrl?: string | null;
}

/** What anyone may see of a person: never the e-mail or the password hash. */
export interface PublicAuthor {
  id: number;
  name: string;
  slug: string;
  bio: string;
  avatarUrl: string | null;
  /** Their own site or profile, shown with their bio (a guest contributor's link); null when none. */
  website: string | null;
}

/** The `users` columns a PublicAuthor is made of. */
export const PUBLIC_AUTHOR_COLUMNS = ['users.id', 'users.name', 'users.slug', 'users.bio', 'users.avatar_url', 'users.website'] as const;

export function publicAuthor(row: Pick<UserRow, 'id' | 'name' | 'slug' | 'bio' | 'avatar_url' | 'website'>): PublicAuthor {
  return { id: row.id, name: row.name, slug: row.slug, bio: row.bio, avatarUrl: row.avatar_url, website: row.website };
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Faults of the text a person's profile holds: a name and an e-mail on one line, a bio as text. */
export function unsafeProfileText(input: { name?: string; email?: string; bio?: string }): FieldError[] {
  return [textFault('name', input.name, 'line'), textFault('email', input.email, 'line'), textFault('bio', input.bio)].filter((f) => f !== null);
}

export async function createUser(db: Kysely<Schema>, input: NewUser): Promise<UserRow> {
  const faults: FieldError[] = [];
  const email = input.email?.trim().toLowerCase() ?? '';
  if (!EMAIL.test(email)) faults.push({ field: 'email', message: 'must be an e-mail address' });
  if (!input.name?.trim()) faults.push(requiredField('name'));
  // A byline shows in pages, feeds and sitemaps: no control character or lone surrogate.
  faults.push(...unsafeProfileText(input));
  if (!isRole(input.role)) faults.push({ field: 'role', message: `must be one of ${ROLES.join(', ')}` });
  if (input.password !== undefined && input.password.length < MIN_PASSWORD_LENGTH) {
    faults.push({ field: 'password', message: `must be at least ${MIN_PASSWORD_LENGTH} characters` });
  }
  if (faults.length) throw invalid(faults);
  if (await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()) {
    throw new AppError('CONFLICT', `A user with the e-mail ${email} already exists.`, {
      fields: [{ field: 'email', message: 'is already taken' }],
    });
  }
  const slug = await uniqueUserSlug(db, input.name);
  const now = nowIso();
  return db
    .insertInto('users')
    .values({
      email,
      name: input.name.trim(),
      slug,
      bio: input.bio?.trim() ?? '',
      avatar_url: input.avatarUrl ?? null,
      role: input.role,
      password_hash: input.password ? await hashPassword(input.password) : null,
      created_at: now,
      updated_at: now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The address of a new person's author page: their name's slug, numbered when taken. */
export async function uniqueUserSlug(db: Kysely<Schema>, name: string): Promise<string> {
  const base = slugOr(name, 'author');
  const taken = new Set(
    (await db.selectFrom('users').select('slug').where('slug', 'like', `${base}%`).execute()).map((r) => r.slug),
  );
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

export async function findUserBySlug(db: Kysely<Schema>, slug: string): Promise<PublicAuthor | null> {
  const row = await db.selectFrom('users').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? publicAuthor(row) : null;
}

export async function countUsers(db: Kysely<Schema>): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The language the person chose to read the admin in, or null when they follow their browser. */
export async function interfaceLanguageOf(db: Kysely<Schema>, userId: number): Promise<string | null> {
  const row = await db.selectFrom('users').select('interface_language').where('id', '=', userId).executeTakeFirst();
  return row?.interface_language ?? null;
}

/** The language the person reads the admin in (one of the interface languages), or null to follow their browser. */
export async function setInterfaceLanguage(db: Kysely<Schema>, userId: number, language: InterfaceLanguage | null): Promise<void> {
  await db.updateTable('users').set({ interface_language: language, updated_at: nowIso() }).where('id', '=', userId).execute();
}
