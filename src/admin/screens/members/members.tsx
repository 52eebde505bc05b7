import { Contact, X } from 'lucide-preact';
import { useEffect, useState } from 'preact/hooks';
import { api, API, query } from '../../api.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { EmptyState } from '../../components/empty-state.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useAction, useApi, useSiteTime } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import type { Newsletter } from '../newsletters/newsletter-types.js';
import { AddMember } from './add-member.js';
import { ImportMembers } from './import-members.js';
import { STATUSES, type Member } from './member-types.js';
import './members.css';
import { Pager } from '../../components/pager.js';

const LIMIT = 50;
const STATUS_CLASS = { confirmed: 'ok', pending: 'progress', unsubscribed: 'missing' } as const;

interface Filters {
  q: string;
  newsletter: string;
  status: string;
}

/**
 * The readers who receive the newsletters: search by address or name, filter by newsletter and
 * state, add one, remove one, export what the filters show as CSV, import a list. Editors and
 * administrators (`members.manage`).
 */
export function Members() {
  const t = useText();
  const words = t.members;
  const siteTime = useSiteTime();
  const [filters, setFilters] = useState<Filters>({ q: '', newsletter: '', status: '' });
  const [text, setText] = useState('');
  const [page, setPage] = useState(1);
  const params = { q: filters.q, newsletter: filters.newsletter, status: filters.status };
  const list = useApi<{ items: Member[]; total: number }>(`/members${query({ ...params, page, limit: LIMIT })}`);
  const newsletters = useApi<{ items: Newsletter[] }>('/newsletters');
  const [removing, setRemoving] = useState<Member | null>(null);
  const [done, setDone] = useState('');
  const { error, run } = useAction();

  useEffect(() => {
    if (text.trim() === filters.q) return;
    const timer = setTimeout(() => change({ q: text.trim() }), 300);
    return () => clearTimeout(timer);
  }, [text]);
  // From the current filters, not the render's: the search's timer may fire after a select changed them.
  const change = (next: Partial<Filters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setPage(1);
  };

  const byId = new Map((newsletters.data?.items ?? []).map((n) => [n.id, n]));
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / LIMIT));
  const filtered = Boolean(filters.q || filters.newsletter || filters.status);
  const remove = (member: Member) =>
    run(async () => {
      await api.delete(`/members/${member.id}`);
      setRemoving(null);
      setDone(t.format(words.removed, { email: member.email }));
      list.reload();
      newsletters.reload();
    });

  const patch = (member: Member, change: Record<string, unknown>, said: string) =>
    run(async () => {
      await api.patch(`/members/${member.id}`, change);
      setDone(said);
      list.reload();
      newsletters.reload();
    });

  return (
    <section>
      <PageHeader title={t.nav.members} description={words.intro}>
        <a class="button" href={`${API}/members/export${query(params)}`} download>
          {words.exportCsv}
        </a>
      </PageHeader>
      <FormError error={list.error ?? error} />
      {done && <p role="status">{done}</p>}
      <form class="toolbar members-filters" role="search" onSubmit={(e) => (e.preventDefault(), change({ q: text.trim() }))}>
        <input type="search" name="q" aria-label={words.searchMembers} placeholder={words.searchPlaceholder} value={text} onInput={(e) => setText(e.currentTarget.value)} />
        <select name="newsletter" aria-label={words.newsletter} value={filters.newsletter} onChange={(e) => change({ newsletter: e.currentTarget.value })}>
          <option value="">{words.anyNewsletter}</option>
          {newsletters.data?.items.map((n) => (
            <option key={n.id} value={String(n.id)}>
              {n.name} ({n.language})
            </option>
          ))}
        </select>
        <select name="status" aria-label={words.status} value={filters.status} onChange={(e) => change({ status: e.currentTarget.value })}>
          <option value="">{words.anyStatus}</option>
          {STATUSES.map((s) => (
            <option key={s} value={s}>
              {words[`status_${s}`]}
            </option>
          ))}
        </select>
        {list.data && <span class="muted">{t.plural(list.data.total, words.count)}</span>}
      </form>

      {list.data?.total === 0 && !filtered && (
        <EmptyState icon={Contact} title={words.empty} action={<button type="button" class="primary" onClick={() => document.getElementById('field-email')?.focus()}>{words.addFirst}</button>}>
          {words.emptyHint}
        </EmptyState>
      )}
      {list.data?.total === 0 && filtered && <p class="muted">{words.noMatch}</p>}
      {!!list.data?.items.length && (
        <table class="members">
          <thead>
            <tr>
              <th>{words.email}</th>
              <th>{words.newsletters}</th>
              <th>{words.since}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {list.data.items.map((m) => (
              <tr key={m.id}>
                <td>
                  <bdi class="member-email">{m.email}</bdi>
                  {m.name && (
                    <>
                      {' '}
                      <bdi class="muted">{m.name}</bdi>
                    </>
                  )}{' '}
                  <span class="badge">{m.language}</span>
                  {m.suppressedAt && (
                    <>
                      <span class="badge warn" title={words.suppressedHint}>
                        {words.status_suppressed}
                      </span>{' '}
                      <button type="button" class="link" aria-label={t.format(words.sendAgainTo, { email: m.email })} onClick={() => patch(m, { suppressed: false }, '')}>
                        {words.sendAgain}
                      </button>
                    </>
                  )}
                </td>
                <td>
                  {m.subscriptions.map((s) => {
                    const name = byId.get(s.newsletterId)?.name ?? `#${s.newsletterId}`;
                    return (
                      <span key={s.newsletterId} class={`badge ${STATUS_CLASS[s.status]}`}>
                        {fill('{newsletter} · {status}', { newsletter: <bdi>{name}</bdi>, status: words[`status_${s.status}`] })}
                        {s.status !== 'unsubscribed' && (
                          <button
                            type="button"
                            class="badge-action"
                            aria-label={t.format(words.unsubscribeFrom, { email: m.email, newsletter: name })}
                            onClick={() => patch(m, { unsubscribe: [s.newsletterId] }, t.format(words.unsubscribedFrom, { email: m.email, newsletter: name }))}
                          >
                            <X size={12} aria-hidden="true" />
                          </button>
                        )}
                      </span>
                    );
                  })}
                </td>
                <td>{siteTime(m.createdAt)}</td>
                <td class="actions">
                  <button type="button" class="quiet" aria-label={t.format(words.removeMember, { email: m.email })} onClick={() => setRemoving(m)}>
                    {t.common.remove}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} onPage={setPage} />
      {removing && (
        <ConfirmDialog
          title={t.format(words.removeTitle, { email: removing.email })}
          confirmLabel={t.format(words.removeMember, { email: removing.email })}
          onConfirm={() => remove(removing)}
          onCancel={() => setRemoving(null)}
          error={error}
        >
          <p>{words.removeWarning}</p>
        </ConfirmDialog>
      )}

      <div class="members-forms">
        <AddMember
          newsletters={newsletters.data?.items.filter((n) => !n.archived) ?? []}
          onAdded={(member) => {
            setDone(t.format(words.addedMember, { email: member.email }));
            list.reload();
            newsletters.reload();
          }}
        />
        <ImportMembers
          newsletters={newsletters.data?.items.filter((n) => !n.archived) ?? []}
          onImported={() => {
            list.reload();
            newsletters.reload();
          }}
        />
      </div>
    </section>
  );
}
