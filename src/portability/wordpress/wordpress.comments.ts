/**
 * WordPress comments into Herald's `comments` table: threads kept (a reply below the deepest
 * level joins its parent's thread, as Herald's own replies do), approval state kept, pingbacks
 * and trackbacks left out. Each batch is one transaction recorded in the import map, so a
 * second run or a resumed one writes each comment exactly once. Commenters' IP addresses are
 * not imported: Herald keeps no more about readers than it needs.
 */
import { createHash } from 'node:crypto';
import { commentTextFromHtml } from '../../comments/comments.render.js';
import type { ImportReport } from '../import.report.js';
import type { ImportWriter } from '../import.writer.js';
import { rfc822Date, wordpressDate } from './wordpress.content.js';
import type { WxrComment } from './wxr.reader.js';

export interface CommentSink {
  /** The post the comments belong to (`post:12`). */
  externalId: string;
  comments: WxrComment[];
}

// Mirrors comments/: replies nest to this depth.
const MAX_DEPTH = 3;

const STATUS: Record<string, string> = { '1': 'approved', approve: 'approved', '0': 'pending', hold: 'pending', spam: 'spam', trash: 'trash', 'post-trashed': 'trash' };

function contentHash(text: string): string {
  return createHash('sha256').update(text.toLowerCase().replace(/[\s\p{P}]+/gu, ' ').trim()).digest('hex');
}

export async function hasCommentsTable(writer: ImportWriter): Promise<boolean> {
  const tables = await writer.store.db.introspection.getTables();
  return tables.some((t) => t.name === 'comments');
}

/** Writes the comments of a batch of posts (already written), each comment once. */
export async function writeWordpressComments(writer: ImportWriter, sinks: CommentSink[], report: ImportReport): Promise<void> {
  let written = 0;
  await writer.batch(async ({ db: trx }) => {
    const mapped: Array<{ kind: string; externalId: string; localId: number }> = [];
    const localOf = (key: string) => writer.mapped('comment', key) ?? mapped.find((m) => m.externalId === key)?.localId;
    for (const sink of sinks) {
      const articleId = writer.mapped('article', sink.externalId);
      if (articleId === undefined) continue;
      const depths = new Map<number, { depth: number; parentId: number | null }>();
      const ordered = [...sink.comments].sort((a, b) => Number(a.id) - Number(b.id));
      for (const comment of ordered) {
        const key = comment.id || `${sink.externalId}:${comment.date}:${comment.author}`;
        if (localOf(key) !== undefined) {
          report.skip('comment already imported by an earlier run');
          continue;
        }
        if (comment.type === 'pingback' || comment.type === 'trackback') {
          report.skip(`WordPress ${comment.type}s are not comments`);
          continue;
        }
        const status = STATUS[comment.approved];
        const body = commentTextFromHtml(comment.content);
        if (!status || !body) {
          report.skip(status ? 'empty comment' : `comment with unknown approval state "${comment.approved}"`);
          continue;
        }
        let parentId = comment.parent && comment.parent !== '0' ? (localOf(comment.parent) ?? null) : null;
        let depth = 1;
        if (parentId !== null) {
          const parent = depths.get(parentId) ?? (await trx.selectFrom('comments').select(['depth', 'parent_id']).where('id', '=', parentId).executeTakeFirst().then((r) => (r ? { depth: r.depth, parentId: r.parent_id } : undefined)));
          if (parent && parent.depth >= MAX_DEPTH) parentId = parent.parentId;
          depth = Math.min((parent?.depth ?? 0) + 1, MAX_DEPTH);
        }
        const date = wordpressDate(comment.dateGmt) ?? wordpressDate(comment.date) ?? rfc822Date(comment.date) ?? new Date(0).toISOString();
        const { id } = await trx
          .insertInto('comments')
          .values({
            article_id: articleId,
            parent_id: parentId,
            depth,
            status,
            author_name: comment.author.trim() || 'Anonymous',
            author_email: comment.authorEmail.trim().toLowerCase(),
            author_url: /^https?:\/\//i.test(comment.authorUrl) ? comment.authorUrl : null,
            author_ip: null,
            user_agent: '',
            user_id: null,
            body,
            content_hash: contentHash(body),
            score: 0,
            reasons: JSON.stringify(['imported from WordPress']),
            learned_as: null,
            created_at: date,
            updated_at: date,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        depths.set(id, { depth, parentId });
        mapped.push({ kind: 'comment', externalId: key, localId: id });
        written++;
      }
    }
    await writer.rememberAll(trx, mapped);
  });
  report.created('comments', written);
}
