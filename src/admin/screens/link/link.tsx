import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';
import type { ScreenProps } from '../../screens.js';

interface LinkInfo {
  purpose: 'setup' | 'invitation' | 'reset';
  email: string | null;
  name: string | null;
  role: string | null;
}

const TITLES = { setup: 'Set up your newsroom', invitation: 'Join the newsroom', reset: 'Choose a new password' };

/** A one-time link: the first administrator's set-up, an invitation or a password reset. */
export function UseLink({ params }: ScreenProps) {
  const [info, setInfo] = useState<LinkInfo | null>(null);
  const { error: failure, run, submit: send } = useAction();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  useEffect(
    () =>
      void run(async () => {
        const found = await api.get<LinkInfo>(`/links/${params.token}`);
        setInfo(found);
        setName(found.name ?? '');
      }),
    [params.token],
  );

  const submit = send(async () => {
    await api.post(`/links/${params.token}`, info?.purpose === 'setup' ? { email, name, password } : { name, password });
    location.assign('/admin/');
  });

  if (!info) return <main class="narrow">{failure ? <FormError error={failure} /> : <p>Checking the link…</p>}</main>;
  return (
    <main class="narrow">
      <h1>{TITLES[info.purpose]}</h1>
      {info.email && (
        <p>
          For <strong>{info.email}</strong>
          {info.role && ` (${info.role})`}
        </p>
      )}
      <form onSubmit={submit}>
        <FormError error={failure} />
        {info.purpose === 'setup' && <Field label="E-mail" name="email" type="email" value={email} onInput={setEmail} error={failure} required />}
        {info.purpose !== 'reset' && <Field label="Your name" name="name" value={name} onInput={setName} error={failure} required />}
        <Field label="Password (at least 10 characters)" name="password" type="password" autocomplete="new-password" value={password} onInput={setPassword} error={failure} required />
        <button type="submit" class="primary">
          {info.purpose === 'reset' ? 'Save the new password' : 'Continue'}
        </button>
      </form>
    </main>
  );
}
