/**
 * Who may do what with one story version. The service refuses with these rules and the Admin
 * API reports them with every story (`allowed`), so the admin never offers what the server
 * would then refuse.
 */
import { forbidden, type AppError } from '../core/errors.js';
import { can, type Actor } from '../people/permissions.js';
import type { Article, ArticleReview, ArticleStatus } from './articles.types.js';

export type ArticleVerb = 'edit' | 'publish' | 'delete';

/** What the rules look at: whose story it is and where it stands. */
export interface ArticleSubject {
  own: boolean;
  status: ArticleStatus;
  trashed: boolean;
  /** Where its review stands (review.service.ts), when the caller knows. */
  review?: ArticleReview['state'] | null;
}

/** A story is the actor's when it created it or is one of its authors. */
export function ownedBy(actor: Actor, createdBy: string, authorIds: readonly number[]): boolean {
  return createdBy === actor.principal || (actor.userId !== null && authorIds.includes(actor.userId));
}

/** Why the actor may not `verb` the story, as the 403 to answer, or null when it may. */
export function refusal(actor: Actor, subject: ArticleSubject, verb: ArticleVerb): AppError | null {
  if (can(actor, `articles.${verb}.any`)) return null;
  const refused = (reason: string, message: string) => forbidden(message, { role: actor.role, reason, verb });
  if (!can(actor, `articles.${verb}.own`)) return refused('role', `The ${actor.role} role may not ${verb} stories.`);
  if (!subject.own) return refused('own', `The ${actor.role} role may only ${verb} its own stories.`);
  if (verb === 'edit' && actor.role === 'contributor' && subject.status !== 'draft') {
    return refused('published', 'A contributor may not change a story once it is scheduled or published.');
  }
  return null;
}

/** Why the actor may not submit the story for review, or null: any writer may, for their own story. */
export function submitRefusal(actor: Actor, own: boolean): string | null {
  if (!can(actor, 'articles.submit.own')) return `The ${actor.role} role may not submit stories for review.`;
  return own ? null : `The ${actor.role} role may only submit its own stories for review.`;
}

/** Each action of the Admin API on a story, true when the actor may take it now. */
export interface ArticleActions {
  /** PATCH: change the text and settings. */
  edit: boolean;
  /** POST /publish, or PATCH with status "published". */
  publish: boolean;
  /** PATCH with status "scheduled" and publishAt. */
  schedule: boolean;
  /** POST /unpublish, or PATCH back to a draft. */
  unpublish: boolean;
  /** DELETE: to the trash. */
  trash: boolean;
  /** POST /restore: out of the trash. */
  restore: boolean;
  /** DELETE ?permanent=true: only from the trash. */
  delete: boolean;
  /** POST /translations: a linked draft in another language. */
  translate: boolean;
  /** POST /submit: a draft of one's own, not already waiting for review. */
  submit: boolean;
  /** POST /send-back: a draft waiting for review, returned to its writer with a note. */
  sendBack: boolean;
}

export function articleActions(actor: Actor, subject: ArticleSubject): ArticleActions {
  const may = (verb: ArticleVerb) => refusal(actor, subject, verb) === null;
  const edit = may('edit');
  // A status change through PATCH is an edit as well as a publication.
  const publish = edit && may('publish');
  const draft = subject.status === 'draft' && !subject.trashed;
  return {
    edit,
    publish: publish && !subject.trashed,
    schedule: publish,
    unpublish: may('publish'),
    trash: may('delete'),
    restore: may('delete'),
    delete: may('delete') && subject.trashed,
    translate: can(actor, 'articles.create'),
    submit: submitRefusal(actor, subject.own) === null && draft && subject.review !== 'submitted',
    sendBack: can(actor, 'articles.review') && draft && subject.review === 'submitted',
  };
}

/** A story as the Admin API answers it: with what the asking actor may do with it. */
export type AdminArticle = Article & { allowed: ArticleActions };

export function withAllowed(article: Article, actor: Actor): AdminArticle {
  const subject = {
    own: ownedBy(actor, article.createdBy, article.authors.map((a) => a.id)),
    status: article.status,
    trashed: article.deletedAt !== null,
    review: article.review?.state ?? null,
  };
  return { ...article, allowed: articleActions(actor, subject) };
}
