import type { ApiError } from '../api.js';

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
      {fault && <small class="fault">{fault.message}</small>}
    </div>
  );
}

/** The server's message for a failed request, announced to screen readers. */
export function FormError({ error }: { error: ApiError | null }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error.message}
    </p>
  );
}
