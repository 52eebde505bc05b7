/**
 * How a story's deliveries stand, for the newsroom: per language edition that sent one of its
 * versions (the story and its translations), how many deliveries to followers' servers wait for
 * their first try, arrived, failed and will be tried again, or were given up — and which server
 * failed last. Editors and administrators see any story's, authors their own stories'.
 */
import type { Kysely } from 'kysely';
import { forbidden, notFound } from '../core/errors.js';
import { ownedBy } from '../content/articles.access.js';
import type { Schema } from '../db/schema.js';
import { can, type Actor } from '../people/permissions.js';

export interface EditionDeliveries {
  language: string;
  /** Not tried yet. */
  queued: number;
  delivered: number;
  /** Failed, and tried again after a backoff. */
  retrying: number;
  /** Failed too often, or the server answered 410 Gone. */
  givenUp: number;
  /** The latest failure of a delivery that has not arrived since. */
  lastError: { host: string; message: string; at: string } | null;
}

async function assertMaySee(db: Kysely<Schema>, actor: Actor, articleId: number) {
  const article = await db.selectFrom('articles').select(['id', 'story_id', 'created_by']).where('id', '=', articleId).executeTakeFirst();
  if (!article) throw notFound(`Article #${articleId}`);
  if (can(actor, 'fediverse.deliveries.any')) return article;
  if (!can(actor, 'fediverse.deliveries.own')) throw forbidden(`The ${actor.role} role may not see fediverse deliveries.`);
  const authors = await db.selectFrom('article_authors').select('user_id').where('article_id', '=', articleId).execute();
  if (!ownedBy(actor, article.created_by, authors.map((a) => a.user_id))) throw forbidden(`The ${actor.role} role may only see the deliveries of its own stories.`);
  return article;
}

function hostOf(inbox: string): string {
  return URL.canParse(inbox) ? new URL(inbox).host : inbox;
}

/** The deliveries of the story `articleId` belongs to, one entry per edition that sent a version of it, in the site's order of languages. */
export async function storyDeliveries(db: Kysely<Schema>, actor: Actor, articleId: number, languages: readonly string[]): Promise<EditionDeliveries[]> {
  const article = await assertMaySee(db, actor, articleId);
  const versions = db.selectFrom('articles').select('id').where('story_id', '=', article.story_id);
  const counts = await db
    .selectFrom('federation_deliveries as d')
    .innerJoin('federation_activities as a', 'a.id', 'd.activity_id')
    .select(['a.actor', 'd.status', 'd.attempts', (eb) => eb.fn.countAll<number>().as('n')])
    .where('a.article_id', 'in', versions)
    .groupBy(['a.actor', 'd.status', 'd.attempts'])
    .execute();
  const editions = new Map<string, EditionDeliveries>();
  for (const row of counts) {
    let entry = editions.get(row.actor);
    if (!entry) editions.set(row.actor, (entry = { language: row.actor, queued: 0, delivered: 0, retrying: 0, givenUp: 0, lastError: null }));
    const n = Number(row.n);
    if (row.status === 'delivered') entry.delivered += n;
    else if (row.status === 'pending') entry[row.attempts > 0 ? 'retrying' : 'queued'] += n;
    else entry.givenUp += n;
  }
  for (const entry of editions.values()) {
    const failure = await db
      .selectFrom('federation_deliveries as d')
      .innerJoin('federation_activities as a', 'a.id', 'd.activity_id')
      .select(['d.inbox', 'd.last_error', 'd.attempted_at'])
      .where('a.article_id', 'in', versions)
      .where('a.actor', '=', entry.language)
      .where('d.status', '!=', 'delivered')
      .where('d.last_error', 'is not', null)
      .where('d.attempted_at', 'is not', null)
      .orderBy('d.attempted_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (failure) entry.lastError = { host: hostOf(failure.inbox), message: failure.last_error!, at: failure.attempted_at! };
  }
  const order = (language: string) => (languages.includes(language) ? languages.indexOf(language) : languages.length);
  return [...editions.values()].sort((a, b) => order(a.language) - order(b.language) || a.language.localeCompare(b.language));
}
