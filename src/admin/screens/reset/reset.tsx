import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';

/** Asks for a password-reset link; the answer is the same whether the e-mail has an account or not. */
export function RequestReset() {
  const [email, setEmail] = useState('');
  const [done, setDone] = useState('');
  const { error, submit: send } = useAction();
  const submit = send(async () => setDone((await api.post<{ message: string }>('/password-reset', { email })).message));
  return (
    <main class="narrow">
      <h1>Reset your password</h1>
      {done ? (
        <p role="status">{done}</p>
      ) : (
        <form onSubmit={submit}>
          <FormError error={error} />
          <Field label="E-mail" name="email" type="email" value={email} onInput={setEmail} required />
          <button type="submit" class="primary">Send me a link</button>
        </form>
      )}
      <p>
        <a href="/admin/">Back to sign-in</a>
      </p>
    </main>
  );
}
