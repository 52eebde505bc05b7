import type { Kysely } from 'kysely';
import { commentCounts } from '../comments/comments.service.js';
import type { ArticleCard } from '../content/articles.types.js';
import type { Schema } from '../db/schema.js';
import { cacheKey } from '../core/cache-keys.js';
import { loadPictures, type Pictures } from '../media/pictures.js';

export interface StoryCardExtras {
  /** Approved comments per story id. */
  commentCounts: ReadonlyMap<number, number>;
  /** Size and variants of the stories' featured pictures held by the media library. */
  pictures: Pictures;
  keys: string[];
}

/**
 * What listings show next to each story besides the story itself: its number of approved
 * comments and what the media library knows of its picture. The cache keys go with it, so
 * approving a comment drops every listing counting it (a picture's size and variants never
 * change once stored; its alt text reaches listings through the story's own key).
 */
export async function storyCardExtras(db: Kysely<Schema>, articles: ReadonlyArray<Pick<ArticleCard, 'id' | 'featuredImage'>>, baseUrl: string): Promise<StoryCardExtras> {
  const ids = [...new Set(articles.map((a) => a.id))];
  const [counts, pictures] = await Promise.all([
    commentCounts(db, ids),
    loadPictures(db, articles.flatMap((a) => (a.featuredImage ? [a.featuredImage] : [])), baseUrl),
  ]);
  return { commentCounts: counts, pictures, keys: ids.map(cacheKey.comments) };
}
