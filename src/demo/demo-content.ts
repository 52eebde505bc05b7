/**
 * The marks the demo loader leaves on what it made (the demo_content table), and the plan of
 * what "remove the demo content" would take: the marked rows nobody has touched since and
 * nothing left behind still uses. Kysely queries only; demo-removal.service.ts carries it out.
 */
import type { Kysely } from 'kysely';
import type { DemoContentTable, Schema } from '../db/schema.js';

export type DemoKind = DemoContentTable['kind'];

const KINDS: DemoKind[] = ['article', 'section', 'tag', 'media', 'user'];

/** Each row as it is now, in the terms its mark was written in (see the migration). */
async function fingerprints(db: Kysely<Schema>, kind: DemoKind, ids: number[]): Promise<Map<number, { name: string; fingerprint: string }>> {
  if (ids.length === 0) return new Map();
  const rows: Array<{ id: number; name: string; fingerprint: string }> = [];
  if (kind === 'article') {
    const found = await db.selectFrom('articles').select(['id', 'title', 'version']).where('id', 'in', ids).execute();
    rows.push(...found.map((r) => ({ id: r.id, name: r.title, fingerprint: String(r.version) })));
  } else if (kind === 'section') {
    const found = await db
      .selectFrom('sections')
      .leftJoin('section_names', 'section_names.section_id', 'sections.id')
      .select(['sections.id', 'sections.updated_at', 'section_names.name'])
      .where('sections.id', 'in', ids)
      .orderBy('section_names.language')
      .execute();
    for (const r of found) if (!rows.some((row) => row.id === r.id)) rows.push({ id: r.id, name: r.name ?? '', fingerprint: r.updated_at });
  } else if (kind === 'tag') {
    const found = await db.selectFrom('tags').select(['id', 'name', 'updated_at']).where('id', 'in', ids).execute();
    rows.push(...found.map((r) => ({ id: r.id, name: r.name, fingerprint: r.updated_at })));
  } else if (kind === 'user') {
    // Choosing a password (to sign in as one of them) changes updated_at too.
    const found = await db.selectFrom('users').select(['id', 'name', 'updated_at']).where('id', 'in', ids).execute();
    rows.push(...found.map((r) => ({ id: r.id, name: r.name, fingerprint: r.updated_at })));
  } else {
    // Pictures have no updated_at: their description is what an editor changes.
    const found = await db.selectFrom('media').select(['id', 'path', 'alt', 'caption', 'credit']).where('id', 'in', ids).execute();
    rows.push(...found.map((r) => ({ id: r.id, name: r.path, fingerprint: JSON.stringify([r.alt, r.caption, r.credit]) })));
  }
  return new Map(rows.map(({ id, ...rest }) => [id, rest]));
}

/** Marks rows as the demo's, as they are now: called by the loader once it has made them. */
export async function markDemoContent(db: Kysely<Schema>, kind: DemoKind, ids: number[]): Promise<void> {
  for (const [id, { fingerprint }] of await fingerprints(db, kind, [...new Set(ids)])) {
    await db
      .insertInto('demo_content')
      .values({ kind, id, fingerprint })
      .onConflict((oc) => oc.columns(['kind', 'id']).doUpdateSet({ fingerprint }))
      .execute();
  }
}

export interface KeptDemoRow {
  kind: DemoKind;
  id: number;
  name: string;
  reason: string;
}

export interface DemoPlan {
  /** What goes, by kind. */
  remove: Record<DemoKind, number[]>;
  /** Demo rows that stay, and why. */
  kept: KeptDemoRow[];
  /** Marks of rows deleted some other way since: forgotten with the removal. */
  gone: Record<DemoKind, number[]>;
}

const byKind = (): Record<DemoKind, number[]> => ({ article: [], section: [], tag: [], media: [], user: [] });

/** Which of the candidate ids something that stays still uses, each with why. */
type UsedBy = (ids: number[]) => Promise<Map<number, string>>;

/**
 * What "remove the demo content" takes now. A story goes only when every language version of
 * it is the demo's and untouched (an edit, a move to the trash or a translation added by
 * someone keeps the whole story); a section, tag, picture or person goes only when untouched
 * and used by nothing that stays.
 */
export async function planDemoRemoval(db: Kysely<Schema>): Promise<DemoPlan> {
  const marks = await db.selectFrom('demo_content').selectAll().execute();
  const plan: DemoPlan = { remove: byKind(), kept: [], gone: byKind() };
  const untouched = byKind();
  const names = new Map<string, string>();
  for (const kind of KINDS) {
    const mine = marks.filter((m) => m.kind === kind);
    const now = await fingerprints(db, kind, mine.map((m) => m.id));
    for (const mark of mine) {
      const row = now.get(mark.id);
      if (!row) plan.gone[kind].push(mark.id);
      else if (row.fingerprint === mark.fingerprint) untouched[kind].push(mark.id);
      else plan.kept.push({ kind, id: mark.id, name: row.name, reason: 'changed since the demo was loaded' });
      if (row) names.set(`${kind}:${mark.id}`, row.name);
    }
  }

  // Stories: all their versions untouched demo versions, or none goes.
  const demoArticles = marks.filter((m) => m.kind === 'article' && !plan.gone.article.includes(m.id)).map((m) => m.id);
  const storyIds = demoArticles.length
    ? [...new Set((await db.selectFrom('articles').select('story_id').where('id', 'in', demoArticles).execute()).map((r) => r.story_id))]
    : [];
  const versions = storyIds.length ? await db.selectFrom('articles').select(['id', 'story_id', 'title']).where('story_id', 'in', storyIds).execute() : [];
  for (const storyId of storyIds) {
    const story = versions.filter((v) => v.story_id === storyId);
    if (story.every((v) => untouched.article.includes(v.id))) plan.remove.article.push(...story.map((v) => v.id));
    else {
      for (const v of story) {
        if (untouched.article.includes(v.id)) plan.kept.push({ kind: 'article', id: v.id, name: v.title, reason: 'another language version of its story was changed or added' });
      }
    }
  }
  const going = plan.remove.article;

  const keepOrRemove = async (kind: Exclude<DemoKind, 'article'>, usedBy: UsedBy) => {
    const candidates = untouched[kind];
    const used = await usedBy(candidates);
    for (const id of candidates) {
      const reason = used.get(id);
      if (reason) plan.kept.push({ kind, id, name: names.get(`${kind}:${id}`) ?? '', reason });
      else plan.remove[kind].push(id);
    }
  };

  await keepOrRemove('section', async (ids) => {
    const used = new Map<number, string>();
    if (!ids.length) return used;
    let stories = db.selectFrom('articles').select('section_id').where('section_id', 'in', ids);
    if (going.length) stories = stories.where('id', 'not in', going);
    for (const r of await stories.execute()) used.set(r.section_id!, 'a story that stays is in it');
    for (const r of await db.selectFrom('sections').select('parent_id').where('parent_id', 'in', ids).where('id', 'not in', ids).execute()) {
      used.set(r.parent_id!, 'a section that stays is under it');
    }
    for (const r of await db.selectFrom('syndication_feeds').select('section_id').where('section_id', 'in', ids).execute()) {
      used.set(r.section_id!, 'a partner feed files its stories in it');
    }
    return used;
  });

  await keepOrRemove('tag', async (ids) => {
    const used = new Map<number, string>();
    if (!ids.length) return used;
    let tagged = db.selectFrom('article_tags').select('tag_id').where('tag_id', 'in', ids);
    if (going.length) tagged = tagged.where('article_id', 'not in', going);
    for (const r of await tagged.execute()) used.set(r.tag_id, 'a story that stays is tagged with it');
    return used;
  });

  await keepOrRemove('media', async (ids) => {
    const used = new Map<number, string>();
    if (!ids.length) return used;
    let featuring = db.selectFrom('articles').select('image_media_id').where('image_media_id', 'in', ids);
    if (going.length) featuring = featuring.where('id', 'not in', going);
    for (const r of await featuring.execute()) used.set(r.image_media_id!, 'a story that stays shows it');
    const pictures = await db.selectFrom('media').select(['id', 'path']).where('id', 'in', ids).execute();
    for (const { id, path } of pictures) {
      if (used.has(id)) continue;
      const address = `%/media/${path}%`;
      let inBody = db.selectFrom('articles').select('id').where('body', 'like', address);
      if (going.length) inBody = inBody.where('id', 'not in', going);
      if (await inBody.executeTakeFirst()) used.set(id, 'a story that stays shows it');
      else if (await db.selectFrom('users').select('id').where('avatar_url', 'like', address).executeTakeFirst()) used.set(id, 'it is someone’s picture');
      else if (await db.selectFrom('settings').select('key').where('value', 'like', address).executeTakeFirst()) used.set(id, 'the site’s settings use it');
    }
    return used;
  });

  await keepOrRemove('user', async (ids) => {
    const used = new Map<number, string>();
    if (!ids.length) return used;
    let bylines = db.selectFrom('article_authors').select('user_id').where('user_id', 'in', ids);
    if (going.length) bylines = bylines.where('article_id', 'not in', going);
    for (const r of await bylines.execute()) used.set(r.user_id, 'they wrote a story that stays');
    for (const r of await db.selectFrom('api_tokens').select('user_id').where('user_id', 'in', ids).execute()) {
      used.set(r.user_id!, 'an Admin API token acts as them');
    }
    return used;
  });
  return plan;
}
