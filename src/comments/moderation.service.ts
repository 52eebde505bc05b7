/**
 * Editors' side of comments: the moderation queue and every decision on a comment. Each
 * decision a moderator makes about spam (approve, not spam, spam) also teaches the classifier.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { AppError, invalid, notFound } from '../core/errors.js';
import { assertCan, type Actor } from '../people/permissions.js';
import { absoluteUrl, articlePath } from '../content/urls.js';
import { announce } from './comments.service.js';
import { normalizedForRepeats, renderCommentBody } from './comments.render.js';
import * as repo from './comments.repository.js';
import { MAX_DEPTH, type AdminComment, type CommentStatus, type ModerationAction } from './comments.types.js';
import { learnText } from './spam/spam.service.js';

async function toAdminComments(db: Kysely<Schema>, rows: repo.CommentRow[], baseUrl: string): Promise<AdminComment[]> {
  const articleIds = [...new Set(rows.map((r) => r.article_id))];
  const articles = articleIds.length
    ? await db.selectFrom('articles').select(['id', 'title', 'language', 'slug']).where('id', 'in', articleIds).execute()
    : [];
  const byId = new Map(articles.map((a) => [a.id, a]));
  return rows.map((row) => {
    const article = byId.get(row.article_id);
    return {
      id: row.id,
      articleId: row.article_id,
      article: article
        ? { title: article.title, language: article.language, url: absoluteUrl(baseUrl, articlePath(article.language, article.slug)) }
        : null,
      parentId: row.parent_id,
      depth: row.depth,
      status: row.status as CommentStatus,
      author: { name: row.author_name, email: row.author_email, url: row.author_url, ip: row.author_ip, userAgent: row.user_agent, userId: row.user_id, handle: row.author_handle },
      body: row.body,
      html: renderCommentBody(row.body),
      score: Number(row.score),
      reasons: JSON.parse(row.reasons) as string[],
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  });
}

export async function listComments(
  db: Kysely<Schema>,
  actor: Actor,
  filter: repo.CommentFilter,
  page: { page: number; limit: number },
  baseUrl: string,
) {
  assertCan(actor, 'comments.moderate');
  const { rows, total } = await repo.listCommentRows(db, filter, page);
  return { items: await toAdminComments(db, rows, baseUrl), total, page: page.page, limit: page.limit };
}

export async function getComment(db: Kysely<Schema>, actor: Actor, id: number, baseUrl: string): Promise<AdminComment> {
  assertCan(actor, 'comments.moderate');
  const row = await repo.findCommentRow(db, id);
  if (!row) throw notFound(`Comment #${id}`);
  return (await toAdminComments(db, [row], baseUrl))[0];
}

const TARGET: Record<ModerationAction, (current: CommentStatus) => CommentStatus> = {
  approve: () => 'approved',
  spam: () => 'spam',
  // Like WordPress: a comment rescued from spam goes back to the queue, not straight online.
  'not-spam': (current) => (current === 'spam' ? 'pending' : current),
  trash: () => 'trash',
  restore: (current) => (current === 'trash' ? 'pending' : current),
};

const LESSON: Partial<Record<ModerationAction, 'spam' | 'ham'>> = { approve: 'ham', 'not-spam': 'ham', spam: 'spam' };

/** Applies a moderator's decision; returns the comment as it now is. */
export async function moderateComment(store: Store, actor: Actor, id: number, action: ModerationAction, baseUrl: string): Promise<AdminComment> {
  assertCan(actor, 'comments.moderate');
  const row = await repo.findCommentRow(store.db, id);
  if (!row) throw notFound(`Comment #${id}`);
  const before = row.status as CommentStatus;
  const after = TARGET[action](before);
  const lesson = LESSON[action];
  const changes: Partial<repo.CommentRow> = { status: after, updated_at: nowIso() };
  // Each comment teaches the model once per label; changing one's mind teaches the correction.
  if (lesson && row.learned_as !== lesson) {
    await learnText(store.db, row.body, lesson === 'spam', row.author_name, row.author_url ?? '');
    changes.learned_as = lesson;
  }
  await repo.updateCommentRow(store.db, id, changes);
  if (before !== after && (before === 'approved' || after === 'approved')) {
    await announce(store, id, row.article_id, after === 'approved' ? 'published' : 'unpublished');
  }
  return getComment(store.db, actor, id, baseUrl);
}

export async function bulkModerate(store: Store, actor: Actor, ids: number[], action: ModerationAction | 'delete', baseUrl: string) {
  assertCan(actor, 'comments.moderate');
  const done: number[] = [];
  const missing: number[] = [];
  for (const id of ids) {
    try {
      if (action === 'delete') await deleteComment(store, actor, id);
      else await moderateComment(store, actor, id, action, baseUrl);
      done.push(id);
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') missing.push(id);
      else throw error;
    }
  }
  return { done, missing };
}

export interface CommentEdit {
  body?: string;
  authorName?: string;
  authorUrl?: string | null;
}

export async function editComment(store: Store, actor: Actor, id: number, edit: CommentEdit, baseUrl: string): Promise<AdminComment> {
  assertCan(actor, 'comments.moderate');
  const row = await repo.findCommentRow(store.db, id);
  if (!row) throw notFound(`Comment #${id}`);
  const body = edit.body?.trim();
  if (edit.body !== undefined && !body) throw invalid([{ field: 'body', message: 'must not be empty' }]);
  if (edit.authorName !== undefined && !edit.authorName.trim()) throw invalid([{ field: 'authorName', message: 'must not be empty' }]);
  const changes: Partial<repo.CommentRow> = { updated_at: nowIso() };
  if (body) {
    changes.body = body;
    changes.content_hash = createHash('sha256').update(normalizedForRepeats(body)).digest('hex');
  }
  if (edit.authorName !== undefined) changes.author_name = edit.authorName.trim();
  if (edit.authorUrl !== undefined) changes.author_url = edit.authorUrl?.trim() || null;
  await repo.updateCommentRow(store.db, id, changes);
  if (row.status === 'approved') await announce(store, id, row.article_id, 'updated');
  return getComment(store.db, actor, id, baseUrl);
}

/** A reply from the newsroom, published at once; replying to a held comment approves it, as in WordPress. */
export async function replyToComment(store: Store, actor: Actor, id: number, body: string, baseUrl: string): Promise<AdminComment> {
  assertCan(actor, 'comments.moderate');
  const parent = await repo.findCommentRow(store.db, id);
  if (!parent) throw notFound(`Comment #${id}`);
  const text = body.trim();
  if (!text) throw invalid([{ field: 'body', message: 'is required' }]);
  if (parent.status === 'pending') await moderateComment(store, actor, id, 'approve', baseUrl);
  else if (parent.status !== 'approved') throw new AppError('CONFLICT', 'Only a published or held comment can be answered.');
  const user = actor.userId
    ? await store.db.selectFrom('users').select(['name', 'email']).where('id', '=', actor.userId).executeTakeFirst()
    : undefined;
  const now = nowIso();
  const row = await repo.insertCommentRow(store.db, {
    article_id: parent.article_id,
    parent_id: parent.depth >= MAX_DEPTH ? parent.parent_id : parent.id,
    depth: Math.min(parent.depth + 1, MAX_DEPTH),
    status: 'approved',
    author_name: user?.name ?? actor.name,
    author_email: user?.email ?? '',
    author_url: null,
    author_ip: null,
    user_agent: '',
    user_id: actor.userId,
    body: text,
    content_hash: createHash('sha256').update(normalizedForRepeats(text)).digest('hex'),
    score: 0,
    reasons: JSON.stringify([`reply by ${actor.name}`]),
    created_at: now,
    updated_at: now,
  });
  await announce(store, row.id, row.article_id, 'published');
  return getComment(store.db, actor, row.id, baseUrl);
}

export async function deleteComment(store: Store, actor: Actor, id: number): Promise<void> {
  assertCan(actor, 'comments.moderate');
  const row = await repo.findCommentRow(store.db, id);
  if (!row) throw notFound(`Comment #${id}`);
  await store.db.deleteFrom('comments').where('id', '=', id).execute();
  if (row.status === 'approved') await announce(store, id, row.article_id, 'deleted');
}

export async function setCommentsMode(store: Store, actor: Actor, articleId: number, mode: 'open' | 'closed' | 'auto') {
  assertCan(actor, 'comments.moderate');
  const article = await store.db.selectFrom('articles').select('id').where('id', '=', articleId).executeTakeFirst();
  if (!article) throw notFound(`Story #${articleId}`);
  if (mode === 'auto') await store.db.deleteFrom('comment_threads').where('article_id', '=', articleId).execute();
  else await repo.setThreadMode(store.db, articleId, mode, nowIso());
  await announce(store, 0, articleId, 'updated');
}
