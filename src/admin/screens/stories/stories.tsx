import { FileText, Plus, Trash2 } from 'lucide-preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { errorText } from '../../components/error-text.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { StateBadge } from '../../components/translation-state.js';
import { useAction, useApi, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { linkHandler, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import type { Article, Page, Section, StaffMember } from '../../types.js';
import { BulkBar, type BulkAction } from './bulk-bar.js';
import { StoriesFilters } from './stories-filters.js';
import { filtersOf, showFilters } from './stories-query.js';
import './stories.css';
import { MomentBadges, underEmbargo } from '../editor/moments.js';
import { Pager } from '../../components/pager.js';

interface BulkOutcome {
  done: Article[];
  /** Each with its error's code and details, as an error body tells them. */
  refused: Array<{ id: number; title: string | null; code: string; message: string } & Record<string, unknown>>;
}

const PAGE_SIZE = 30;

/**
 * All stories, last changed first, searched and filtered (the filters live in the address), with
 * bulk actions on the ticked ones and keys to move through them (j/k or arrows, n/p or
 * PageDown/PageUp for pages, x to tick, Enter to open); the trash is a view of its own.
 */
export function Stories() {
  const siteTime = useSiteTime();
  const session = useSession();
  const t = useText();
  const words = t.stories;
  const filters = filtersOf(useLocation().query);
  const trashed = filters.trashed === 'true';
  const page = Math.max(1, Number(filters.page) || 1);
  const list = useApi<Page<Article>>(`/articles${query({ ...filters, page, limit: PAGE_SIZE })}`);
  const sections = useApi<{ items: Section[] }>('/sections').data?.items ?? [];
  const staff = useApi<{ items: StaffMember[] }>('/users').data?.items ?? [];
  const items = list.data?.items ?? [];
  const pages = list.data?.pagination.pages ?? 1;
  const [newLanguage, setNewLanguage] = useState(session.site.defaultLanguage);
  const writeNew = () => navigate(`/stories/new?language=${encodeURIComponent(newLanguage)}`);
  const [ticked, setTicked] = useState<Set<number>>(new Set());
  const [cursor, setCursor] = useState(0);
  const [outcome, setOutcome] = useState<{ action: BulkAction; result: BulkOutcome } | null>(null);
  const rows = useRef<HTMLTableSectionElement>(null);

  // A new page or filter starts with nothing ticked and the first story current.
  const listKey = JSON.stringify(filters);
  useEffect(() => (setTicked(new Set()), setCursor(0)), [listKey]);

  const action = useAction();
  const change = (work: () => Promise<unknown>) => action.run(async () => (await work(), list.reload()));
  const trash = (id: number) => confirm(words.confirmTrash) && change(() => api.delete(`/articles/${id}`));
  const restore = (id: number) => change(() => api.post(`/articles/${id}/restore`));
  const destroy = (id: number) => confirm(words.confirmDelete) && change(() => api.delete(`/articles/${id}?permanent=true`));
  const bulk = (kind: BulkAction, section?: number | null) =>
    change(async () => {
      if (kind === 'trash' && !confirm(t.plural(ticked.size, words.confirmBulkTrash))) return;
      const result = await api.post<BulkOutcome>('/articles/bulk', { action: kind, ids: [...ticked], ...(kind === 'section' ? { section } : {}) });
      setOutcome({ action: kind, result });
      setTicked(new Set(result.refused.map((r) => r.id)));
    });
  const toggle = (id: number) => {
    const next = new Set(ticked);
    if (!next.delete(id)) next.add(id);
    setTicked(next);
  };
  const open = (story: Article | undefined) => story && !trashed && navigate(`/stories/${story.id}`);

  // The handler is renewed at every render but listened to once: a key pressed right after
  // another must see the cursor that one moved, before effects would re-register a listener.
  const onKey = useRef<(event: KeyboardEvent) => void>(() => {});
  onKey.current = (event) => {
    const target = event.target as HTMLElement;
    if (event.ctrlKey || event.metaKey || event.altKey || /^(INPUT|TEXTAREA|SELECT|BUTTON|A)$/.test(target.tagName)) return;
    const key = event.key;
    if (key === 'j' || key === 'ArrowDown') setCursor(Math.min(cursor + 1, items.length - 1));
    else if (key === 'k' || key === 'ArrowUp') setCursor(Math.max(cursor - 1, 0));
    else if ((key === 'n' || key === 'PageDown') && page < pages) showFilters({ page: String(page + 1) });
    else if ((key === 'p' || key === 'PageUp') && page > 1) showFilters({ page: String(page - 1) });
    else if (key === 'x' && items[cursor]) toggle(items[cursor].id);
    else if (key === 'Enter') open(items[cursor]);
    else return;
    event.preventDefault();
  };
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey.current(event);
    addEventListener('keydown', listener);
    return () => removeEventListener('keydown', listener);
  }, []);
  useEffect(() => rows.current?.querySelector('[aria-current="true"]')?.scrollIntoView({ block: 'nearest' }), [cursor]);

  const selected = items.filter((a) => ticked.has(a.id));
  const allTicked = items.length > 0 && selected.length === items.length;
  const filtered = Object.keys(filters).some((name) => name !== 'page' && name !== 'trashed');

  return (
    <section class="stories-screen">
      <PageHeader title={trashed ? words.trash : t.nav.stories}>
        {!trashed && (
          <>
            <select value={newLanguage} onChange={(e) => setNewLanguage(e.currentTarget.value)} aria-label={words.newStoryLanguage}>
              {session.site.languages.map((l) => (
                <option key={l}>{l}</option>
              ))}
            </select>
            <button type="button" class="primary" onClick={writeNew}>
              <Plus aria-hidden="true" size={18} />
              {words.newStory}
            </button>
          </>
        )}
        <button type="button" class="quiet" onClick={() => showFilters(trashed ? {} : { trashed: 'true' }, {})}>
          {!trashed && <Trash2 aria-hidden="true" size={16} />}
          {trashed ? words.backToStories : words.trash}
        </button>
      </PageHeader>
      <StoriesFilters filters={filters} sections={sections} staff={staff} onChange={showFilters} />
      <p class="muted keys">{words.keys}</p>
      {selected.length > 0 && !trashed && (
        <BulkBar selected={selected} sections={sections} language={session.site.defaultLanguage} onAct={bulk} onClear={() => setTicked(new Set())} />
      )}
      {outcome && (
        <div class="bulk-outcome" role="status">
          {outcome.result.done.length > 0 && (
            <p>{t.plural(outcome.result.done.length, words[`done_${outcome.action}`])}</p>
          )}
          {outcome.result.refused.length > 0 && (
            <>
              <p>{t.format(words.refused, { n: outcome.result.refused.length })}</p>
              <ul class="refused">
                {outcome.result.refused.map((r) => (
                  <li key={r.id}>
                    <strong>{r.title ?? t.format(words.storyNumber, { id: r.id })}</strong>: {errorText({ code: r.code, message: r.message, details: r }, t).text}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" class="link" onClick={() => setOutcome(null)}>
            {words.dismiss}
          </button>
        </div>
      )}
      <FormError error={action.error ?? list.error} />
      {list.data && items.length === 0 ? (
        trashed && !filtered ? (
          <EmptyState icon={Trash2} title={words.trashEmpty}>
            {words.trashEmptyBody}
          </EmptyState>
        ) : filtered ? (
          <EmptyState
            icon={FileText}
            title={words.noMatch}
            action={
              <button type="button" onClick={() => showFilters(trashed ? { trashed: 'true' } : {}, {})}>
                {words.clearFilters}
              </button>
            }
          >
            {words.noMatchBody}
          </EmptyState>
        ) : (
          <EmptyState
            icon={FileText}
            title={words.noStories}
            action={
              <button type="button" class="primary" onClick={writeNew}>
                {words.writeFirst}
              </button>
            }
          >
            {words.noStoriesBody}
          </EmptyState>
        )
      ) : (
        <table class="stories">
          <thead>
            <tr>
              <th>
                {!trashed && (
                  <input type="checkbox" aria-label={words.selectAll} checked={allTicked} onChange={() => setTicked(allTicked ? new Set() : new Set(items.map((a) => a.id)))} />
                )}{' '}
                {words.headline}
              </th>
              <th>{words.author}</th>
              <th>{words.language}</th>
              <th>{words.status}</th>
              <th>{words.translations}</th>
              <th>{words.changed}</th>
              <th>{words.actions}</th>
            </tr>
          </thead>
          <tbody ref={rows}>
            {items.map((a, index) => (
              <tr key={a.id} data-id={a.id} aria-current={index === cursor ? 'true' : undefined} class={index === cursor ? 'current' : ''} onClick={() => setCursor(index)}>
                <td class="story-title">
                  {!trashed && <input type="checkbox" checked={ticked.has(a.id)} onChange={() => toggle(a.id)} aria-label={t.format(words.selectStory, { title: a.title })} />}{' '}
                  <span lang={a.language} dir="auto">{trashed ? a.title : <a href={`/admin/stories/${a.id}`} onClick={linkHandler(`/stories/${a.id}`)}>{a.title}</a>}</span>
                  {a.machineTranslated && <span class="badge warn">{words.machine}</span>}
                </td>
                <td class="authors">{a.authors.map((p) => p.name).join(', ')}</td>
                <td>{a.language}</td>
                <td>
                  <span class={`badge status-${a.status}`}>{words[`status_${a.status}`]}</span>
                  {a.status === 'scheduled' && !underEmbargo(a) && <span class="muted"> {siteTime(a.publishAt)}</span>}
                  <MomentBadges article={a} />
                  {a.review && <span class="badge warn">{a.review.state === 'submitted' ? words.inReview : words.sentBack}</span>}
                </td>
                <td class="translations">
                  {a.translationStatus?.filter((s) => s.language !== a.language).map((s) => <StateBadge key={s.language} status={s} />)}
                </td>
                <td class="changed">{siteTime(a.updatedAt)}</td>
                <td class="actions">
                  {!trashed && a.allowed.trash && (
                    <button type="button" onClick={() => trash(a.id)} aria-label={t.format(words.moveToTrashStory, { title: a.title })}>
                      {words.moveToTrash}
                    </button>
                  )}
                  {trashed && a.allowed.restore && (
                    <button type="button" onClick={() => restore(a.id)}>
                      {words.restore}
                    </button>
                  )}{' '}
                  {trashed && a.allowed.delete && (
                    <button type="button" class="danger" onClick={() => destroy(a.id)}>
                      {words.deleteForever}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager page={page} pages={pages} onPage={(to) => showFilters({ page: String(to) })} />
    </section>
  );
}
