import { createArticle } from '../../../src/content/articles.service.js';
import type { Database } from '../../../src/db/database.js';
import { addEntry, startLiveBlog } from '../../../src/live/live.service.js';
import type { Actor } from '../../../src/people/permissions.js';

/** The news desk the live-blog tests write as (an API token's editor). */
export const DESK: Actor = { role: 'editor', userId: null, principal: 'token:desk', name: 'Desk' };

/** A published story turned live blog, with its entries written oldest first, a few ms apart (their order is their time). */
export async function liveStory(store: Database, siteUrl: string, language: string, title: string, entries: string[]) {
  const story = await createArticle(store, { language, title, body: `<p>${title}.</p>`, status: 'published' }, DESK, siteUrl);
  await startLiveBlog(store, story.id, DESK);
  const written = [];
  for (const body of entries) {
    written.push(await addEntry(store, story.id, { body: `<p>${body}</p>` }, DESK));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return { story, entries: written };
}
