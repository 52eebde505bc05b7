/**
 * Readers' side of comments: who may comment where, taking a new comment through every layer
 * of the spam filter, and the thread a reader sees. Plain functions over a Store; no HTTP.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { Schema } from '../db/schema.js';
import { nowIso } from '../db/time.js';
import { AppError, invalid, notFound, type FieldError } from '../core/errors.js';
import { cacheKey } from '../core/cache-keys.js';
import { isPubliclyVisible } from '../content/articles.repository.js';
import { checkBlocks } from './blocks.service.js';
import { getCommentSettings, type CommentSettings } from './comments.settings.js';
import { normalizedForRepeats, renderCommentBody } from './comments.render.js';
import * as repo from './comments.repository.js';
import { MAX_DEPTH, type CommentStatus, type NewComment, type PublicComment, type Submission } from './comments.types.js';
import { judge, type BotSignals, type Judgement } from './spam/filter.js';
import { classifyText } from './spam/spam.service.js';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DAY_MS = 86_400_000;

export interface CommentableStory {
  id: number;
  language: string;
  slug: string;
  title: string;
}

/**
 * The public story whose comments a reader may read or write. A draft, a scheduled or a trashed
 * story answers the same 404 as a missing one, so that no comment route (a form token, a
 * failed post's page) tells a stranger that an unpublished story exists, or its address.
 */
export async function commentableStory(db: Kysely<Schema>, articleId: number | null | undefined): Promise<CommentableStory> {
  const article = articleId
    ? await db
        .selectFrom('articles')
        .select(['id', 'language', 'slug', 'title', 'status', 'deleted_at'])
        .where('id', '=', articleId)
        .executeTakeFirst()
    : undefined;
  if (!article || !isPubliclyVisible(article)) throw notFound('The story');
  return { id: article.id, language: article.language, slug: article.slug, title: article.title };
}

/** Open, closed, or open until the auto-close delay after publication. */
export async function commentsOpen(db: Kysely<Schema>, articleId: number, settings?: CommentSettings, now = Date.now()) {
  const article = await db
    .selectFrom('articles')
    .select(['status', 'deleted_at', 'published_at'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!article || article.status !== 'published' || article.deleted_at) return false;
  const mode = await repo.threadMode(db, articleId);
  if (mode === 'open' || mode === 'closed') return mode === 'open';
  return threadOpen(article.published_at, mode, settings ?? (await getCommentSettings(db)), now);
}

/** Whether a published story's comments are open, from what was already read about it. */
export function threadOpen(publishedAt: string | null, mode: string | null, settings: CommentSettings, now = Date.now()): boolean {
  if (mode === 'open') return true;
  if (mode === 'closed') return false;
  const { autoCloseDays } = settings;
  if (!autoCloseDays || !publishedAt) return true;
  return Date.parse(publishedAt) + autoCloseDays * DAY_MS > now;
}

/**
 * The reader's fields, cleaned, or a 400 naming each one at fault. A reply from the fediverse
 * has no e-mail address (its author is known by their actor instead).
 */
export function checkInput(input: NewComment): { name: string; email: string; url: string | null; body: string } {
  const faults: FieldError[] = [];
  const name = input.name?.trim() ?? '';
  const email = input.remote ? '' : (input.email?.trim().toLowerCase() ?? '');
  const body = input.body?.replace(/\r\n?/g, '\n').trim() ?? '';
  let url = input.url?.trim() || null;
  if (!name) faults.push({ field: 'name', message: 'is required' });
  else if (name.length > 100) faults.push({ field: 'name', message: 'must be at most 100 characters' });
  if (!input.remote && (!EMAIL.test(email) || email.length > 254)) faults.push({ field: 'email', message: 'must be an e-mail address' });
  if (url) {
    if (!/^https?:\/\//i.test(url)) url = `https://${url}`;
    if (!URL.canParse(url) || url.length > 500) faults.push({ field: 'url', message: 'must be a web address (http or https)' });
  }
  if (!body) faults.push({ field: 'body', message: 'is required' });
  else if (body.length > 5000) faults.push({ field: 'body', message: 'must be at most 5000 characters' });
  if (faults.length) throw invalid(faults);
  return { name, email, url, body };
}

export const STATUS_OF: Record<Judgement['verdict'], CommentStatus> = { publish: 'approved', hold: 'pending', spam: 'spam' };

export interface Submitted {
  id: number;
  articleId: number;
  status: CommentStatus;
  judgement: Judgement;
}

/** What the spam filter makes of a comment's text, for its story, from its author. */
export interface Checked {
  judgement: Judgement;
  contentHash: string;
}

/**
 * Takes a comment's text through the layers (bot signals, block lists, content rules, the
 * classifier) and the first-comment rule: a new comment and a fediverse reply's later edit
 * are judged alike. `author` is who the first-comment rule knows: an e-mail address or an actor.
 */
export async function checkComment(
  db: Kysely<Schema>,
  fields: { name: string; email: string; url: string | null; body: string },
  story: { language: string },
  author: { email: string } | { remoteActor: string },
  from: Submission,
  signals: BotSignals = {},
  settings?: CommentSettings,
): Promise<Checked> {
  const rules = settings ?? (await getCommentSettings(db));
  const normalized = normalizedForRepeats(fields.body);
  const contentHash = createHash('sha256').update(normalized).digest('hex');
  const repeats = normalized.length >= 20 ? await repo.countSameText(db, contentHash, new Date(Date.now() - 30 * DAY_MS).toISOString()) : 0;
  const blocks = await checkBlocks(db, fields.email, from.ip);
  const probability = await classifyText(db, fields.body, fields.name, fields.url ?? '');
  const judgement = judge(
    probability,
    { text: fields.body, name: fields.name, url: fields.url, storyLanguage: story.language, repeats, blockedWords: blocks.words },
    { ...signals, blocked: [...(signals.blocked ?? []), ...blocks.blocked] },
    rules,
  );
  if (judgement.verdict === 'publish' && rules.moderateFirstTime && !(await repo.hasApprovedComment(db, author))) {
    judgement.verdict = 'hold';
    judgement.reasons.unshift('first comment from this address');
  }
  return { judgement, contentHash };
}

/**
 * Takes a reader's comment (or a reply from the fediverse) through the spam filter, stores it
 * with its score and reasons, and publishes, holds or marks it spam.
 */
export async function submitComment(store: Store, input: NewComment, from: Submission, signals: BotSignals = {}): Promise<Submitted> {
  const { db } = store;
  const fields = checkInput(input);
  const settings = await getCommentSettings(db);
  const article = await commentableStory(db, input.articleId);
  if (!(await commentsOpen(db, article.id, settings))) throw new AppError('CONFLICT', 'Comments on this story are closed.');
  let parentId: number | null = null;
  let depth = 1;
  if (input.parentId) {
    const parent = await repo.findCommentRow(db, input.parentId);
    if (!parent || parent.article_id !== article.id || parent.status !== 'approved') {
      throw invalid([{ field: 'parent', message: 'is not a published comment of this story' }]);
    }
    // Threads stop at MAX_DEPTH: a reply to the deepest level continues that level's thread.
    parentId = parent.depth >= MAX_DEPTH ? parent.parent_id : parent.id;
    depth = Math.min(parent.depth + 1, MAX_DEPTH);
  }
  const now = nowIso();
  const author = input.remote ? { remoteActor: input.remote.actorUri } : { email: fields.email };
  const { judgement, contentHash } = await checkComment(db, fields, article, author, from, signals, settings);
  const row = await repo.insertCommentRow(db, {
    article_id: article.id,
    parent_id: parentId,
    depth,
    status: STATUS_OF[judgement.verdict],
    author_name: fields.name,
    author_email: fields.email,
    author_url: fields.url,
    author_ip: from.ip,
    user_agent: from.userAgent.slice(0, 500),
    body: fields.body,
    content_hash: contentHash,
    score: judgement.score,
    reasons: JSON.stringify(judgement.reasons),
    remote_object_id: input.remote?.objectId ?? null,
    remote_actor: input.remote?.actorUri ?? null,
    author_handle: input.remote?.handle ?? null,
    created_at: now,
    updated_at: now,
  });
  if (row.status === 'approved') await announce(store, row.id, article.id, 'published');
  return { id: row.id, articleId: article.id, status: row.status as CommentStatus, judgement };
}

/** Tells the page cache (and anything else listening) that a story's visible comments changed. */
export async function announce(store: Store, id: number, articleId: number, action: 'published' | 'unpublished' | 'updated' | 'deleted') {
  await store.hooks.committed([{ entity: 'comment', id, action, articleId, keys: [cacheKey.comments(articleId)] }]);
}

export function toPublicComment(row: repo.CommentRow): PublicComment {
  return {
    id: row.id,
    parentId: row.parent_id,
    depth: row.depth,
    authorName: row.author_name,
    authorUrl: row.author_url,
    authorHandle: row.author_handle,
    html: renderCommentBody(row.body),
    createdAt: row.created_at,
    pending: row.status === 'pending',
    staff: row.user_id !== null,
  };
}

export interface ThreadView {
  articleId: number;
  open: boolean;
  /** Approved comments (the count readers see). */
  count: number;
  /** Top-level comments first, each followed by its replies (depth-first, oldest first). */
  comments: PublicComment[];
}

/**
 * The comments a reader sees under a story: approved ones, plus their own pending ones.
 * `open`, when the caller already knows it (see `threadOpen`), saves reading it again.
 */
export async function threadView(db: Kysely<Schema>, articleId: number, ownPending: readonly number[] = [], open?: boolean): Promise<ThreadView> {
  const rows = await repo.threadRows(db, articleId, ownPending);
  const children = new Map<number | null, repo.CommentRow[]>();
  const ids = new Set(rows.map((r) => r.id));
  for (const row of rows) {
    // A reply whose parent is not shown (deleted, held) stands on its own.
    const parent = row.parent_id !== null && ids.has(row.parent_id) ? row.parent_id : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const ordered: PublicComment[] = [];
  const walk = (parent: number | null, depth: number) => {
    for (const row of children.get(parent) ?? []) {
      ordered.push(Object.assign(toPublicComment(row), { depth: Math.min(depth, MAX_DEPTH) }));
      walk(row.id, depth + 1);
    }
  };
  walk(null, 1);
  return {
    articleId,
    open: open ?? (await commentsOpen(db, articleId)),
    count: rows.filter((r) => r.status === 'approved').length,
    comments: ordered,
  };
}

export { approvedCounts as commentCounts } from './comments.repository.js';
