/**
 * A draft's review, as WordPress's "Pending Review": a writer submits their draft, editors are
 * told, and an editor publishes or schedules it (articles.service.ts ends the review then) or
 * sends it back with a note. The draft stays a draft throughout: never public, still editable
 * by its writer.
 */
import type { Kysely } from 'kysely';
import type { Store } from '../db/hooks.js';
import type { ArticleRow, Schema } from '../db/schema.js';
import { AppError, forbidden, invalid, requiredField, tooLong } from '../core/errors.js';
import type { Mailer } from '../core/mail.js';
import { assertCan, type Actor } from '../people/permissions.js';
import { GUEST_ROLE } from '../people/roles.js';
import { ownedBy, submitRefusal } from './articles.access.js';
import { articleAuthorIds } from './articles.repository.js';
import { transition } from './articles.service.js';
import { MAX_REVIEW_NOTE_LENGTH, type Article } from './articles.types.js';

/** Where a review's e-mails go: sent after the change commits, never awaited by the caller. */
export interface ReviewMail {
  mailer: Mailer;
  /** Hears a message that could not be sent. */
  mailFailed(error: unknown): void;
}

function assertDraft(row: ArticleRow) {
  if (row.deleted_at) throw new AppError('CONFLICT', 'The story is in the trash; restore it first.');
  if (row.status !== 'draft') throw new AppError('CONFLICT', `The story is ${row.status}: only a draft waits for review.`);
}

/** Puts the actor's own draft in the editors' queue and tells every editor and administrator. */
export async function submitForReview(store: Store, id: number, actor: Actor, baseUrl: string, mail: ReviewMail): Promise<Article> {
  let submitted = false;
  const article = await transition(
    store,
    id,
    actor,
    baseUrl,
    async (db, row) => {
      const reason = submitRefusal(actor, ownedBy(actor, row.created_by, await articleAuthorIds(db, row.id)));
      if (reason) throw forbidden(reason);
      assertDraft(row);
    },
    (row, now) => {
      if (row.review_submitted_at && !row.review_returned_at) return null;
      submitted = true;
      return {
        columns: {
          review_submitted_at: now,
          review_submitted_by: actor.principal,
          review_submitted_name: actor.name,
          review_returned_at: null,
          review_returned_by: null,
          review_returned_name: null,
          review_note: null,
        },
        action: 'updated',
      };
    },
  );
  if (submitted) mailEditors(store.db, mail.mailer, article, actor, baseUrl).catch(mail.mailFailed);
  return article;
}

/** Returns a submitted draft to its writer with a note saying what to change. */
export async function sendBack(store: Store, id: number, actor: Actor, noteInput: string, baseUrl: string, mail: ReviewMail): Promise<Article> {
  assertCan(actor, 'articles.review', `The ${actor.role} role may not send stories back; an editor does.`);
  const note = noteInput.trim();
  if (!note) throw invalid([requiredField('note', 'is required: say what the writer should change')]);
  if (note.length > MAX_REVIEW_NOTE_LENGTH) throw invalid([tooLong('note', MAX_REVIEW_NOTE_LENGTH, note.length)]);
  let submitter: string | null = null;
  const article = await transition(
    store,
    id,
    actor,
    baseUrl,
    async (_db, row) => {
      assertDraft(row);
      if (!row.review_submitted_at || row.review_returned_at) throw new AppError('CONFLICT', 'The story is not waiting for review.');
    },
    (row, now) => {
      submitter = row.review_submitted_by;
      return {
        columns: { review_returned_at: now, review_returned_by: actor.principal, review_returned_name: actor.name, review_note: note },
        action: 'updated',
      };
    },
  );
  mailWriter(store.db, mail.mailer, article, submitter, actor, baseUrl).catch(mail.mailFailed);
  return article;
}

function storyLink(baseUrl: string, id: number) {
  return `${baseUrl.replace(/\/+$/, '')}/admin/stories/${id}`;
}

/** Every editor and administrator but the one submitting. */
async function mailEditors(db: Kysely<Schema>, mailer: Mailer, article: Article, actor: Actor, baseUrl: string) {
  const editors = await db
    .selectFrom('users')
    .select(['id', 'email', 'name'])
    .where('role', 'in', ['editor', 'administrator'])
    .orderBy('id')
    .execute();
  for (const editor of editors.filter((e) => e.id !== actor.userId)) {
    await mailer.send({
      to: editor.email,
      subject: `Waiting for review: "${article.title}" by ${actor.name}`,
      text: [
        `Hello ${editor.name},`,
        '',
        `${actor.name} submitted "${article.title}" (${article.language}) for review.`,
        '',
        `Read it, then publish, schedule or send it back: ${storyLink(baseUrl, article.id)}`,
        `Everything waiting for review: ${baseUrl.replace(/\/+$/, '')}/admin/stories?review=submitted`,
      ].join('\n'),
    });
  }
}

/** The person who submitted the draft, or its authors when an API token without a person did. */
async function mailWriter(db: Kysely<Schema>, mailer: Mailer, article: Article, submitter: string | null, actor: Actor, baseUrl: string) {
  const [kind, userId] = (submitter ?? '').split(':');
  const ids = kind === 'user' ? [Number(userId)] : article.authors.map((a) => a.id);
  if (ids.length === 0) return;
  // Guest contributors in the byline have no address to write to.
  const writers = await db.selectFrom('users').select(['email', 'name']).where('id', 'in', ids).where('role', '!=', GUEST_ROLE).execute();
  for (const writer of writers) {
    await mailer.send({
      to: writer.email,
      subject: `Sent back with a note: "${article.title}"`,
      text: [
        `Hello ${writer.name},`,
        '',
        `${actor.name} sent "${article.title}" back to you with this note:`,
        '',
        article.review?.note ?? '',
        '',
        `Make the changes, then submit it for review again: ${storyLink(baseUrl, article.id)}`,
      ].join('\n'),
    });
  }
}
