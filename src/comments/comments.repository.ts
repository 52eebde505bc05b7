import { type Insertable, type Kysely, type Selectable } from 'kysely';
import { containsText } from '../db/like.js';
import { prepared } from '../db/prepared.js';
import type { CommentsTable, Schema } from '../db/schema.js';
import type { CommentStatus } from './comments.types.js';

export type CommentRow = Selectable<CommentsTable>;

export function findCommentRow(db: Kysely<Schema>, id: number): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('id', '=', id).executeTakeFirst();
}

/** The comment a fediverse Note became. */
export function findRemoteCommentRow(db: Kysely<Schema>, objectId: string): Promise<CommentRow | undefined> {
  return db.selectFrom('comments').selectAll().where('remote_object_id', '=', objectId).executeTakeFirst();
}

export async function insertCommentRow(db: Kysely<Schema>, row: Insertable<CommentsTable>): Promise<CommentRow> {
  return db.insertInto('comments').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateCommentRow(db: Kysely<Schema>, id: number, changes: Partial<CommentRow>): Promise<void> {
  await db.updateTable('comments').set(changes).where('id', '=', id).execute();
}

export interface CommentFilter {
  status?: CommentStatus;
  articleId?: number;
  email?: string;
  search?: string;
}

export async function listCommentRows(
  db: Kysely<Schema>,
  filter: CommentFilter,
  page: { page: number; limit: number },
): Promise<{ rows: CommentRow[]; total: number }> {
  let query = db.selectFrom('comments');
  if (filter.status) query = query.where('status', '=', filter.status);
  if (filter.articleId) query = query.where('article_id', '=', filter.articleId);
  if (filter.email) query = query.where('author_email', '=', filter.email.toLowerCase());
  if (filter.search) {
    const search = filter.search;
    query = query.where((eb) => eb.or([containsText('body', search), containsText('author_name', search)]));
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .limit(page.limit)
      .offset((page.page - 1) * page.limit)
      .execute(),
    query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** The approved comments of a story, plus the given pending ones (the reader's own), oldest first. */
const threadRowsOf = prepared((db, of: { articleId: number; ownPending: number[] }) =>
  db
    .selectFrom('comments')
    .selectAll()
    .where('article_id', '=', of.articleId)
    .where((eb) =>
      of.ownPending.length
        ? eb.or([eb('status', '=', 'approved'), eb.and([eb('status', '=', 'pending'), eb('id', 'in', of.ownPending)])])
        : eb('status', '=', 'approved'),
    )
    .orderBy('created_at')
    .orderBy('id'),
);

/** A story's approved comments, and the pending ones of `ownPending` (their writer's own), oldest first. */
export function threadRows(db: Kysely<Schema>, articleId: number, ownPending: readonly number[]): Promise<CommentRow[]> {
  return threadRowsOf(db, { articleId, ownPending: [...ownPending] });
}

const approvedCountRows = prepared((db, of: { articleIds: number[] }) =>
  db
    .selectFrom('comments')
    .select(['article_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('article_id', 'in', of.articleIds)
    .where('status', '=', 'approved')
    .groupBy('article_id'),
);

export async function approvedCounts(db: Kysely<Schema>, articleIds: readonly number[]): Promise<Map<number, number>> {
  if (!articleIds.length) return new Map();
  const rows = await approvedCountRows(db, { articleIds: [...articleIds] });
  return new Map(rows.map((r) => [r.article_id, Number(r.n)]));
}

/** Other comments with the same text since `since` (any story, any status). */
export async function countSameText(db: Kysely<Schema>, contentHash: string, since: string): Promise<number> {
  const row = await db
    .selectFrom('comments')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('content_hash', '=', contentHash)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Whether this author (by e-mail address, or by actor for a reply from the fediverse) has a published comment. */
export async function hasApprovedComment(db: Kysely<Schema>, author: { email: string } | { remoteActor: string }): Promise<boolean> {
  return !!(await db
    .selectFrom('comments')
    .select('id')
    .where((eb) => ('email' in author ? eb('author_email', '=', author.email) : eb('remote_actor', '=', author.remoteActor)))
    .where('status', '=', 'approved')
    .limit(1)
    .executeTakeFirst());
}

/**
 * A published story's id by its path, with what decides whether its comments are open (its
 * thread mode, the comment settings' stored value): one round trip for the story page.
 */
const publishedThreadAt = prepared((db, at: { language: string; slug: string; settingsKey: string }) =>
  db
    .selectFrom('articles')
    .leftJoin('comment_threads', 'comment_threads.article_id', 'articles.id')
    .leftJoin('settings', (join) => join.on('settings.key', '=', at.settingsKey))
    .select(['articles.id', 'articles.published_at', 'comment_threads.mode', 'settings.value as settings'])
    .where('articles.language', '=', at.language)
    .where('articles.slug', '=', at.slug)
    .where('articles.status', '=', 'published')
    .where('articles.deleted_at', 'is', null),
);

export async function publishedThreadByPath(db: Kysely<Schema>, language: string, slug: string, settingsKey: string) {
  const [thread] = await publishedThreadAt(db, { language, slug, settingsKey });
  return thread;
}

export async function threadMode(db: Kysely<Schema>, articleId: number): Promise<string | null> {
  const row = await db.selectFrom('comment_threads').select('mode').where('article_id', '=', articleId).executeTakeFirst();
  return row?.mode ?? null;
}

export async function setThreadMode(db: Kysely<Schema>, articleId: number, mode: string, now: string): Promise<void> {
  await db
    .insertInto('comment_threads')
    .values({ article_id: articleId, mode, updated_at: now })
    .onConflict((oc) => oc.column('article_id').doUpdateSet({ mode, updated_at: now }))
    .execute();
}

/** Records a form token as used; false when it already was (a replay). */
export async function recordFormUse(db: Kysely<Schema>, key: string, now: string): Promise<boolean> {
  const result = await db
    .insertInto('comment_form_uses')
    .values({ key, used_at: now })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
}

export async function forgetFormUses(db: Kysely<Schema>, before: string): Promise<void> {
  await db.deleteFrom('comment_form_uses').where('used_at', '<', before).execute();
}
