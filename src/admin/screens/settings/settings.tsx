import { useContext, useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { useAction } from '../../hooks.js';
import { Field, FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { SessionContext } from '../../session.js';
import { SiteLanguages } from './site-languages.js';
import { SiteLogo } from './site-logo.js';
import { TimeZonePicker } from './time-zone.js';

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
  publisherLogo: string;
  baseUrl: string;
  timezone: string;
  languages: string[];
  defaultLanguage: string;
  menuSections: number;
  /** Settings the server's configuration decides (HERALD_BASE_URL): shown, not changed here. */
  configured: string[];
}

/** The site itself: its name, logo, address, time zone and languages. */
function SiteSettingsForm() {
  const { refresh } = useContext(SessionContext)!;
  const [site, setSite] = useState<SiteSettings | null>(null);
  const { error, run, submit } = useAction();
  const [saved, setSaved] = useState('');
  useEffect(() => void run(async () => setSite(await api.get<SiteSettings>('/settings'))), []);
  if (!site) return <FormError error={error} />;
  const fault = (field: string) => error?.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
  const change = (patch: Partial<SiteSettings>) => (setSite({ ...site, ...patch }), setSaved(''));
  const baseUrlFixed = site.configured.includes('baseUrl');
  const save = submit(async () => {
    const { name, description, publisherName, publisherLogo, baseUrl, timezone, languages, defaultLanguage, menuSections } = site;
    setSite(
      await api.patch<SiteSettings>('/settings', {
        name, description, publisherName, publisherLogo, timezone, languages, defaultLanguage, menuSections,
        ...(baseUrlFixed ? {} : { baseUrl }),
      }),
    );
    await refresh();
    setSaved('Saved.');
  });
  const text = (key: 'name' | 'description' | 'publisherName', label: string, hint?: string) => (
    <Field label={label} name={key} value={site[key]} onInput={(value) => change({ [key]: value })} error={error} hint={hint} />
  );
  return (
    <form class="card settings-form" onSubmit={save} aria-label="Site">
      <h2>Site</h2>
      <FormError error={error} />
      {text('name', 'Name')}
      {text('description', 'Description', 'Shown under the name on the home page, and by search engines and social networks.')}
      {text('publisherName', 'Publisher', 'The organisation that publishes the site, as search engines show it.')}
      <SiteLogo value={site.publisherLogo} name={site.name} onChange={(publisherLogo) => change({ publisherLogo })} fault={fault('publisherLogo')} />
      <Field
        label="Address of the site"
        name="baseUrl"
        type="url"
        value={site.baseUrl}
        onInput={(baseUrl) => change({ baseUrl })}
        error={error}
        disabled={baseUrlFixed}
        hint={
          baseUrlFixed
            ? "Set by the server's configuration (HERALD_BASE_URL): change it there."
            : 'The public address readers use, such as https://news.example. Links in feeds, sitemaps and e-mails start with it.'
        }
      />
      <TimeZonePicker value={site.timezone} onChange={(timezone) => change({ timezone })} fault={fault('timezone')} />
      <SiteLanguages
        languages={site.languages}
        defaultLanguage={site.defaultLanguage}
        onChange={(languages, defaultLanguage) => change({ languages, defaultLanguage })}
        fault={fault('languages') ?? fault('defaultLanguage')}
      />
      <Field
        label="Sections in the menu, at most"
        name="menuSections"
        type="number"
        value={String(site.menuSections)}
        onInput={(value) => change({ menuSections: value.trim() === '' ? Number.NaN : Number(value) })}
        error={error}
        hint="The first top-level sections ticked for the menu under Sections and tags; 0 shows no menu."
      />
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
  const { error, run, submit } = useAction();
  const [saved, setSaved] = useState('');
  useEffect(
    () =>
      void run(async () => {
        const [loaded, media] = await Promise.all([api.get<Provider>('/machine-translation'), api.get<{ maxUploadMb: number }>('/media/settings')]);
        setProvider(loaded);
        setMaxUploadMb(String(media.maxUploadMb));
      }),
    [],
  );
  if (!provider) return <FormError error={error} />;

  const save = submit(async () => {
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
  });

  return (
    <section>
      <PageHeader title="Settings" description="The site's name, languages and time zone, machine translation and uploads." />
      <SiteSettingsForm />
      <form class="card settings-form" onSubmit={save}>
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
