import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';
import { useText } from '../../i18n/index.js';

/** Asks for a password-reset link; the answer is the same whether the e-mail has an account or not. */
export function RequestReset() {
  const t = useText();
  const [email, setEmail] = useState('');
  const [done, setDone] = useState('');
  const { error, submit: send } = useAction();
  const submit = send(async () => setDone((await api.post<{ message: string }>('/password-reset', { email })).message));
  return (
    <main class="narrow">
      <h1>{t.signIn.resetTitle}</h1>
      {done ? (
        <p role="status">{done}</p>
      ) : (
        <form onSubmit={submit}>
          <FormError error={error} />
          <Field label={t.signIn.email} name="email" type="email" value={email} onInput={setEmail} required />
          <button type="submit" class="primary">
            {t.signIn.sendLink}
          </button>
        </form>
      )}
      <p>
        <a href="/admin/">{t.signIn.backToSignIn}</a>
      </p>
    </main>
  );
}
