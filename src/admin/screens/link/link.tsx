import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { fill } from '../../i18n/fill.js';
import type { ScreenProps } from '../../screens.js';
import type { Role } from '../../../people/roles.js';

interface LinkInfo {
  purpose: 'setup' | 'invitation' | 'reset';
  email: string | null;
  name: string | null;
  role: Role | null;
}

/** A one-time link: the first administrator's set-up, an invitation or a password reset. */
export function UseLink({ params }: ScreenProps) {
  const t = useText();
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

  if (!info) return <main class="narrow">{failure ? <FormError error={failure} /> : <p>{t.signIn.checkingLink}</p>}</main>;
  return (
    <main class="narrow">
      <h1>{t.signIn[`title_${info.purpose}`]}</h1>
      {info.email && (
        <p>
          {info.role
            ? fill(t.signIn.forEmailAs, { email: <strong><bdi>{info.email}</bdi></strong>, role: t.common[`role_${info.role}`] })
            : fill(t.signIn.forEmail, { email: <strong><bdi>{info.email}</bdi></strong> })}
        </p>
      )}
      <form onSubmit={submit}>
        <FormError error={failure} />
        {info.purpose === 'setup' && <Field label={t.signIn.email} name="email" type="email" value={email} onInput={setEmail} error={failure} required />}
        {info.purpose !== 'reset' && <Field label={t.signIn.yourName} name="name" value={name} onInput={setName} error={failure} required />}
        <Field label={t.signIn.newPassword} name="password" type="password" autocomplete="new-password" value={password} onInput={setPassword} error={failure} required />
        <button type="submit" class="primary">
          {info.purpose === 'reset' ? t.signIn.saveNewPassword : t.signIn.continue}
        </button>
      </form>
    </main>
  );
}
