/**
 * Stories going out: every article write decides, inside its own transaction, whether the
 * fediverse must hear of it, and queues the activity (activities.repository.ts). Publishing
 * a story queues a Create for its language's actor only (a translation goes to its own
 * language's followers); editing a story the fediverse has queues an Update; unpublishing or
 * trashing it queues a Delete. The delivery worker does the rest, after the write answered.
 */
import type { Kysely } from 'kysely';
import type { Store, WriteEvent } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { getSettings } from '../settings/settings.service.js';
import { lastStoryActivity, queueActivity, type OutgoingType } from './activities.repository.js';
import { articleUri } from './paths.js';

type ArticleState = { id: number; kind: string; language: string; status: string; deleted_at: string | null };

/** What a write of a story means for its followers, given what was last sent about it. */
export function storyActivityOf(event: WriteEvent, row: ArticleState, last: string | undefined): OutgoingType | null {
  const live = row.kind === 'story' && row.status === 'published' && row.deleted_at === null;
  // Whether the fediverse holds the story now: it was created or updated, and not deleted since.
  const out = last === 'Create' || last === 'Update';
  if (live && !out && (event.action === 'published' || event.action === 'restored')) return 'Create';
  if (live && out && event.action === 'updated') return 'Update';
  if (!live && out && (event.action === 'unpublished' || event.action === 'trashed' || event.action === 'updated')) return 'Delete';
  return null;
}

async function hasFollowers(db: Kysely<Schema>, language: string): Promise<boolean> {
  return (await db.selectFrom('federation_followers').select('id').where('actor', '=', language).where('status', '=', 'accepted').limit(1).executeTakeFirst()) !== undefined;
}

const installed = new WeakSet<Store>();

/** Queues activities on every article write of this store; `onQueued` wakes the delivery worker. */
export function installFederationOutbox(store: Store, configBaseUrl: string | undefined): void {
  if (installed.has(store)) return;
  installed.add(store);
  store.hooks.duringTransaction(async (trx, event) => {
    if (event.entity !== 'article') return;
    const row = await trx.selectFrom('articles').select(['id', 'kind', 'language', 'status', 'deleted_at']).where('id', '=', event.id).executeTakeFirst();
    if (!row) return;
    const last = await lastStoryActivity(trx, row.id);
    const type = storyActivityOf(event, row, last?.type);
    if (!type) return;
    const settings = await getSettings(trx);
    if (!settings.federation || !settings.languages.includes(row.language)) return;
    // Nobody follows the edition: nothing to send, and nothing out there to update or delete later.
    if (type === 'Create' && !(await hasFollowers(trx, row.language))) return;
    // A Create not sent yet and deleted again before it went: neither needs to go.
    if (type === 'Delete' && last?.type === 'Create' && last.status === 'pending') {
      await trx.deleteFrom('federation_activities').where('id', '=', last.id).execute();
      return;
    }
    // An edit of a story whose Create or Update has not been fanned out yet: that one will carry the new text.
    if (type === 'Update' && last?.status === 'pending') return;
    const baseUrl = configBaseUrl ?? settings.baseUrl;
    const stamp = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    await queueActivity(trx, {
      activityId: `${articleUri(baseUrl, row.id)}#${type.toLowerCase()}-${stamp}`,
      actor: row.language,
      type,
      articleId: row.id,
    });
  });
}
