import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { navigate } from '../../router.js';

/** E-mail and password; after too many failures the server locks sign-in and says until when. */
export function SignIn({ onSignedIn }: { params?: Record<string, string>; onSignedIn?: () => void | Promise<void> }) {
  const t = useText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { error, run } = useAction();
  const [busy, setBusy] = useState(false);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    await run(async () => {
      await api.post('/session', { email, password });
      if (onSignedIn) await onSignedIn();
      else location.assign('/admin/');
    });
    setBusy(false);
  };

  return (
    <main class="narrow">
      <h1>{t.signIn.signIn}</h1>
      <form onSubmit={submit} aria-label={t.signIn.signIn}>
        <FormError error={error} />
        <Field label={t.signIn.email} name="email" type="email" autocomplete="username" value={email} onInput={setEmail} required />
        <Field label={t.signIn.password} name="password" type="password" autocomplete="current-password" value={password} onInput={setPassword} required />
        <button type="submit" class="primary" disabled={busy}>
          {t.signIn.signIn}
        </button>
      </form>
      <p>
        <a href="/admin/reset" onClick={(e) => (e.preventDefault(), navigate('/reset'))}>
          {t.signIn.forgot}
        </a>
      </p>
    </main>
  );
}
