import { useState } from 'preact/hooks';
import { useApi, useSiteTime } from '../../hooks.js';
import { useText, type AdminText } from '../../i18n/index.js';
import type { Revision, StaffMember } from '../../types.js';
import { blockText } from '../../../content/block-text.js';
import { diffWords, type Draft } from './draft.js';

/** Who a principal (`user:3`, `token:2`) is, in words of the admin's language `t` (English where a caller has not passed it yet). */
export function actorName(principal: string, staff: StaffMember[] | undefined, t: AdminText): string {
  const [kind, id] = principal.split(':');
  if (kind === 'user') return staff?.find((p) => p.id === Number(id))?.name ?? t.format(t.revisions.user, { id });
  return kind === 'token' ? t.format(t.revisions.apiToken, { id }) : principal;
}

/** Earlier versions of the story: compare one with the text being edited, or bring it back. */
export function Revisions({ articleId, current, onRestore }: { articleId: number; current: Draft; onRestore: ((revision: Revision) => void) | null }) {
  const siteTime = useSiteTime();
  const t = useText();
  const revisions = useApi<{ items: Revision[] }>(`/articles/${articleId}/revisions`);
  const staff = useApi<{ items: StaffMember[] }>('/users');
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section class="revisions" aria-label={t.revisions.heading}>
      <h2>
        {t.revisions.heading}{' '}
        <button type="button" class="link" onClick={revisions.reload}>
          {t.revisions.refresh}
        </button>
      </h2>
      <ol>
        {revisions.data?.items.map((revision) => (
          <li key={revision.version}>
            {t.format(t.revisions.version, { n: revision.version })} · <bdi>{actorName(revision.actor, staff.data?.items, t)}</bdi> · {siteTime(revision.createdAt)}{' '}
            <button type="button" class="link" onClick={() => setOpen(open === revision.version ? null : revision.version)}>
              {t.revisions.compare}
            </button>{' '}
            {onRestore && (
              <button type="button" class="link" onClick={() => onRestore(revision)}>
                {t.revisions.restore}
              </button>
            )}
            {open === revision.version && (
              // The story's own words, in its direction whatever the admin's.
              <p class="diff" dir="auto" aria-label={t.format(t.revisions.changesFrom, { n: revision.version })}>
                {diffWords(`${revision.article.title}\n${blockText(revision.article.body, { captions: true })}`, `${current.title}\n${blockText(current.body, { captions: true })}`).map(
                  (part, i) => (part.kind === 'same' ? <span key={i}>{part.text}</span> : part.kind === 'added' ? <ins key={i}>{part.text}</ins> : <del key={i}>{part.text}</del>),
                )}
              </p>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}
