/** Managing the newsroom's people and Admin API tokens: what administrators do in Users. */
import type { Kysely } from 'kysely';
import { announce, transact, type Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { inTransaction } from '../db/transaction.js';
import { AppError, invalid, invalidField, notFound } from '../core/errors.js';
import { reassignAuthorship } from '../content/articles.service.js';
import { createLink } from './links.service.js';
import { cacheKey } from '../core/cache-keys.js';
import { assertCan, assertCanManageRole, canManageRole, type Actor } from './permissions.js';
import { GUEST_ROLE, type Role } from './roles.js';
import { endAllSessions } from './sessions.service.js';
import { createUser, unsafeProfileText } from './users.service.js';

export interface StaffMember {
  id: number;
  name: string;
  slug: string;
  role: string;
  /** Only for those who manage users. */
  email?: string;
  /** False until an invited person has chosen a password. */
  active?: boolean;
}

/**
 * Everyone on the staff: every role sees names (to credit authors); whoever manages a person
 * also sees their e-mail. Guest contributors have no account: guests.service.ts lists them.
 */
export async function listStaff(db: Kysely<Schema>, actor: Actor): Promise<StaffMember[]> {
  const rows = await db
    .selectFrom('users')
    .select(['id', 'name', 'slug', 'role', 'email', 'password_hash'])
    .where('role', '!=', GUEST_ROLE)
    .orderBy('name')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    slug: r.slug,
    role: r.role,
    ...(canManageRole(actor, r.role) ? { email: r.email, active: r.password_hash !== null } : {}),
  }));
}

/** Creates the person without a password and a link with which they choose one. */
export async function invite(db: Kysely<Schema>, actor: Actor, input: { email: string; name: string; role: Role }) {
  assertCanManageRole(actor, input.role);
  return inTransaction(db, async (trx) => {
    const user = await createUser(trx, input);
    const link = await createLink(trx, 'invitation', user.id, actor.principal);
    return { user: { id: user.id, name: user.name, email: user.email, role: user.role }, ...link };
  });
}

/** A person with an account; a guest contributor is edited and removed through guests.service.ts. */
async function staffRow(db: Kysely<Schema>, id: number) {
  const user = await db.selectFrom('users').selectAll().where('id', '=', id).where('role', '!=', GUEST_ROLE).executeTakeFirst();
  if (!user) throw notFound(`User ${id}`);
  return user;
}

export interface StaffPatch {
  name?: string;
  role?: Role;
  bio?: string;
  avatarUrl?: string | null;
}

/**
 * Edits a person's profile or role. Editors may edit contributors and authors and make them
 * one or the other; administrators anyone. The byline shows on author pages and on stories,
 * so the committed change names the author's key for the page cache.
 */
export async function updateStaff(store: Store, actor: Actor, id: number, patch: StaffPatch) {
  assertCan(actor, 'users.manage.writers');
  const faults = unsafeProfileText(patch);
  if (faults.length) throw invalid(faults);
  const updated = await inTransaction(store.db, async (trx) => {
    const user = await staffRow(trx, id);
    assertCanManageRole(actor, user.role);
    if (patch.role) assertCanManageRole(actor, patch.role);
    if (patch.role && patch.role !== 'administrator' && user.role === 'administrator') {
      const admins = await trx.selectFrom('users').select('id').where('role', '=', 'administrator').execute();
      if (admins.length <= 1) throw new AppError('CONFLICT', 'This is the only administrator; make someone else administrator first.');
    }
    return trx
      .updateTable('users')
      .set({
        ...(patch.name ? { name: patch.name.trim() } : {}),
        ...(patch.role ? { role: patch.role } : {}),
        ...(patch.bio !== undefined ? { bio: patch.bio.trim() } : {}),
        ...(patch.avatarUrl !== undefined ? { avatar_url: patch.avatarUrl || null } : {}),
        updated_at: nowIso(),
      })
      .where('id', '=', id)
      .returning(['id', 'name', 'email', 'role', 'bio', 'avatar_url as avatarUrl'])
      .executeTakeFirstOrThrow();
  });
  await store.hooks.committed([{ entity: 'user', id, action: 'updated', keys: [cacheKey.author(id)] }]);
  return updated;
}

export interface Removal {
  removed: { id: number; name: string };
  /** Who now holds the person's stories, and how many versions moved; null when they wrote none. */
  reassigned: { to: number; name: string; versions: number } | null;
}

/**
 * Removes a person, as WordPress does when asked whom their posts go to: every version they
 * wrote or created, in every language, is credited to `reassignTo` (required when there is any),
 * then the person, their sessions, tokens and links go, all in one transaction. Nobody removes
 * themselves or the last administrator.
 */
export async function removeStaff(store: Store, actor: Actor, id: number, reassignTo: number | undefined): Promise<Removal> {
  assertCan(actor, 'users.manage');
  if (actor.userId === id) throw invalidField('id', 'is you: another administrator has to remove you');
  if (reassignTo === id) throw invalidField('reassignTo', 'must be someone other than the person removed');
  return transact(store, async (tx) => {
    const trx = tx.db;
    const user = await staffRow(trx, id);
    if (user.role === 'administrator') {
      const admins = await trx.selectFrom('users').select('id').where('role', '=', 'administrator').execute();
      if (admins.length <= 1) {
        throw new AppError('CONFLICT', 'This is the only administrator; make someone else administrator first.', {
          fields: [{ field: 'id', message: 'is the only administrator' }],
        });
      }
    }
    // Stories go to someone who can keep working on them: a guest contributor has no account.
    const heir =
      reassignTo === undefined
        ? undefined
        : await trx.selectFrom('users').select(['id', 'name']).where('id', '=', reassignTo).where('role', '!=', GUEST_ROLE).executeTakeFirst();
    if (reassignTo !== undefined && !heir) throw invalidField('reassignTo', `no member of staff ${reassignTo}`);
    if (!heir && (await hasWritten(trx, id))) {
      throw invalidField('reassignTo', `is required: ${user.name} has stories; choose who they go to`);
    }
    const versions = heir ? await reassignAuthorship(tx, id, heir.id) : 0;
    await trx.deleteFrom('sessions').where('user_id', '=', id).execute();
    await trx.deleteFrom('api_tokens').where('user_id', '=', id).execute();
    await trx.deleteFrom('user_links').where('user_id', '=', id).execute();
    // An import run again makes the person anew rather than pointing at the one removed; their
    // old WordPress or Ghost author address leads to whoever holds their stories now.
    await trx.deleteFrom('import_map').where('kind', '=', 'user').where('local_id', '=', id).execute();
    if (heir) {
      await trx
        .updateTable('legacy_redirects')
        .set({ target_id: heir.id })
        .where('target_type', 'in', ['author', 'author-feed'])
        .where('target_id', '=', id)
        .execute();
    }
    await trx.deleteFrom('users').where('id', '=', id).execute();
    await announce(tx, { entity: 'user', id, action: 'deleted', keys: [cacheKey.author(id)] });
    return { removed: { id, name: user.name }, reassigned: heir ? { to: heir.id, name: heir.name, versions } : null };
  });
}

async function hasWritten(db: Kysely<Schema>, userId: number): Promise<boolean> {
  const byline = await db.selectFrom('article_authors').select('article_id').where('user_id', '=', userId).limit(1).executeTakeFirst();
  const created = await db.selectFrom('articles').select('id').where('created_by', '=', `user:${userId}`).limit(1).executeTakeFirst();
  return Boolean(byline ?? created);
}

/**
 * Signs someone out on every device, returning how many sessions ended: anyone may sign
 * themselves out; editors, the contributors and authors they manage; administrators, anyone.
 */
export async function signOutEverywhere(db: Kysely<Schema>, actor: Actor, id: number): Promise<number> {
  if (actor.userId !== id) {
    assertCan(actor, 'users.manage.writers', `The ${actor.role} role may only sign itself out everywhere.`);
    const user = await staffRow(db, id);
    assertCanManageRole(actor, user.role);
  }
  return endAllSessions(db, id);
}

export async function listTokens(db: Kysely<Schema>, actor: Actor) {
  assertCan(actor, 'tokens.manage');
  return db.selectFrom('api_tokens').select(['id', 'name', 'role', 'user_id as userId', 'created_at as createdAt']).orderBy('id').execute();
}

export async function revokeToken(db: Kysely<Schema>, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'tokens.manage');
  const result = await db.deleteFrom('api_tokens').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Token ${id}`);
}
