import { format, type Interface } from '../../i18n.js';

/** Newer / older links; `pathFor(n)` gives the address of page n. */
export function Pagination({ page, hasMore, t, pathFor }: { page: number; hasMore: boolean; t: Interface; pathFor: (n: number) => string }) {
  if (page === 1 && !hasMore) return null;
  return (
    <nav class="pagination" aria-label={t.pages}>
      {page > 1 ? <a href={pathFor(page - 1)} rel="prev">← {t.newer}</a> : <span />}
      <span>{format(t.page, { n: page })}</span>
      {hasMore ? <a href={pathFor(page + 1)} rel="next">{t.older} →</a> : <span />}
    </nav>
  );
}
