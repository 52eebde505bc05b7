import { useState } from 'preact/hooks';
import { formatDate } from '../../hooks.js';
import type { Article, ArticleActions } from '../../types.js';
import { instantAt, localInputValue } from '../../../core/time-zone.js';

interface Props {
  article: Article | null;
  /** What the server says the person may do with this story (`allowed`). */
  allowed: ArticleActions;
  /** The site's time zone: what "Publish at" means and how times are shown. */
  zone: string;
  busy: boolean;
  dirty: boolean;
  onSave(extra?: Record<string, unknown>): void;
  onTrash(): void;
}

/** Save, publish now, schedule, unpublish, trash: only what the server allows this person, nothing more. */
export function PublishBar({ article, allowed, zone, busy, dirty, onSave, onTrash }: Props) {
  const status = article?.status ?? 'draft';
  const [when, setWhen] = useState(localInputValue(article?.publishAt ?? null, zone));
  const [scheduling, setScheduling] = useState(false);
  return (
    <div class="publish-bar">
      <span class={`badge status-${status}`}>{status}</span>
      {article?.publishAt && status === 'scheduled' && <span class="muted">for {formatDate(article.publishAt, zone)}</span>}
      {allowed.edit && (
        <button type="button" disabled={busy} onClick={() => onSave()}>
          {status === 'draft' ? 'Save draft' : 'Update'}
          {dirty ? ' *' : ''}
        </button>
      )}
      {allowed.publish && status !== 'published' && (
        <button type="button" class="primary" disabled={busy} onClick={() => onSave({ status: 'published' })}>
          Publish now
        </button>
      )}
      {allowed.schedule && status !== 'published' && (
        <button type="button" disabled={busy} aria-expanded={scheduling} onClick={() => setScheduling(!scheduling)}>
          Schedule…
        </button>
      )}
      {allowed.unpublish && status !== 'draft' && (
        <button type="button" disabled={busy} onClick={() => onSave({ status: 'draft' })}>
          {status === 'published' ? 'Unpublish' : 'Unschedule'}
        </button>
      )}
      {article && allowed.trash && (
        <button type="button" disabled={busy} onClick={onTrash}>
          Move to trash
        </button>
      )}
      {scheduling && (
        <form
          class="inline-form schedule"
          onSubmit={(e) => {
            e.preventDefault();
            setScheduling(false);
            onSave({ status: 'scheduled', publishAt: instantAt(when, zone).toISOString() });
          }}
        >
          <label>
            Publish at ({zone} time){' '}
            <input name="publishAt" type="datetime-local" required value={when} onInput={(e) => setWhen(e.currentTarget.value)} aria-describedby="publish-at-zone" />
          </label>
          <small id="publish-at-zone" class="muted">
            The site's clock ({zone}), whatever the clock of this computer says.
          </small>
          <button type="submit" class="primary">
            Schedule
          </button>
        </form>
      )}
    </div>
  );
}
