import { useState } from 'preact/hooks';
import { api } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { useSiteTime, useAction, useApi } from '../../hooks.js';
import { ROLES } from './roles.js';

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
  return secret ? (
    <p role="status">
      Copy it now, it is shown only once: <code>{secret}</code>
    </p>
  ) : null;
}

/**
 * Admin API tokens (programs acting with a role) and Content API keys (read-only published
 * content for front-ends and apps, as `herald key` manages them). Administrators only.
 */
export function ApiAccess() {
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
      <h2>Admin API tokens</h2>
      <ul>
        {tokens.data?.items.map((t) => (
          <li key={t.id}>
            {t.name} · {t.role} · {siteTime(t.createdAt)}{' '}
            <button type="button" class="link" onClick={() => run(async () => (await api.delete(`/tokens/${t.id}`), tokens.reload()))}>
              revoke
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
        <Field label="Token name" name="tokenName" value={newToken.name} onInput={(name) => setNewToken({ ...newToken, name })} required />
        <select aria-label="Token role" value={newToken.role} onChange={(e) => setNewToken({ ...newToken, role: e.currentTarget.value })}>
          {ROLES.map((r) => (
            <option key={r}>{r}</option>
          ))}
        </select>{' '}
        <button type="submit">Create token</button>
        <ShownOnce secret={shownToken} />
      </form>

      <h2>Content API keys</h2>
      <ul>
        {keys.data?.items.map((k) => (
          <li key={k.id}>
            {k.name} · created {siteTime(k.createdAt)} · {k.lastUsedAt ? `last used ${siteTime(k.lastUsedAt)}` : 'never used'}
            {k.revokedAt ? (
              ` · revoked ${siteTime(k.revokedAt)}`
            ) : (
              <>
                {' '}
                <button type="button" class="link" aria-label={`Revoke ${k.name}`} onClick={() => run(async () => (await api.delete(`/content-keys/${k.id}`), keys.reload()))}>
                  revoke
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
        <Field label="Key name" name="keyName" value={keyName} onInput={setKeyName} required />{' '}
        <button type="submit">Create key</button>
        <ShownOnce secret={shownKey} />
      </form>
    </>
  );
}
