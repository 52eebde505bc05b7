import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createArticle } from '../content/articles.service.js';
import { createSection } from '../content/sections.service.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/time.js';
import { mediaDir } from '../media/media.site.js';
import type { Actor } from '../people/permissions.js';
import { createUser } from '../people/users.service.js';
import { changeSettings } from '../settings/settings.service.js';
import { markDemoContent } from './demo-content.js';
import { DEMO_AUTHORS, DEMO_STORIES, type DemoStory } from './demo-stories.js';

const DEMO_ACTOR: Actor = { role: 'administrator', userId: null, principal: 'system:demo', name: 'Demo loader' };

/** A featured picture drawn here (nothing is downloaded): a gradient with soft shapes. */
async function drawImage(database: Database, dataDir: string, image: DemoStory['image']): Promise<number> {
  const { hue } = image;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="675">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="hsl(${hue},70%,35%)"/><stop offset="1" stop-color="hsl(${(hue + 40) % 360},60%,60%)"/>
    </linearGradient></defs>
    <rect width="1200" height="675" fill="url(#g)"/>
    <circle cx="900" cy="200" r="140" fill="hsl(${(hue + 180) % 360},70%,70%)" opacity=".45"/>
    <circle cx="300" cy="480" r="220" fill="hsl(${(hue + 20) % 360},80%,80%)" opacity=".25"/>
    <rect x="0" y="520" width="1200" height="155" fill="hsl(${hue},40%,20%)" opacity=".35"/>
  </svg>`;
  const folder = join(mediaDir(dataDir), 'demo');
  mkdirSync(folder, { recursive: true });
  // Loaded here, not at start: only a first run with the demo draws pictures.
  const { default: sharp } = await import('sharp');
  const bytes = await sharp(Buffer.from(svg)).jpeg({ quality: 80, mozjpeg: true }).toBuffer();
  const path = `demo/${image.name}.jpg`;
  writeFileSync(join(mediaDir(dataDir), path), bytes);
  const { id } = await database.db
    .insertInto('media')
    .values({ path, mime_type: 'image/jpeg', width: 1200, height: 675, size_bytes: bytes.length, credit: image.credit, created_at: nowIso() })
    .onConflict((oc) => oc.column('path').doUpdateSet({ size_bytes: bytes.length }))
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/** The demo newsroom's name and words; removing the demo puts back Herald's own where nobody changed them. */
export const DEMO_SETTINGS = {
  name: 'Herald Demo',
  description: 'A multilingual newsroom running on Herald.',
  publisherName: 'Herald Demo Newsroom',
} as const;

/**
 * Loads the demo newsroom and marks what it made (demo-content.ts), so that it can be removed
 * in one click; returns how many story versions it wrote.
 */
export async function loadDemo(database: Database, config: Pick<Config, 'dataDir' | 'baseUrl' | 'host' | 'port'>): Promise<number> {
  const baseUrl = config.baseUrl ?? `http://${config.host}:${config.port}`;
  await changeSettings(database, DEMO_ACTOR, {
    ...DEMO_SETTINGS,
    baseUrl,
    languages: ['en', 'fr', 'zh-Hant', 'ar'],
    defaultLanguage: 'en',
  });
  const made = { user: [] as number[], section: [] as number[], media: [] as number[], article: [] as number[] };
  // Only the tags the demo creates are its own: one a story here shares with the site's is not.
  const tagsBefore = new Set((await database.db.selectFrom('tags').select('id').execute()).map((t) => t.id));
  const authorIds = new Map<string, number>();
  for (const author of DEMO_AUTHORS) {
    const existing = await database.db.selectFrom('users').select('id').where('email', '=', author.email).executeTakeFirst();
    const id = existing?.id ?? (await createUser(database.db, { ...author, role: 'author' })).id;
    if (!existing) made.user.push(id);
    authorIds.set(author.email, id);
  }
  const sectionIds = new Map<string, number>();
  let written = 0;
  for (const story of DEMO_STORIES) {
    const mediaId = await drawImage(database, config.dataDir, story.image);
    made.media.push(mediaId);
    const key = story.versions.map((v) => `${v.language}:${v.section}`).find((k) => sectionIds.has(k));
    let sectionId = key ? sectionIds.get(key)! : undefined;
    if (sectionId === undefined) {
      const names = Object.fromEntries(story.versions.map((v) => [v.language, { name: v.section }]));
      sectionId = (await createSection(database, DEMO_ACTOR, { names })).id;
      made.section.push(sectionId);
    }
    for (const v of story.versions) sectionIds.set(`${v.language}:${v.section}`, sectionId);
    const publishedAt = new Date(Date.now() - story.daysAgo * 86_400_000 - 3_600_000).toISOString();
    let originalId: number | undefined;
    for (const version of story.versions) {
      const article = await createArticle(
        database,
        {
          language: version.language,
          title: version.title,
          standfirst: version.standfirst,
          body: version.body,
          bodyFormat: 'markdown',
          section: sectionId,
          tags: version.tags,
          authors: [authorIds.get(version.author)!],
          featuredImage: { mediaId, caption: version.caption, credit: story.image.credit, alt: version.alt },
          source: version.source,
          translationOf: originalId,
          machineTranslated: version.machineTranslated ?? false,
          status: 'published',
          publishedAt,
        },
        DEMO_ACTOR,
        baseUrl,
      );
      originalId ??= article.id;
      made.article.push(article.id);
      written++;
    }
  }
  const tagged = made.article.length
    ? await database.db.selectFrom('article_tags').select('tag_id').where('article_id', 'in', made.article).execute()
    : [];
  await markDemoContent(database.db, 'tag', tagged.map((t) => t.tag_id).filter((id) => !tagsBefore.has(id)));
  for (const [kind, ids] of Object.entries(made)) await markDemoContent(database.db, kind as keyof typeof made, ids);
  return written;
}

/** The first start of an empty site shows something: the demo, unless there is content already. */
export async function loadDemoIfEmpty(database: Database, config: Config): Promise<number> {
  const any = await database.db.selectFrom('articles').select('id').limit(1).executeTakeFirst();
  const anyUser = await database.db.selectFrom('users').select('id').limit(1).executeTakeFirst();
  if (any || anyUser) return 0;
  return loadDemo(database, config);
}
