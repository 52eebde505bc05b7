import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { ConfirmDialog } from '../../components/confirm-dialog.js';
import { Field, FormError } from '../../components/form.js';
import { useAction, useSiteTime } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { fill } from '../../i18n/fill.js';
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
  const t = useText();
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
      {review?.state === 'returned' ? t.review.submitAgain : t.review.submit}
    </button>
  );

  return (
    <section class={`review-bar ${review?.state ?? 'none'}`} aria-label={t.review.region}>
      {!review && (
        <p>
          <span>{t.review.invite}</span> {submitButton}
        </p>
      )}
      {review?.state === 'submitted' && (
        <p role="status">
          <span class="badge warn">{t.review.inReview}</span>{' '}
          <strong>{t.format(t.review.waitingSince, { time: siteTime(review.submittedAt) })}</strong>
          <span class="muted"> · {fill(t.review.submittedBy, { name: <bdi>{review.submittedBy.name}</bdi> })}</span>{' '}
          {article.allowed.sendBack && (
            <button type="button" onClick={() => (action.fail(null), setSendingBack(true))}>
              {t.review.sendBack}
            </button>
          )}
        </p>
      )}
      {review?.state === 'returned' && (
        <div role="note" aria-label={t.review.returnedNote}>
          <p>
            <strong>{fill(t.review.sentBackBy, { name: <bdi>{review.returnedBy?.name}</bdi> })}</strong>{' '}
            <span class="muted">{t.format(t.review.sentBackOn, { time: siteTime(review.returnedAt) })}</span>
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
          // First-strong isolates (as <bdi>) keep a headline in one direction from reordering the words around it in the other.
          title={t.format(t.review.dialogTitle, { title: `\u2068${article.title}\u2069` })}
          confirmLabel={t.format(t.review.confirmSendBack, { name: review.submittedBy.name })}
          onConfirm={() => void sendBack()}
          onCancel={() => setSendingBack(false)}
          error={action.error}
        >
          <p>{fill(t.review.dialogExplains, { name: <bdi>{review.submittedBy.name}</bdi> })}</p>
          <Field label={t.review.noteLabel} name="note" value={note} onInput={(value) => (setNote(value), action.fail(null))} multiline dir="auto" required hint={`${note.length} / ${MAX_REVIEW_NOTE_LENGTH}`} error={action.error} />
        </ConfirmDialog>
      )}
    </section>
  );
}
