import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import type { ApiError } from '../api.js';
import { useText } from '../i18n/index.js';
import { FormError } from './form.js';

interface ConfirmDialogProps {
  title: string;
  /** The button that does it, named for what it does ("Remove Sam Taylor"). */
  confirmLabel: string;
  onConfirm(): void;
  onCancel(): void;
  busy?: boolean;
  error?: ApiError | null;
  children: ComponentChildren;
}

/**
 * A modal question before something that cannot be undone: the browser's own <dialog>, so
 * focus stays inside, Escape cancels and screen readers announce it, which confirm() cannot
 * do with more than a line of text.
 */
export function ConfirmDialog({ title, confirmLabel, onConfirm, onCancel, busy, error, children }: ConfirmDialogProps) {
  const t = useText();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    dialog.current?.showModal();
  }, []);
  return (
    <dialog ref={dialog} class="confirm" aria-labelledby="confirm-title" onCancel={(event) => (event.preventDefault(), onCancel())}>
      <h2 id="confirm-title">{title}</h2>
      {children}
      <FormError error={error ?? null} />
      <div class="confirm-actions">
        <button type="button" onClick={onCancel} autofocus>
          {t.common.cancel}
        </button>
        <button type="button" class="danger" onClick={onConfirm} disabled={busy}>
          {confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
