import { FileText, Plus, Trash2 } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useAction, useApi, useSiteTime } from '../../hooks.js';
import { linkHandler, navigate, useLocation } from '../../router.js';
import { useSession } from '../../session.js';
import type { Article, Page, Status } from '../../types.js';

type ReviewState = NonNullable<Article['review']>['state'];

function reviewState(value: string | null): ReviewState | undefined {
  return value === 'submitted' || value === 'returned' ? value : undefined;
}

/** All stories, newest change first, by status and language; the trash is a view of its own. */
export function Stories() {
  const siteTime = useSiteTime();
  const session = useSession();
  // A status, or where drafts stand in their review (the dashboard links to `?review=submitted`).
  const [status, setStatus] = useState<Status | ReviewState | ''>(reviewState(useLocation().query.get('review')) ?? '');
  const review = reviewState(status);
  const [language, setLanguage] = useState('');
  const [trashed, setTrashed] = useState(false);
  const [page, setPage] = useState(1);
  const list = useApi<Page<Article>>(`/articles${query({ status: review ? undefined : status || undefined, review, language, trashed: trashed || undefined, page, limit: 30 })}`);
  const [newLanguage, setNewLanguage] = useState(session.site.defaultLanguage);
  const writeNew = () => navigate(`/stories/new?language=${encodeURIComponent(newLanguage)}`);

  const action = useAction();
  const change = (work: () => Promise<unknown>) => action.run(async () => (await work(), list.reload()));
  const trash = (id: number) => confirm('Move this story to the trash? It can be restored from there.') && change(() => api.delete(`/articles/${id}`));
  const restore = (id: number) => change(() => api.post(`/articles/${id}/restore`));
  const destroy = (id: number) => confirm('Delete this story for good? This cannot be undone.') && change(() => api.delete(`/articles/${id}?permanent=true`));

  return (
    <section>
      <PageHeader title={trashed ? 'Trash' : 'Stories'}>
        <select value={newLanguage} onChange={(e) => setNewLanguage(e.currentTarget.value)} aria-label="Language of the new story">
          {session.site.languages.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <button type="button" class="primary" onClick={writeNew}>
          <Plus aria-hidden="true" size={18} />
          New story
        </button>
      </PageHeader>
      <div class="toolbar">
        <select value={status} onChange={(e) => (setStatus(e.currentTarget.value as Status | ReviewState | ''), setPage(1))} aria-label="Status">
          <option value="">Every status</option>
          <option value="draft">Drafts</option>
          <option value="submitted">In review</option>
          <option value="returned">Sent back</option>
          <option value="scheduled">Scheduled</option>
          <option value="published">Published</option>
        </select>
        <select value={language} onChange={(e) => (setLanguage(e.currentTarget.value), setPage(1))} aria-label="Language">
          <option value="">Every language</option>
          {session.site.languages.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <button type="button" class="quiet" onClick={() => (setTrashed(!trashed), setPage(1))}>
          {!trashed && <Trash2 aria-hidden="true" size={16} />}
          {trashed ? 'Back to stories' : 'Trash'}
        </button>
      </div>
      <FormError error={action.error ?? list.error} />
      {list.data?.items.length === 0 &&
        (trashed ? (
          <EmptyState icon={Trash2} title="The trash is empty">Stories you move to the trash wait here until you restore them or delete them for good.</EmptyState>
        ) : status || language ? (
          <EmptyState icon={FileText} title="No stories match these filters">Choose every status and every language to see all stories.</EmptyState>
        ) : (
          <EmptyState icon={FileText} title="No stories yet" action={<button type="button" class="primary" onClick={writeNew}>Write your first story</button>}>
            Drafts, scheduled and published stories in every language of the site are listed here.
          </EmptyState>
        ))}
      {!!list.data?.items.length && (
      <table class="stories">
        <thead>
          <tr>
            <th>Headline</th>
            <th>Language</th>
            <th>Status</th>
            <th>Other languages</th>
            <th>Changed</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {list.data?.items.map((a) => (
            <tr key={a.id}>
              <td>
                {trashed ? a.title : <a href={`/admin/stories/${a.id}`} onClick={linkHandler(`/stories/${a.id}`)}>{a.title}</a>}
                {a.machineTranslated && <span class="badge warn">machine</span>}
              </td>
              <td>{a.language}</td>
              <td>
                <span class={`badge status-${a.status}`}>{a.status}</span>
                {a.status === 'scheduled' && <span class="muted"> {siteTime(a.publishAt)}</span>}
                {a.review && <span class="badge warn">{a.review.state === 'submitted' ? 'in review' : 'sent back'}</span>}
              </td>
              <td>{a.translations.map((t) => t.language).join(', ')}</td>
              <td>{siteTime(a.updatedAt)}</td>
              <td class="actions">
                {!trashed && a.allowed.trash && (
                  <button type="button" onClick={() => trash(a.id)} aria-label={`Move to trash: ${a.title}`}>
                    Move to trash
                  </button>
                )}
                {trashed && a.allowed.restore && (
                  <button type="button" onClick={() => restore(a.id)}>
                    Restore
                  </button>
                )}{' '}
                {trashed && a.allowed.delete && (
                  <button type="button" class="danger" onClick={() => destroy(a.id)}>
                    Delete forever
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
      {list.data && list.data.pagination.pages > 1 && (
        <p class="toolbar">
          <button type="button" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Newer
          </button>
          Page {page} of {list.data.pagination.pages}
          <button type="button" disabled={page >= list.data.pagination.pages} onClick={() => setPage(page + 1)}>
            Older
          </button>
        </p>
      )}
    </section>
  );
}
