import { useState } from 'preact/hooks';
import { useApi, useSiteTime } from '../../hooks.js';
import type { Revision, StaffMember } from '../../types.js';
import { blockText } from '../../../content/block-text.js';
import { diffWords, type Draft } from './draft.js';

/** Who a principal (`user:3`, `token:2`) is, in words. */
export function actorName(principal: string, staff: StaffMember[] | undefined): string {
  const [kind, id] = principal.split(':');
  if (kind === 'user') return staff?.find((p) => p.id === Number(id))?.name ?? `user ${id}`;
  return kind === 'token' ? `API token ${id}` : principal;
}

/** Earlier versions of the story: compare one with the text being edited, or bring it back. */
export function Revisions({ articleId, current, onRestore }: { articleId: number; current: Draft; onRestore: ((revision: Revision) => void) | null }) {
  const siteTime = useSiteTime();
  const revisions = useApi<{ items: Revision[] }>(`/articles/${articleId}/revisions`);
  const staff = useApi<{ items: StaffMember[] }>('/users');
  const [open, setOpen] = useState<number | null>(null);
  return (
    <section class="revisions" aria-label="Revisions">
      <h2>
        Revisions{' '}
        <button type="button" class="link" onClick={revisions.reload}>
          refresh
        </button>
      </h2>
      <ol>
        {revisions.data?.items.map((revision) => (
          <li key={revision.version}>
            Version {revision.version} · {actorName(revision.actor, staff.data?.items)} · {siteTime(revision.createdAt)}{' '}
            <button type="button" class="link" onClick={() => setOpen(open === revision.version ? null : revision.version)}>
              compare
            </button>{' '}
            {onRestore && (
              <button type="button" class="link" onClick={() => onRestore(revision)}>
                restore
              </button>
            )}
            {open === revision.version && (
              <p class="diff" aria-label={`Changes from version ${revision.version} to the current text`}>
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
