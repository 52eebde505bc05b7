import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { Field, FormError } from '../../components/form.js';
import { useAction, useSiteTime } from '../../hooks.js';
import type { Article } from '../../types.js';
import { MAX_REVIEW_NOTE_LENGTH } from '../../../content/articles.types.js';

interface Props {
  article: Article;
  dirty: boolean;
  /** Saves the text typed so far, so the editors read what the writer sees. */
  onSave(): Promise<void>;
  onChanged(article: Article): void;
}

/**
 * A draft's review above the text: a writer who may not publish submits it; while it waits,
 * everyone sees since when, and an editor may send it back with a note, which the writer then
 * reads here until submitting again.
 */
export function ReviewBar({ article, dirty, onSave, onChanged }: Props) {
  const siteTime = useSiteTime();
  const action = useAction();
  const [sendingBack, setSendingBack] = useState(false);
  const [note, setNote] = useState('');
  const review = article.review;
  const offerSubmit = article.allowed.submit && !article.allowed.publish;
  if (!review && !offerSubmit) return null;

  const submit = () =>
    action.run(async () => {
      if (dirty) await onSave();
      onChanged(await api.post<Article>(`/articles/${article.id}/submit`));
    });
  const sendBack = () =>
    action.run(async () => {
      onChanged(await api.post<Article>(`/articles/${article.id}/send-back`, { note }));
      setSendingBack(false);
      setNote('');
    });
  const submitButton = offerSubmit && (
    <button type="button" class="primary" onClick={() => void submit()}>
      {review?.state === 'returned' ? 'Submit for review again' : 'Submit for review'}
    </button>
  );

  return (
    <section class={`review-bar ${review?.state ?? 'none'}`} aria-label="Review">
      {!review && (
        <p>
          <span>When the story is ready, an editor reads it and publishes it.</span> {submitButton}
        </p>
      )}
      {review?.state === 'submitted' && (
        <p role="status">
          <span class="badge warn">in review</span>{' '}
          <strong>Waiting for review since {siteTime(review.submittedAt)}</strong>
          <span class="muted"> · submitted by <bdi>{review.submittedBy.name}</bdi></span>{' '}
          {article.allowed.sendBack && (
            <button type="button" onClick={() => (action.fail(null), setSendingBack(true))}>
              Send back…
            </button>
          )}
        </p>
      )}
      {review?.state === 'returned' && (
        <div role="note" aria-label="Sent back with a note">
          <p>
            <strong>Sent back by <bdi>{review.returnedBy?.name}</bdi></strong> <span class="muted">on {siteTime(review.returnedAt)}</span>
          </p>
          {/* The note is in whatever language its editor wrote it, right to left for Arabic. */}
          <blockquote class="review-note" dir="auto">
            {review.note}
          </blockquote>
          {submitButton}
        </div>
      )}
      {!sendingBack && <FormError error={action.error} />}
      {sendingBack && review && (
        <ConfirmDialog
          // First-strong isolates (as <bdi>) keep an Arabic headline from reordering the English around it.
          title={`Send “\u2068${article.title}\u2069” back`}
          confirmLabel={`Send back to ${review.submittedBy.name}`}
          onConfirm={() => void sendBack()}
          onCancel={() => setSendingBack(false)}
          error={action.error}
        >
          <p>The story stays a draft. {review.submittedBy.name} gets your note by e-mail and sees it above the text.</p>
          <Field label="What should change?" name="note" value={note} onInput={(value) => (setNote(value), action.fail(null))} multiline dir="auto" required hint={`${note.length} / ${MAX_REVIEW_NOTE_LENGTH}`} error={action.error} />
        </ConfirmDialog>
      )}
    </section>
  );
}
