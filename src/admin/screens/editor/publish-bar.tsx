import { useState } from 'preact/hooks';
import type { Article } from '../../types.js';
import { localInputValue } from './draft.js';

interface Props {
  article: Article | null;
  canPublish: boolean;
  busy: boolean;
  dirty: boolean;
  onSave(extra?: Record<string, unknown>): void;
  onTrash(): void;
}

/** Save, publish now, schedule, unpublish, trash: what the person's role allows, nothing more. */
export function PublishBar({ article, canPublish, busy, dirty, onSave, onTrash }: Props) {
  const status = article?.status ?? 'draft';
  const [when, setWhen] = useState(localInputValue(article?.publishAt ?? null));
  const [scheduling, setScheduling] = useState(false);
  return (
    <div class="publish-bar">
      <span class={`badge status-${status}`}>{status}</span>
      {article?.publishAt && status === 'scheduled' && <span class="muted">for {new Date(article.publishAt).toLocaleString()}</span>}
      <button type="button" disabled={busy} onClick={() => onSave()}>
        {status === 'draft' ? 'Save draft' : 'Update'}
        {dirty ? ' *' : ''}
      </button>
      {canPublish && status !== 'published' && (
        <button type="button" class="primary" disabled={busy} onClick={() => onSave({ status: 'published' })}>
          Publish now
        </button>
      )}
      {canPublish && status !== 'published' && (
        <button type="button" disabled={busy} onClick={() => setScheduling(!scheduling)}>
          Schedule…
        </button>
      )}
      {canPublish && status !== 'draft' && (
        <button type="button" disabled={busy} onClick={() => onSave({ status: 'draft' })}>
          {status === 'published' ? 'Unpublish' : 'Unschedule'}
        </button>
      )}
      {article && (
        <button type="button" disabled={busy} onClick={onTrash}>
          Move to trash
        </button>
      )}
      {scheduling && (
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            setScheduling(false);
            onSave({ status: 'scheduled', publishAt: new Date(when).toISOString() });
          }}
        >
          <label>
            Publish at <input name="publishAt" type="datetime-local" required value={when} onInput={(e) => setWhen(e.currentTarget.value)} />
          </label>
          <button type="submit" class="primary">
            Schedule
          </button>
        </form>
      )}
    </div>
  );
}
