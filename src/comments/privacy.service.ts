/**
 * What the privacy notice promises commenters, kept: IP addresses reduced after a delay, and
 * every comment of an e-mail address deleted on request (through a link sent to that address,
 * so nobody can erase someone else's words).
 */
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { AppError } from '../core/errors.js';
import { announce } from './comments.service.js';
import { getCommentSettings } from './comments.settings.js';
import { forgetFormUses } from './comments.repository.js';
import { reduceIp } from './network.js';
import { sign, siteSecret, verify } from '../core/signing.js';

const DAY_MS = 86_400_000;
const LINK_PURPOSE = 'comments.forget';
const LINK_LIFETIME_MS = 2 * DAY_MS;

/** Zeroes the personal part of IP addresses older than the setting; returns how many were reduced. */
export async function reduceOldIps(db: Kysely<Schema>, now = Date.now()): Promise<number> {
  const { reduceIpAfterDays } = await getCommentSettings(db);
  const before = new Date(now - reduceIpAfterDays * DAY_MS).toISOString();
  let reduced = 0;
  for (;;) {
    const rows = await db
      .selectFrom('comments')
      .select(['id', 'author_ip'])
      .where('ip_reduced_at', 'is', null)
      .where('created_at', '<', before)
      .limit(500)
      .execute();
    if (!rows.length) break;
    const at = nowIso();
    for (const row of rows) {
      await db
        .updateTable('comments')
        .set({ author_ip: row.author_ip ? reduceIp(row.author_ip) || null : null, ip_reduced_at: at })
        .where('id', '=', row.id)
        .execute();
    }
    reduced += rows.length;
  }
  // Used form tokens only matter while a form can still be sent.
  await forgetFormUses(db, new Date(now - 8 * DAY_MS).toISOString());
  return reduced;
}

/** The signed link that lets the owner of an address delete its comments; valid two days. */
export async function deletionLink(db: Kysely<Schema>, email: string, baseUrl: string, now = Date.now()): Promise<string> {
  const token = sign(await siteSecret(db), LINK_PURPOSE, { e: email.trim().toLowerCase(), x: now + LINK_LIFETIME_MS });
  return `${baseUrl.replace(/\/+$/, '')}/comments/forget/confirm?token=${token}`;
}

/** The address a deletion link stands for, or an error saying why it cannot be used. */
export async function emailOfDeletionLink(db: Kysely<Schema>, token: string, now = Date.now()): Promise<string> {
  const payload = verify<{ e: string; x: number }>(await siteSecret(db), LINK_PURPOSE, token);
  if (!payload) throw new AppError('NOT_FOUND', 'This deletion link is not valid.');
  if (payload.x < now) throw new AppError('NOT_FOUND', 'This deletion link has expired; ask for a new one.');
  return payload.e;
}

/** Deletes every comment written with the link's address; returns how many. */
export async function deleteCommentsByLink(store: Store, token: string): Promise<number> {
  const email = await emailOfDeletionLink(store.db, token);
  const rows = await store.db.selectFrom('comments').select(['id', 'article_id', 'status']).where('author_email', '=', email).execute();
  await store.db.deleteFrom('comments').where('author_email', '=', email).execute();
  for (const row of rows) if (row.status === 'approved') await announce(store, row.id, row.article_id, 'deleted');
  return rows.length;
}

export async function hasCommentsFrom(db: Kysely<Schema>, email: string): Promise<boolean> {
  return !!(await db.selectFrom('comments').select('id').where('author_email', '=', email.trim().toLowerCase()).limit(1).executeTakeFirst());
}
