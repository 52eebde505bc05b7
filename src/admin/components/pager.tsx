import { useText } from '../i18n/index.js';

/** Newer / "Page n of m" / Older under a list; nothing when the list fits on one page. */
export function Pager({ page, pages, onPage }: { page: number; pages: number; onPage(page: number): void }) {
  const t = useText();
  if (pages <= 1) return null;
  return (
    <p class="toolbar pager">
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t.common.newer}
      </button>
      {t.format(t.common.pageOf, { page, pages })}
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t.common.older}
      </button>
    </p>
  );
}
