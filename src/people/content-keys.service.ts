/**
 * Content API keys: read-only access to published content for front-ends and apps. A key
 * grants nothing in the Admin API; only a hash is stored, as for Admin API tokens.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { cacheKey } from '../core/cache-keys.js';
import { invalidField, notFound } from '../core/errors.js';
import { unsafeCharacter, unsafeTextMessage } from '../core/unsafe-text.js';

function digest(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export interface ContentKey {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export async function createContentKey(db: Kysely<Schema>, input: { name: string }): Promise<ContentKey & { key: string }> {
  const name = input.name.trim();
  if (!name) throw invalidField('name', 'is required');
  const char = unsafeCharacter(name, 'line');
  if (char) throw invalidField('name', unsafeTextMessage(char));
  const key = `hck_${randomBytes(24).toString('base64url')}`;
  const createdAt = nowIso();
  const { id } = await db
    .insertInto('content_keys')
    .values({ name, key_hash: digest(key), created_at: createdAt })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id, name, createdAt, lastUsedAt: null, revokedAt: null, key };
}

export async function listContentKeys(db: Kysely<Schema>): Promise<ContentKey[]> {
  const rows = await db.selectFrom('content_keys').selectAll().orderBy('id').execute();
  return rows.map((r) => ({ id: r.id, name: r.name, createdAt: r.created_at, lastUsedAt: r.last_used_at, revokedAt: r.revoked_at }));
}

/**
 * Revokes a key. The page cache keeps Content API answers per URL, `?key=` included, and
 * replays them without asking who calls; the event drops every one of them.
 */
export async function revokeContentKey({ db, hooks }: Store, id: number): Promise<void> {
  const result = await db.updateTable('content_keys').set({ revoked_at: nowIso() }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) throw notFound(`Active content key ${id}`);
  await hooks.committed([{ entity: 'content-key', id, action: 'deleted', keys: [cacheKey.contentApi] }]);
}

// Recording every use would turn each read into a write; once an hour says enough.
const USE_RESOLUTION_MS = 3600_000;

/** True when `key` is a live content key; notes when it was last used. */
export async function isValidContentKey(db: Kysely<Schema>, key: string): Promise<boolean> {
  if (!key.startsWith('hck_') || key.length > 100) return false;
  const row = await db
    .selectFrom('content_keys')
    .select(['id', 'last_used_at'])
    .where('key_hash', '=', digest(key))
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  if (!row) return false;
  const now = Date.now();
  if (!row.last_used_at || now - Date.parse(row.last_used_at) > USE_RESOLUTION_MS) {
    await db.updateTable('content_keys').set({ last_used_at: new Date(now).toISOString() }).where('id', '=', row.id).execute();
  }
  return true;
}
