/**
 * What surrounds a story on its page: the previous and next story in the same section and
 * language, and related stories (shared tags first, then the same section). Public audience only.
 */
import type { Kysely } from 'kysely';
import { unionAllOf } from '../db/columns.js';
import { prepared } from '../db/prepared.js';
import type { Schema } from '../db/schema.js';
import { loadArticleCards } from './articles.repository.js';
import type { Article, ArticleCard } from './articles.types.js';

export interface Neighbours {
  previous: ArticleCard | null;
  next: ArticleCard | null;
}

/** Where a story stands, as the queries around it read it. */
interface Place {
  id: number;
  language: string;
  sectionId: number | null;
}

function publishedIn(db: Kysely<Schema>, place: Place) {
  let query = db
    .selectFrom('articles')
    .select('id')
    .where('status', '=', 'published')
    .where('deleted_at', 'is', null)
    .where('kind', '=', 'story')
    .where('language', '=', place.language)
    .where('id', '!=', place.id);
  // A story without a section walks through the whole language instead.
  if (place.sectionId !== null) query = query.where('section_id', '=', place.sectionId);
  return query;
}

/** The story published just before and the one just after, ties broken by id, at most one row each. */
const nearestOnBothSides = prepared((db, place: Place & { publishedAt: string }) => {
  const nearest = (side: 'older' | 'newer') => {
    const direction = side === 'older' ? 'desc' : 'asc';
    const query = publishedIn(db, place)
      .select('published_at')
      // A row-value comparison: the planners seek straight to the story's place in the index,
      // where the same condition spelt with OR walks the section from one end.
      .where((eb) => eb(eb.refTuple('published_at', 'id'), side === 'older' ? '<' : '>', eb.tuple(place.publishedAt, place.id)))
      .orderBy('published_at', direction)
      .orderBy('id', direction)
      .limit(1);
    return db.selectFrom(query.as('side')).select(['side.id', 'side.published_at']);
  };
  // Both in one round trip; each row says by its date (and id) which side of the story it is on.
  return unionAllOf(['older', 'newer'] as const, nearest);
});

function placeOf(article: Article): Place {
  return { id: article.id, language: article.language, sectionId: article.section?.id ?? null };
}

/** Ids of the story published just before and just after this one. */
async function neighbourIds(db: Kysely<Schema>, article: Article): Promise<{ previous?: number; next?: number }> {
  const at = article.publishedAt;
  if (!at) return {};
  const rows = await nearestOnBothSides(db, { ...placeOf(article), publishedAt: at });
  const isOlder = (r: { id: number; published_at: string | null }) => r.published_at! < at || (r.published_at === at && r.id < article.id);
  const previous = rows.find(isOlder);
  const next = rows.find((r) => !isOlder(r));
  return { previous: previous?.id, next: next?.id };
}

// Enough to fill three slots among a tag's recent stories; each one more is an index probe.
const RELATED_CANDIDATES_PER_TAG = 30;

/**
 * Stories sharing the most of `tagIds` (newest first among equals). Candidates are each tag's
 * latest public stories: one range of the (tag, listed_at) index per tag (see migration 60), so
 * the work stays the same whatever the size of the archive or of a popular tag. A story found
 * in k of these lists shares k of the tags. Tags belong to one language, so the candidates are
 * in the story's; no story row is read to rank them.
 */
const sharingTags = prepared((db, of: { tagIds: number[]; id: number }, { limit }: { limit: number }) => {
  const latestOf = (tagId: number) =>
    db
      .selectFrom((eb) =>
        eb
          .selectFrom('article_tags')
          .select(['article_id', 'listed_at'])
          .where('tag_id', '=', tagId)
          .where('listed_at', 'is not', null)
          .orderBy('listed_at', 'desc')
          .orderBy('article_id', 'desc')
          .limit(RELATED_CANDIDATES_PER_TAG)
          .as('latest'),
      )
      .select(['latest.article_id', 'latest.listed_at']);
  return db
    .selectFrom(unionAllOf(of.tagIds, latestOf).as('candidate'))
    .select(['candidate.article_id', (eb) => eb.fn.countAll<number>().as('shared'), (eb) => eb.fn.max('candidate.listed_at').as('latest')])
    .where('candidate.article_id', '!=', of.id)
    .groupBy('candidate.article_id')
    .orderBy('shared', 'desc')
    .orderBy('latest', 'desc')
    .orderBy('candidate.article_id', 'desc')
    .limit(limit);
});

/** The newest public stories of the same section and language, other than the story and `exclude`. */
const latestAlongside = prepared((db, of: Place & { exclude: number[] }, { limit }: { limit: number }) =>
  publishedIn(db, of)
    .$if(of.exclude.length > 0, (q) => q.where('id', 'not in', of.exclude))
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit),
);

/**
 * Ids of up to `limit` other stories in the same language: those sharing the most tags first
 * (newest first among equals), then the newest of the same section to fill the list.
 */
async function relatedIds(db: Kysely<Schema>, article: Article, limit: number): Promise<number[]> {
  const ids: number[] = [];
  const tagIds = article.tags.map((t) => t.id);
  if (tagIds.length > 0) {
    const rows = await sharingTags(db, { tagIds, id: article.id }, { limit });
    ids.push(...rows.map((r) => r.article_id));
  }
  if (ids.length < limit && article.section) {
    const rows = await latestAlongside(db, { ...placeOf(article), exclude: ids }, { limit: limit - ids.length });
    ids.push(...rows.map((r) => r.id));
  }
  return ids;
}

export interface Surroundings extends Neighbours {
  related: ArticleCard[];
}

/** The previous and next story and the related ones, loaded together in one batch; a page has none. */
export async function storySurroundings(db: Kysely<Schema>, article: Article, baseUrl: string, relatedLimit = 3): Promise<Surroundings> {
  if (article.kind === 'page') return { previous: null, next: null, related: [] };
  const [around, related] = await Promise.all([neighbourIds(db, article), relatedIds(db, article, relatedLimit)]);
  const ids = [...new Set([around.previous, around.next, ...related].filter((id): id is number => id !== undefined))];
  const loaded = new Map((await loadArticleCards(db, ids, baseUrl)).map((a) => [a.id, a]));
  return {
    previous: (around.previous !== undefined && loaded.get(around.previous)) || null,
    next: (around.next !== undefined && loaded.get(around.next)) || null,
    related: related.map((id) => loaded.get(id)).filter((a): a is ArticleCard => a !== undefined),
  };
}
