/** Moderators' block lists: words, e-mail addresses, IP addresses and networks. */
import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { invalidField, notFound } from '../core/errors.js';
import { inNetwork, isNetwork, normalizeIp } from './network.js';
import { isIP } from 'node:net';

export const BLOCK_KINDS = ['word', 'email', 'ip', 'network'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

export interface Block {
  id: number;
  kind: BlockKind;
  value: string;
  createdAt: string;
}

function canonical(kind: BlockKind, raw: string): string {
  const value = raw.trim();
  if (!value) throw invalidField('value', 'is required');
  switch (kind) {
    case 'word':
      return value.toLowerCase();
    case 'email':
      if (!/^[^\s@]*@[^\s@]+$/.test(value)) throw invalidField('value', 'must be an e-mail address or @domain');
      return value.toLowerCase();
    case 'ip':
      if (!isIP(value)) throw invalidField('value', 'must be an IP address');
      return normalizeIp(value);
    case 'network':
      if (!isNetwork(value)) throw invalidField('value', 'must be a network in CIDR form, such as 203.0.113.0/24');
      return value.toLowerCase();
  }
}

export async function listBlocks(db: Kysely<Schema>): Promise<Block[]> {
  const rows = await db.selectFrom('comment_blocks').selectAll().orderBy('kind').orderBy('value').execute();
  return rows.map((r) => ({ id: r.id, kind: r.kind as BlockKind, value: r.value, createdAt: r.created_at }));
}

export async function addBlock(db: Kysely<Schema>, kind: BlockKind, raw: string): Promise<Block> {
  const value = canonical(kind, raw);
  await db
    .insertInto('comment_blocks')
    .values({ kind, value, created_at: nowIso() })
    .onConflict((oc) => oc.columns(['kind', 'value']).doNothing())
    .execute();
  const row = await db.selectFrom('comment_blocks').selectAll().where('kind', '=', kind).where('value', '=', value).executeTakeFirstOrThrow();
  return { id: row.id, kind, value: row.value, createdAt: row.created_at };
}

export async function removeBlock(db: Kysely<Schema>, id: number): Promise<void> {
  const result = await db.deleteFrom('comment_blocks').where('id', '=', id).executeTakeFirst();
  if (Number(result.numDeletedRows) === 0) throw notFound(`Block #${id}`);
}

/** What of a submission the block lists catch, as reasons ("e-mail x@y"), and the blocked words. */
export async function checkBlocks(db: Kysely<Schema>, email: string, ip: string | null): Promise<{ blocked: string[]; words: string[] }> {
  const blocks = await listBlocks(db);
  const blocked: string[] = [];
  const domain = email.slice(email.lastIndexOf('@'));
  for (const block of blocks) {
    if (block.kind === 'email' && (block.value === email || block.value === domain)) blocked.push(`e-mail ${block.value}`);
    if (ip && block.kind === 'ip' && block.value === normalizeIp(ip)) blocked.push(`IP ${block.value}`);
    if (ip && block.kind === 'network' && inNetwork(ip, block.value)) blocked.push(`network ${block.value}`);
  }
  return { blocked, words: blocks.filter((b) => b.kind === 'word').map((b) => b.value) };
}
