import type { Kysely } from 'kysely';
import type { Store, WriteEvent } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { cacheKey } from '../core/cache-keys.js';
import { getSettings } from '../settings/settings.service.js';
import type { InvalidationBus } from './bus.js';
import type { Invalidation } from './page-store.js';

const EVERYTHING: Invalidation = { all: true };

/**
 * The cache keys a committed write affects. The articles service puts the keys of the article
 * before and after the change on the event (see article-keys.ts); for the other entities the
 * pages showing them are found here. Rare, site-wide changes (settings, sections, which every
 * page's navigation may show, a deleted tag whose articles are no longer known) drop everything.
 */
export async function invalidationFor(db: Kysely<Schema>, event: WriteEvent): Promise<Invalidation> {
  const keys = new Set(event.keys ?? []);
  switch (event.entity) {
    case 'settings':
    case 'section':
      return EVERYTHING;
    case 'article':
      // The articles service names the keys exactly (none for a change to a draft); another
      // writer that does not know them gets the article, its story and its language's lists.
      if (event.keys) break;
      keys.add(cacheKey.article(event.id));
      if (event.storyId !== undefined) keys.add(cacheKey.story(event.storyId));
      if (event.language) keys.add(cacheKey.list(event.language));
      break;
    case 'comment':
      if (event.articleId !== undefined) {
        keys.add(cacheKey.comments(event.articleId));
        // Listings may show a comment count next to the story.
        keys.add(cacheKey.article(event.articleId));
      }
      break;
    case 'newsletter':
      // The subscribe forms of its language (the writer adds the former language's key when it changed).
      if (event.language) keys.add(cacheKey.newsletters(event.language));
      break;
    case 'tag': {
      if (event.action === 'deleted') return EVERYTHING;
      keys.add(cacheKey.tag(event.id));
      const tagged = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', event.id).execute();
      for (const { article_id } of tagged) keys.add(cacheKey.article(article_id));
      break;
    }
    case 'user': {
      keys.add(cacheKey.author(event.id));
      const written = await db.selectFrom('article_authors').select('article_id').where('user_id', '=', event.id).execute();
      for (const { article_id } of written) keys.add(cacheKey.article(article_id));
      break;
    }
    case 'media': {
      // The site's social image is on every page without a picture of its own (its crops).
      if (event.action === 'updated' && (await getSettings(db)).socialImage === event.id) return EVERYTHING;
      // A new caption, credit, alt text or focal point (the card's cut, the social image's crops)
      // shows wherever the image is a story's featured image.
      const featuring = await db.selectFrom('articles').select('id').where('image_media_id', '=', event.id).execute();
      for (const { id } of featuring) keys.add(cacheKey.article(id));
      break;
    }
  }
  return { keys: [...keys] };
}

/**
 * After every committed write of `store`: works out the pages it affects and tells every
 * process's page cache through `bus`, then the CDN through `purge` (either may be absent). The
 * writer waits for both.
 */
export function invalidateAfterCommit(
  store: Store,
  bus: InvalidationBus | null,
  purge: ((target: Invalidation) => Promise<void>) | null,
  log: { warn(object: object, message: string): void },
): void {
  store.hooks.afterCommit(async (event) => {
    let target: Invalidation;
    try {
      target = await invalidationFor(store.db, event);
    } catch (error) {
      log.warn({ err: error }, 'cache: cannot work out what a write affects; dropping everything');
      target = EVERYTHING;
    }
    if (bus) await bus.publish(target);
    if (purge) await purge(target);
  });
}
