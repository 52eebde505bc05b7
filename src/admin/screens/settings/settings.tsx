import { useContext, useEffect, useState } from 'preact/hooks';
import { api, ApiError } from '../../api.js';
import { Field, FormError } from '../../components/form.js';
import { SessionContext } from '../../session.js';

interface Provider {
  provider: 'deepl' | 'libretranslate' | 'openai' | null;
  baseUrl: string;
  model: string;
  apiKeyHint: string | null;
}

interface SiteSettings {
  name: string;
  description: string;
  publisherName: string;
  timezone: string;
  languages: string[];
  defaultLanguage: string;
}

/** The site itself: its name, publisher, time zone and languages. */
function SiteSettingsForm() {
  const { refresh } = useContext(SessionContext)!;
  const [site, setSite] = useState<SiteSettings | null>(null);
  const [languages, setLanguages] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const [saved, setSaved] = useState('');
  useEffect(() => {
    api.get<SiteSettings>('/settings').then((s) => (setSite(s), setLanguages(s.languages.join(', '))), setError);
  }, []);
  if (!site) return <FormError error={error} />;
  const save = async (event: Event) => {
    event.preventDefault();
    setError(null);
    try {
      const { name, description, publisherName, timezone, defaultLanguage } = site;
      const list = languages.split(',').map((l) => l.trim()).filter(Boolean);
      setSite(await api.patch<SiteSettings>('/settings', { name, description, publisherName, timezone, defaultLanguage, languages: list }));
      await refresh();
      setSaved('Saved.');
    } catch (caught) {
      setError(caught as ApiError);
    }
  };
  const text = (key: 'name' | 'description' | 'publisherName' | 'timezone' | 'defaultLanguage', label: string) => (
    <Field label={label} name={key} value={site[key]} onInput={(value) => setSite({ ...site, [key]: value })} error={error} />
  );
  return (
    <form class="card" onSubmit={save} aria-label="Site">
      <h2>Site</h2>
      <FormError error={error} />
      {text('name', 'Name')}
      {text('description', 'Description')}
      {text('publisherName', 'Publisher')}
      {text('timezone', 'Time zone (such as Europe/Paris)')}
      <Field label="Languages (BCP 47 tags, comma-separated, in the order readers see them)" name="languages" value={languages} onInput={setLanguages} error={error} />
      {text('defaultLanguage', 'Default language')}
      <button type="submit" class="primary">
        Save
      </button>
      <span role="status"> {saved}</span>
    </form>
  );
}

/** Settings an administrator changes: the site, machine translation and the upload size limit. */
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
      <h1>Settings</h1>
      <SiteSettingsForm />
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
