import { query } from '../../api.js';
import { useApi, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { fill } from '../../i18n/fill.js';
import { linkHandler } from '../../router.js';
import type { Article, Page } from '../../types.js';

/** Drafts writers submitted, oldest change first in line for an editor (editors and administrators). */
export function WaitingForReview() {
  const t = useText();
  const siteTime = useSiteTime();
  const waiting = useApi<Page<Article>>(`/articles${query({ review: 'submitted', limit: 5 })}`);
  const total = waiting.data?.pagination.total ?? 0;
  return (
    <section class="card" aria-label={t.dashboard.waitingForReview}>
      <h2>
        {t.dashboard.waitingForReview} {waiting.data && <span class={`badge ${total ? 'warn' : 'ok'}`}>{total}</span>}
      </h2>
      {waiting.data && total === 0 && <p class="muted">{t.dashboard.nothingWaits}</p>}
      <ul>
        {waiting.data?.items.map((a) => (
          <li key={a.id}>
            <a href={`/admin/stories/${a.id}`} lang={a.language} dir="auto" onClick={linkHandler(`/stories/${a.id}`)}>
              {a.title}
            </a>{' '}
            <span class="muted">
              {fill(t.dashboard.submitted, {
                name: <bdi>{a.review?.submittedBy.name}</bdi>,
                language: <bdi>{a.language}</bdi>,
                date: <bdi>{siteTime(a.review?.submittedAt ?? null)}</bdi>,
              })}
            </span>
          </li>
        ))}
      </ul>
      {total > 0 && (
        <a href="/admin/stories?review=submitted" onClick={linkHandler('/stories?review=submitted')}>
          {t.dashboard.openInReview}
        </a>
      )}
    </section>
  );
}
