import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useSiteTime, useAction, useApi } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import { roleName, ROLES } from './roles.js';

interface Token {
  id: number;
  name: string;
  role: string;
  createdAt: string;
}

interface ContentKey {
  id: number;
  name: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A secret shown once, right after it was made: the server keeps only its hash. */
function ShownOnce({ secret }: { secret: string }) {
  const t = useText();
  return secret ? <p role="status">{fill(t.people.shownOnce, { secret: <code>{secret}</code> })}</p> : null;
}

/**
 * Admin API tokens (programs acting with a role) and Content API keys (read-only published
 * content for front-ends and apps, as `herald key` manages them). Administrators only.
 */
export function ApiAccess() {
  const t = useText();
  const siteTime = useSiteTime();
  const tokens = useApi<{ items: Token[] }>('/tokens');
  const keys = useApi<{ items: ContentKey[] }>('/content-keys');
  const [newToken, setNewToken] = useState({ name: '', role: 'author' });
  const [shownToken, setShownToken] = useState('');
  const [keyName, setKeyName] = useState('');
  const [shownKey, setShownKey] = useState('');
  const { error, run, submit } = useAction();

  return (
    <>
      <FormError error={error} />
      <h2>{t.people.tokensHeading}</h2>
      <ul>
        {tokens.data?.items.map((token) => (
          <li key={token.id}>
            {token.name} · {roleName(t, token.role)} · {siteTime(token.createdAt)}{' '}
            <button type="button" class="link" onClick={() => run(async () => (await api.delete(`/tokens/${token.id}`), tokens.reload()))}>
              {t.people.revoke}
            </button>
          </li>
        ))}
      </ul>
      <form
        class="card"
        onSubmit={submit(async () => {
          setShownToken((await api.post<{ token: string }>('/tokens', newToken)).token);
          tokens.reload();
        })}
      >
        <Field label={t.people.tokenName} name="tokenName" value={newToken.name} onInput={(name) => setNewToken({ ...newToken, name })} required />
        <select aria-label={t.people.tokenRole} value={newToken.role} onChange={(e) => setNewToken({ ...newToken, role: e.currentTarget.value })}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {roleName(t, r)}
            </option>
          ))}
        </select>{' '}
        <button type="submit">{t.people.createToken}</button>
        <ShownOnce secret={shownToken} />
      </form>

      <h2>{t.people.keysHeading}</h2>
      <ul>
        {keys.data?.items.map((k) => (
          <li key={k.id}>
            {k.name} · {t.format(t.people.keyCreated, { date: siteTime(k.createdAt) })} ·{' '}
            {k.lastUsedAt ? t.format(t.people.keyLastUsed, { date: siteTime(k.lastUsedAt) }) : t.people.keyNeverUsed}
            {k.revokedAt ? (
              ` · ${t.format(t.people.keyRevoked, { date: siteTime(k.revokedAt) })}`
            ) : (
              <>
                {' '}
                <button type="button" class="link" aria-label={t.format(t.people.revokeNamed, { name: k.name })} onClick={() => run(async () => (await api.delete(`/content-keys/${k.id}`), keys.reload()))}>
                  {t.people.revoke}
                </button>
              </>
            )}
          </li>
        ))}
      </ul>
      <form
        class="card"
        onSubmit={submit(async () => {
          setShownKey((await api.post<{ key: string }>('/content-keys', { name: keyName })).key);
          setKeyName('');
          keys.reload();
        })}
      >
        <Field label={t.people.keyName} name="keyName" value={keyName} onInput={setKeyName} required />{' '}
        <button type="submit">{t.people.createKey}</button>
        <ShownOnce secret={shownKey} />
      </form>
    </>
  );
}
