/**
 * "Remove the demo content": the demo's stories, sections, tags, pictures and people go in one
 * transaction, and the demo's site name with them, and nothing else. What someone changed or still uses stays (demo-content.ts
 * decides), and the answer says what stayed and why.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import { eraseHeraldsOwnArticles } from '../content/articles.service.js';
import { deleteSection } from '../content/sections.service.js';
import { deleteTag } from '../content/tags.service.js';
import { cacheKey } from '../core/cache-keys.js';
import { announce, transact, type Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import type { MediaStorage } from '../media/media.service.js';
import { mediaDir } from '../media/media.site.js';
import { assertCan, type Actor } from '../people/permissions.js';
import { changeSettings, DEFAULT_SETTINGS, getSettings } from '../settings/settings.service.js';
import { planDemoRemoval, type DemoKind, type DemoPlan, type KeptDemoRow } from './demo-content.js';
import { DEMO_SETTINGS } from './demo.js';

export interface DemoSummary {
  stories: number;
  /** Language versions of those stories. */
  versions: number;
  sections: number;
  tags: number;
  pictures: number;
  people: number;
  /** Demo rows that stay, and why. */
  kept: KeptDemoRow[];
}

async function summarize(db: Kysely<Schema>, plan: DemoPlan): Promise<DemoSummary> {
  const { article, section, tag, media, user } = plan.remove;
  const stories = article.length ? await db.selectFrom('articles').select('story_id').distinct().where('id', 'in', article).execute() : [];
  return { stories: stories.length, versions: article.length, sections: section.length, tags: tag.length, pictures: media.length, people: user.length, kept: plan.kept };
}

/** What "remove the demo content" would take now, for the administrator to confirm. */
export async function previewDemoRemoval(db: Kysely<Schema>, actor: Actor): Promise<DemoSummary> {
  assertCan(actor, 'demo.remove');
  return summarize(db, await planDemoRemoval(db));
}

/** Every file of these pictures: the original, its variants and its crops (paths under the media folder). */
async function filesOf(db: Kysely<Schema>, mediaIds: number[]): Promise<string[]> {
  if (!mediaIds.length) return [];
  const originals = await db.selectFrom('media').select('path').where('id', 'in', mediaIds).execute();
  const variants = await db.selectFrom('media_variants').select('path').where('media_id', 'in', mediaIds).execute();
  const crops = await db.selectFrom('media_crops').select('path').where('media_id', 'in', mediaIds).execute();
  return [...new Set([...originals, ...variants, ...crops].map((r) => r.path))];
}

/** Files are named by their content: one another picture still names stays on disk. */
async function unclaimed(db: Kysely<Schema>, paths: string[]): Promise<string[]> {
  if (!paths.length) return [];
  const claimed = new Set<string>();
  for (const table of ['media', 'media_variants', 'media_crops'] as const) {
    for (const r of await db.selectFrom(table).select('path').where('path', 'in', paths).execute()) claimed.add(r.path);
  }
  return paths.filter((p) => !claimed.has(p));
}

/**
 * The site's name and descriptions go back to Herald's own where they are still the demo's; one
 * an administrator has changed is theirs and stays. Languages and the address stay: the site's
 * own stories may be written in them.
 */
async function forgetDemoSettings(tx: Store, actor: Actor): Promise<void> {
  const current = await getSettings(tx.db);
  const keys = (Object.keys(DEMO_SETTINGS) as Array<keyof typeof DEMO_SETTINGS>).filter((key) => current[key] === DEMO_SETTINGS[key]);
  if (keys.length) await changeSettings(tx, actor, Object.fromEntries(keys.map((key) => [key, DEFAULT_SETTINGS[key]])));
}

/**
 * Removes the demo content (administrators only) and answers what went and what stayed. The
 * page cache, search index and webhooks hear of every removal through the usual write events.
 */
export async function removeDemoContent(store: Store, actor: Actor, storage: Pick<MediaStorage, 'dataDir'>): Promise<DemoSummary> {
  assertCan(actor, 'demo.remove');
  const { summary, files } = await transact(store, async (tx) => {
    const plan = await planDemoRemoval(tx.db);
    const summary = await summarize(tx.db, plan);
    await eraseHeraldsOwnArticles(tx, plan.remove.article);
    for (const id of plan.remove.section) await deleteSection(tx, actor, id);
    for (const id of plan.remove.tag) await deleteTag(tx, actor, id);
    const files = await filesOf(tx.db, plan.remove.media);
    for (const id of plan.remove.media) {
      await tx.db.deleteFrom('media').where('id', '=', id).execute();
      await announce(tx, { entity: 'media', id, action: 'deleted' });
    }
    for (const id of plan.remove.user) {
      await tx.db.deleteFrom('users').where('id', '=', id).execute();
      await announce(tx, { entity: 'user', id, action: 'deleted', keys: [cacheKey.author(id)] });
    }
    await forgetDemoSettings(tx, actor);
    for (const kind of Object.keys(plan.remove) as DemoKind[]) {
      const forgotten = [...plan.remove[kind], ...plan.gone[kind]];
      if (forgotten.length) await tx.db.deleteFrom('demo_content').where('kind', '=', kind).where('id', 'in', forgotten).execute();
    }
    return { summary, files };
  });
  const root = mediaDir(storage.dataDir);
  for (const path of await unclaimed(store.db, files)) rmSync(join(root, path), { force: true });
  return summary;
}
