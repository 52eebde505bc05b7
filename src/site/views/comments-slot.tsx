import type { Article } from '../../content/articles.types.js';
import { stringsFor } from '../i18n.js';

/**
 * Where the comments of a story go. A placeholder until the comments domain replaces this
 * file: a notice that links to the privacy page and a form that cannot be sent yet.
 */
export function CommentsSlot({ article, language }: { article: Article; language: string }) {
  const t = stringsFor(language);
  const id = `comment-${article.id}`;
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading" lang={t.lang}>
      <h2 id="comments-heading">{t.comments}</h2>
      <p class="notice">
        {t.commentsNotice} <a href={`/${language}/privacy`}>{t.commentsPrivacy}</a>
      </p>
      <p>{t.commentsSoon}</p>
      <form method="post" action="#comments" aria-disabled="true">
        <label for={`${id}-name`}>{t.commentName}</label>
        <input id={`${id}-name`} name="name" autocomplete="name" disabled />
        <label for={`${id}-email`}>{t.commentEmail}</label>
        <input id={`${id}-email`} name="email" type="email" autocomplete="email" disabled />
        <label for={`${id}-text`}>{t.commentText}</label>
        <textarea id={`${id}-text`} name="body" rows={4} disabled />
        <div>
          <button type="submit" disabled>
            {t.commentSubmit}
          </button>
        </div>
      </form>
    </section>
  );
}
