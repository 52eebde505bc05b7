/**
 * Fills a fresh database with a realistic archive fast: batched multi-row inserts through
 * Kysely (never one HTTP call per story), explicit ids so the link tables need no look-ups.
 */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../src/db/database.js';
import { refreshPlannerStatistics } from '../src/db/statistics.js';
import { updateSettings } from '../src/settings/settings.service.js';

export const LANGUAGES = ['en', 'fr', 'ar'] as const;
const AUTHORS = 20;
const SECTIONS = 8;
const TAGS_PER_LANGUAGE = 150;
const TAGS_PER_STORY = 3;
const BATCH = 400;

const WORDS: Record<(typeof LANGUAGES)[number], string[]> = {
  en: 'the council river market election school harbour budget storm festival report minister street village court energy water rail museum farmers'.split(' '),
  fr: 'le conseil rivière marché élection école port budget tempête festival rapport ministre rue village tribunal énergie eau rail musée agriculteurs'.split(' '),
  ar: 'المجلس النهر السوق الانتخابات المدرسة الميناء الميزانية العاصفة المهرجان التقرير الوزير الشارع القرية المحكمة الطاقة المياه القطار المتحف المزارعون اليوم'.split(' '),
};

/** A tiny deterministic generator: the same archive on every run, so runs compare. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

function sentence(words: string[], next: () => number, length: number): string {
  const picked = Array.from({ length }, () => words[Math.floor(next() * words.length)]);
  return `${picked.join(' ')}.`.replace(/^./, (c) => c.toUpperCase());
}

async function insertBatches(db: Kysely<any>, table: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) await db.insertInto(table).values(rows.slice(i, i + BATCH)).execute();
}

/** What the benchmark needs to know about the archive to build its URLs. */
export interface Seeded {
  stories: number;
  comments: number;
  popularTag: { language: string; slug: string };
  searchWord: string;
  notes: string[];
}

export async function seed(database: Database, stories: number, progress: (text: string) => void): Promise<Seeded> {
  const db = database.db as unknown as Kysely<any>;
  const notes: string[] = [];
  const next = random(42);
  const now = Date.now();
  const iso = (ms: number) => new Date(ms).toISOString();
  const created = iso(now - 400 * 86_400_000);
  await updateSettings(database.db, { name: 'Herald benchmark', languages: [...LANGUAGES], defaultLanguage: 'en' });

  await insertBatches(db, 'users', Array.from({ length: AUTHORS }, (_, i) => ({
    id: i + 1, email: `author${i + 1}@bench.test`, name: `Author ${i + 1}`, slug: `author-${i + 1}`, bio: '',
    role: 'author', created_at: created, updated_at: created,
  })));
  await insertBatches(db, 'sections', Array.from({ length: SECTIONS }, (_, i) => ({ id: i + 1, position: i, created_at: created, updated_at: created })));
  await insertBatches(db, 'section_names', Array.from({ length: SECTIONS }, (_, i) => LANGUAGES.map((language) => ({
    section_id: i + 1, language, name: `${WORDS[language][i]} ${i + 1}`, slug: `section-${i + 1}`, description: '',
  }))).flat());
  const tagId = (language: number, n: number) => language * TAGS_PER_LANGUAGE + n + 1;
  await insertBatches(db, 'tags', LANGUAGES.flatMap((language, l) => Array.from({ length: TAGS_PER_LANGUAGE }, (_, n) => ({
    id: tagId(l, n), language, name: `${WORDS[language][n % 20]} ${n}`, slug: `tag-${n}`, description: '', created_at: created, updated_at: created,
  }))));

  for (let start = 0; start < stories; start += BATCH) {
    const ids = Array.from({ length: Math.min(BATCH, stories - start) }, (_, i) => start + i + 1);
    const storyRows = ids.map((id) => ({ id, created_at: created }));
    const articles = ids.map((id) => {
      const l = id % LANGUAGES.length;
      const language = LANGUAGES[l];
      const words = WORDS[language];
      const paragraphs = Array.from({ length: 6 }, () => `<p>${Array.from({ length: 4 }, () => sentence(words, next, 12)).join(' ')}</p>`);
      // Newest story has the highest id, one story every 10 minutes going back.
      const published = iso(now - (stories - id) * 600_000);
      return {
        id, story_id: id, language, title: `${sentence(words, next, 6).slice(0, -1)} ${id}`,
        standfirst: sentence(words, next, 18), body: paragraphs.join('\n'), excerpt: sentence(words, next, 24),
        slug: `story-${id}`, section_id: (id % SECTIONS) + 1, status: 'published', published_at: published,
        created_at: published, updated_at: published, version: 1, created_by: 'bench',
      };
    });
    const tagRows = ids.flatMap((id) => {
      const l = id % LANGUAGES.length;
      // Skewed towards the first tags, as real tag use is.
      const picked = new Set<number>();
      while (picked.size < TAGS_PER_STORY) picked.add(Math.floor(next() ** 2 * TAGS_PER_LANGUAGE));
      return [...picked].map((n, position) => ({ article_id: id, tag_id: tagId(l, n), position }));
    });
    await insertBatches(db, 'stories', storyRows);
    await insertBatches(db, 'articles', articles);
    await insertBatches(db, 'article_tags', tagRows);
    await insertBatches(db, 'article_authors', ids.map((id) => ({ article_id: id, user_id: (id % AUTHORS) + 1, position: 0 })));
    progress(`seeding: ${(start + ids.length).toLocaleString('en')} / ${stories.toLocaleString('en')} stories`);
  }

  progress('seeding comments');
  const comments = await seedComments(db, stories, notes);
  if (database.capabilities.engine === 'postgres') {
    for (const table of ['users', 'sections', 'tags', 'stories', 'articles']) {
      await sql`SELECT setval(pg_get_serial_sequence(${table}, 'id'), (SELECT max(id) FROM ${sql.table(table)}))`.execute(db);
    }
  }
  progress(`indexing ${stories.toLocaleString('en')} stories for search`);
  await reindexSearch(database, notes);
  // As an import does: a live site's planner has statistics, a freshly seeded one has none yet.
  await refreshPlannerStatistics(db);
  return { stories, comments, popularTag: { language: 'en', slug: 'tag-0' }, searchWord: WORDS.en[1], notes };
}

/** Comments, when the comments module has created its table: a few approved ones on recent stories. */
async function seedComments(db: Kysely<any>, stories: number, notes: string[]): Promise<number> {
  const tables = await db.introspection.getTables();
  const table = tables.find((t) => t.name === 'comments');
  if (!table) {
    notes.push('no comments table yet: seeded no comments');
    return 0;
  }
  const columns = new Map(table.columns.map((c) => [c.name, c]));
  const now = new Date().toISOString();
  const guesses: Record<string, (article: number, n: number) => unknown> = {
    article_id: (a) => a, author_name: (_a, n) => `Reader ${n}`, author_email: (_a, n) => `reader${n}@bench.test`,
    email: (_a, n) => `reader${n}@bench.test`, name: (_a, n) => `Reader ${n}`, body: () => '<p>Thank you for this report.</p>',
    body_html: () => '<p>Thank you for this report.</p>', text: () => 'Thank you for this report.', status: () => 'approved',
    content_hash: (a, n) => `bench-${a}-${n}`, depth: () => 1,
    language: () => 'en', created_at: () => now, updated_at: () => now, parent_id: () => null, ip_hash: () => '', spam_score: () => 0,
  };
  const required = [...columns.values()].filter((c) => !c.isNullable && !c.hasDefaultValue && !c.isAutoIncrementing);
  const unknown = required.filter((c) => !(c.name in guesses));
  if (unknown.length) {
    notes.push(`comments table has columns the benchmark cannot fill (${unknown.map((c) => c.name).join(', ')}): seeded no comments`);
    return 0;
  }
  const rows: object[] = [];
  for (let article = Math.max(1, stories - 2000); article <= stories; article += 1) {
    for (let n = 0; n < 3; n += 1) {
      rows.push(Object.fromEntries([...columns.keys()].filter((name) => name in guesses).map((name) => [name, guesses[name](article, n)])));
    }
  }
  try {
    await insertBatches(db, 'comments', rows);
    return rows.length;
  } catch (error) {
    notes.push(`could not seed comments: ${(error as Error).message}`);
    return 0;
  }
}

async function reindexSearch(database: Database, notes: string[]): Promise<void> {
  const search = (await import('../src/search/search.service.js').catch(() => null)) as null | {
    reindexAll?: (db: Database['db']) => Promise<number>;
  };
  if (search?.reindexAll) await search.reindexAll(database.db);
  else notes.push('no search index to fill');
}
