import type { ApiError } from '../api.js';
import { useText } from '../i18n/index.js';
import { errorText, faultText } from './error-text.js';

interface FieldProps {
  label: string;
  name: string;
  value: string;
  onInput(value: string): void;
  type?: 'text' | 'email' | 'password' | 'url' | 'search' | 'datetime-local' | 'number';
  required?: boolean;
  autocomplete?: string;
  placeholder?: string;
  multiline?: boolean;
  hint?: string;
  disabled?: boolean;
  /** `auto` for text in any language (a note, a name): right to left when it is Arabic. */
  dir?: 'auto';
  error?: ApiError | null;
}

/** A labelled input that shows the server's message for its field. */
export function Field({ label, name, value, onInput, type = 'text', multiline, hint, error, ...rest }: FieldProps) {
  const t = useText();
  const id = `field-${name}`;
  const fault = error?.fields.find((f) => f.field === name || f.field.startsWith(`${name}.`));
  const handler = (event: Event) => onInput((event.currentTarget as HTMLInputElement).value);
  return (
    <div class="field">
      <label for={id}>{label}</label>
      {multiline ? (
        <textarea id={id} name={name} value={value} onInput={handler} aria-invalid={fault ? 'true' : undefined} {...rest} />
      ) : (
        <input id={id} name={name} type={type as 'text'} value={value} onInput={handler} aria-invalid={fault ? 'true' : undefined} {...rest} />
      )}
      {hint && <small>{hint}</small>}
      {fault && <small class="fault">{faultText(fault, t)}</small>}
    </div>
  );
}

/**
 * Why a request failed, in the person's language (components/error-text.ts), announced to
 * screen readers; the server's own words follow, marked as English, when they say more.
 */
export function FormError({ error }: { error: ApiError | null }) {
  const t = useText();
  if (!error) return null;
  const { text, detail } = errorText(error, t);
  return (
    <p class="error" role="alert">
      {text}
      {detail && (
        <>
          {' '}
          <small lang="en" dir="ltr">
            {detail}
          </small>
        </>
      )}
    </p>
  );
}
