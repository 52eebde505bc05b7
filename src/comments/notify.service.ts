import type { Kysely } from 'kysely';
import type { Schema } from '../db/schema.js';
import type { Mailer } from '../core/mail.js';
import { GUEST_ROLE } from '../people/roles.js';

/** Tells a story's authors that a comment waits for moderation (by e-mail, or in the log without SMTP). */
export async function notifyAuthorsOfHeldComment(
  db: Kysely<Schema>,
  mailer: Mailer,
  comment: { id: number; articleId: number; authorName: string; body: string; reasons: string[] },
  baseUrl: string,
): Promise<number> {
  const article = await db.selectFrom('articles').select(['title']).where('id', '=', comment.articleId).executeTakeFirst();
  const authors = await db
    .selectFrom('article_authors')
    .innerJoin('users', 'users.id', 'article_authors.user_id')
    .select(['users.email', 'users.name'])
    .where('article_authors.article_id', '=', comment.articleId)
    // Guest contributors have no address to write to.
    .where('users.role', '!=', GUEST_ROLE)
    .execute();
  for (const author of authors) {
    await mailer.send({
      to: author.email,
      subject: `Comment awaiting moderation: ${article?.title ?? `story #${comment.articleId}`}`,
      text: [
        `Hello ${author.name},`,
        '',
        `${comment.authorName} commented on "${article?.title ?? ''}" and the comment waits for a moderator:`,
        '',
        comment.body.length > 600 ? `${comment.body.slice(0, 600)}…` : comment.body,
        '',
        `Why it was held: ${comment.reasons.join('; ')}`,
        `Moderate: ${baseUrl.replace(/\/+$/, '')}/admin/comments?status=pending`,
      ].join('\n'),
    });
  }
  return authors.length;
}
