import { useContext } from 'preact/hooks';
import type { Article } from '../../content/articles.types.js';
import { commentsPageData } from '../../comments/comments.context.js';
import { CommentsSection } from '../../comments/comments.view.js';
import { stringsFor } from '../i18n.js';
import { PageRequest } from '../page-request.js';

/**
 * Where the comments of a story go. The comments domain loads the thread, the reader's own
 * held comments and a form token before the story route renders (src/comments/comments.site.tsx),
 * so this synchronous component only renders them. Without that data (a render outside a
 * request) it shows the notice and the privacy link alone.
 */
export function CommentsSlot({ article, language, timeZone }: { article: Article; language: string; timeZone: string }) {
  const data = commentsPageData(useContext(PageRequest), article.id);
  if (data) return <CommentsSection data={data} language={language} timeZone={timeZone} />;
  const t = stringsFor(language);
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading" lang={t.lang}>
      <h2 id="comments-heading">{t.comments}</h2>
      <p class="notice">
        {t.commentsNotice} <a href={`/${language}/privacy`}>{t.commentsPrivacy}</a>
      </p>
    </section>
  );
}
