import { query } from '../../api.js';
import { useApi, useSiteTime } from '../../hooks.js';
import { linkHandler } from '../../router.js';
import type { Article, Page } from '../../types.js';

/** Drafts writers submitted, oldest change first in line for an editor (editors and administrators). */
export function WaitingForReview() {
  const siteTime = useSiteTime();
  const waiting = useApi<Page<Article>>(`/articles${query({ review: 'submitted', limit: 5 })}`);
  const total = waiting.data?.pagination.total ?? 0;
  return (
    <section class="card" aria-label="Waiting for review">
      <h2>
        Waiting for review {waiting.data && <span class={`badge ${total ? 'warn' : 'ok'}`}>{total}</span>}
      </h2>
      {waiting.data && total === 0 && <p class="muted">Nothing waits for review.</p>}
      <ul>
        {waiting.data?.items.map((a) => (
          <li key={a.id}>
            <a href={`/admin/stories/${a.id}`} onClick={linkHandler(`/stories/${a.id}`)}>
              {a.title}
            </a>{' '}
            <span class="muted">
              by <bdi>{a.review?.submittedBy.name}</bdi> · {a.language} · since {siteTime(a.review?.submittedAt ?? null)}
            </span>
          </li>
        ))}
      </ul>
      {total > 0 && (
        <a href="/admin/stories?review=submitted" onClick={linkHandler('/stories?review=submitted')}>
          Open the stories in review
        </a>
      )}
    </section>
  );
}
