/**
 * WordPress attachments: their metadata and original URL kept (the files stay on the old site
 * unless `--download-media` fetched the featured ones), linked to the story they belong to,
 * and their attachment pages redirecting to that story.
 */
import { nowIso } from '../../db/time.js';
import type { ImportReport } from '../import.report.js';
import type { ImportWriter } from '../import.writer.js';
import { insertLegacyRedirects, legacyRedirectRows, type LegacyRedirectRow } from '../legacy-redirects.js';

export interface Attachment {
  url: string;
  title: string;
  caption: string;
  alt: string;
  mime: string;
  parent: string;
}

/** Records the attachments not recorded by an earlier run, 200 per transaction. */
export async function importAttachments(writer: ImportWriter, attachments: Map<string, Attachment>, report: ImportReport) {
  const rows = [...attachments].filter(([id, a]) => a.url && writer.mapped('attachment', id) === undefined);
  for (let i = 0; i < rows.length; i += 200) {
    await writer.batch(async ({ db: trx }) => {
      const mapped: Array<{ kind: string; externalId: string; localId: number }> = [];
      const redirects: LegacyRedirectRow[] = [];
      for (const [id, a] of rows.slice(i, i + 200)) {
        const articleId = writer.mapped('article', `post:${a.parent}`) ?? writer.mapped('article', `page:${a.parent}`) ?? null;
        const { id: localId } = await trx
          .insertInto('imported_attachments')
          .values({ source: writer.source, external_id: id, url: a.url, title: a.title, caption: a.caption, alt: a.alt, mime_type: a.mime, article_id: articleId, created_at: nowIso() })
          .returning('id')
          .executeTakeFirstOrThrow();
        mapped.push({ kind: 'attachment', externalId: id, localId });
        // WordPress's attachment pages lead to the story the picture belongs to.
        if (articleId !== null) redirects.push(...legacyRedirectRows([`/?attachment_id=${id}`, `/?p=${id}`], { type: 'article', id: articleId }));
      }
      await writer.rememberAll(trx, mapped);
      report.redirects += await insertLegacyRedirects(trx, redirects);
    });
  }
  report.created('attachments', rows.length);
}
