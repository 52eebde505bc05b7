import type { PublicComment } from './comments.types.js';
import { commentStrings } from './comments.strings.js';
import { stringsFor, formatShortDateTime, isoInTimeZone, plural } from '../site/i18n.js';
import type { CommentsPageData } from './reader.service.js';

export const SCRIPT_PATH = '/comments/comments.js';
export const STYLE_PATH = '/comments/comments.css';

/** A comment, dated in the site's time zone like the story above it. */
export function CommentItem({ comment, language, timeZone }: { comment: PublicComment; language: string; timeZone: string }) {
  const c = commentStrings(language);
  return (
    <li id={`comment-${comment.id}`} class={`comment depth-${comment.depth}${comment.pending ? ' pending' : ''}`} data-depth={comment.depth}>
      <p class="meta">
        <strong>{comment.authorUrl ? <a href={comment.authorUrl} rel="nofollow ugc">{comment.authorName}</a> : comment.authorName}</strong>
        {/* A reply from the fediverse: the handle readers can find the replier by, read left to right in any page. */}
        {comment.authorHandle ? (
          <>
            {' '}
            <a class="handle" href={comment.authorUrl ?? undefined} rel="nofollow ugc" dir="ltr">
              {comment.authorHandle}
            </a>
          </>
        ) : null}
        {comment.staff ? ` · ${c.staff}` : ''}
        {' · '}
        <a href={`#comment-${comment.id}`}>
          <time datetime={isoInTimeZone(comment.createdAt, timeZone)}>{formatShortDateTime(comment.createdAt, language, timeZone)}</time>
        </a>
      </p>
      {comment.pending ? <p class="awaiting" role="status">{c.awaiting}</p> : null}
      <div class="comment-body" dangerouslySetInnerHTML={{ __html: comment.html }} />
      {!comment.pending ? (
        <p>
          <a class="reply" href={`/comments/${comment.id}/reply`} data-reply={comment.id} data-name={comment.authorName}>
            {c.reply}
          </a>
        </p>
      ) : null}
    </li>
  );
}

export interface FormProps {
  articleId: number;
  language: string;
  token: string;
  parentId?: number | null;
}

export function CommentForm({ articleId, language, token, parentId }: FormProps) {
  const t = stringsFor(language);
  const c = commentStrings(language);
  const id = `comment-form-${articleId}`;
  return (
    <form id="comment-form" class="comment-form" method="post" action="/comments" data-article={articleId}>
      <input type="hidden" name="article" value={String(articleId)} />
      <input type="hidden" name="parent" value={parentId ? String(parentId) : ''} />
      <input type="hidden" name="token" value={token} />
      <p class="replying" hidden />
      <label for={`${id}-name`}>{t.commentName}</label>
      <input id={`${id}-name`} name="name" type="text" autocomplete="name" required maxLength={100} />
      <label for={`${id}-email`}>{t.commentEmail}</label>
      <input id={`${id}-email`} name="email" type="email" autocomplete="email" required maxLength={254} />
      <label for={`${id}-url`}>{c.website}</label>
      <input id={`${id}-url`} name="url" type="url" autocomplete="url" maxLength={500} />
      {/* A field people never see (hidden also keeps it from assistive technology): only a bot filling every input writes in it. */}
      <div hidden>
        <label for={`${id}-phone`}>Phone</label>
        <input id={`${id}-phone`} name="phone" tabIndex={-1} autocomplete="off" />
      </div>
      <label for={`${id}-text`}>{t.commentText}</label>
      <textarea id={`${id}-text`} name="body" rows={5} required maxLength={5000} />
      <p class="status" role="status" aria-live="polite" />
      <div>
        <button type="submit">{t.commentSubmit}</button>
      </div>
    </form>
  );
}

export function CommentsSection({ data, language, timeZone }: { data: CommentsPageData; language: string; timeZone: string }) {
  const t = stringsFor(language);
  const c = commentStrings(language);
  const { view } = data;
  const heading = plural(c.lang, view.count, c.count);
  return (
    <section class="comments" id="comments" aria-labelledby="comments-heading" lang={t.lang} data-count={view.count}>
      <link rel="stylesheet" href={STYLE_PATH} />
      <h2 id="comments-heading">
        {t.comments} <span class="count" title={heading}>({view.count})</span>
      </h2>
      {view.comments.length ? (
        <ol class="comment-list">
          {view.comments.map((comment) => (
            <CommentItem comment={comment} language={language} timeZone={timeZone} />
          ))}
        </ol>
      ) : (
        <p class="none">{c.none}</p>
      )}
      {view.open ? (
        <CommentForm articleId={view.articleId} language={language} token={data.token} />
      ) : (
        <p class="closed">{c.closed}</p>
      )}
      <p class="notice">
        {t.commentsNotice} {c.spamNotice} <a href={`/${language}/privacy`}>{t.commentsPrivacy}</a> ·{' '}
        <a href={`/comments/forget?lang=${encodeURIComponent(language)}`}>{c.deleteMine}</a> ·{' '}
        <a href={`/comments/feed/${view.articleId}.xml`} type="application/rss+xml">
          {c.feed}
        </a>
      </p>
      {view.open ? <script src={SCRIPT_PATH} defer /> : null}
    </section>
  );
}
