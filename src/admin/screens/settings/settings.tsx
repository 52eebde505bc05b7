import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api.js';
import { Field, FormError } from '../../components/form.js';

interface Provider {
  provider: 'deepl' | 'libretranslate' | 'openai' | null;
  baseUrl: string;
  model: string;
  apiKeyHint: string | null;
}

/** Newsroom settings: the machine translation provider and the upload size limit. */
export function NewsroomSettings() {
  const [provider, setProvider] = useState<Provider | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [maxUploadMb, setMaxUploadMb] = useState('20');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    api.get<Provider>('/machine-translation').then(setProvider, setError);
    api.get<{ maxUploadMb: number }>('/media/settings').then((s) => setMaxUploadMb(String(s.maxUploadMb)), setError);
  }, []);
  if (!provider) return <FormError error={error} />;

  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      setProvider(
        await api.put<Provider>('/machine-translation', {
          provider: provider.provider,
          baseUrl: provider.baseUrl,
          model: provider.model,
          ...(apiKey ? { apiKey } : {}),
        }),
      );
      await api.patch('/media/settings', { maxUploadMb: Number(maxUploadMb) });
      setApiKey('');
      setSaved('Saved.');
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  return (
    <section>
      <h1>Newsroom settings</h1>
      <form class="card" onSubmit={save}>
        <FormError error={error} />
        <h2>Machine translation</h2>
        <label>
          Provider{' '}
          <select
            name="provider"
            value={provider.provider ?? ''}
            onChange={(e) => setProvider({ ...provider, provider: (e.currentTarget.value || null) as Provider['provider'] })}
          >
            <option value="">None (no machine translation button)</option>
            <option value="deepl">DeepL API</option>
            <option value="libretranslate">LibreTranslate</option>
            <option value="openai">OpenAI-compatible endpoint</option>
          </select>
        </label>
        <Field label="Base URL (empty for the provider's own)" name="baseUrl" type="url" value={provider.baseUrl} onInput={(baseUrl) => setProvider({ ...provider, baseUrl })} error={error} />
        <Field
          label={`API key${provider.apiKeyHint ? ` (stored: ${provider.apiKeyHint}; leave empty to keep it)` : ''}`}
          name="apiKey"
          type="password"
          autocomplete="off"
          value={apiKey}
          onInput={setApiKey}
          error={error}
        />
        {provider.provider === 'openai' && <Field label="Model" name="model" value={provider.model} onInput={(model) => setProvider({ ...provider, model })} />}
        <h2>Media</h2>
        <Field label="Largest upload, in MB" name="maxUploadMb" value={maxUploadMb} onInput={setMaxUploadMb} error={error} />
        <button type="submit" class="primary">
          Save
        </button>
        <span role="status"> {saved}</span>
      </form>
    </section>
  );
}
