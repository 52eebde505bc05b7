import { useContext, useEffect, useState } from 'preact/hooks';
import { api } from '../../api.js';
import { useAction } from '../../hooks.js';
import { Field, FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { useText } from '../../i18n/index.js';
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
  /** Each language edition is a fediverse account (@fr@host). */
  federation: boolean;
  /** Follow requests wait for an editor's approval on the Fediverse screen. */
  federationFollowApproval: boolean;
  /** Readers counted by the site's own cookieless beacon (src/analytics/). */
  analytics: boolean;
  /** Settings the server's configuration decides (HERALD_BASE_URL): shown, not changed here. */
  configured: string[];
}

/** The default edition's handle, as readers type it into Mastodon (src/federation/paths.ts). */
function fediverseHandle(site: SiteSettings): string {
  const host = URL.canParse(site.baseUrl) ? new URL(site.baseUrl).host : 'news.example';
  // Isolated left to right, so that Arabic text around it does not move its @ signs.
  return `\u2066@${site.defaultLanguage}@${host}\u2069`;
}

/** The site itself: its name, logo, address, time zone and languages. */
function SiteSettingsForm() {
  const { refresh } = useContext(SessionContext)!;
  const t = useText();
  const [site, setSite] = useState<SiteSettings | null>(null);
  const { error, run, submit } = useAction();
  const [saved, setSaved] = useState(false);
  useEffect(() => void run(async () => setSite(await api.get<SiteSettings>('/settings'))), []);
  if (!site) return <FormError error={error} />;
  const fault = (field: string) => error?.fields.find((f) => f.field === field || f.field.startsWith(`${field}.`))?.message;
  const change = (patch: Partial<SiteSettings>) => (setSite({ ...site, ...patch }), setSaved(false));
  const baseUrlFixed = site.configured.includes('baseUrl');
  const save = submit(async () => {
    const { name, description, publisherName, publisherLogo, baseUrl, timezone, languages, defaultLanguage, menuSections, federation, federationFollowApproval, analytics } = site;
    setSite(
      await api.patch<SiteSettings>('/settings', {
        name, description, publisherName, publisherLogo, timezone, languages, defaultLanguage, menuSections, federation, federationFollowApproval, analytics,
        ...(baseUrlFixed ? {} : { baseUrl }),
      }),
    );
    await refresh();
    setSaved(true);
  });
  // The site's own words, in whichever language the newsroom writes them: right to left when they are Arabic.
  const text = (key: 'name' | 'description' | 'publisherName', label: string, hint?: string) => (
    <Field label={label} name={key} value={site[key]} onInput={(value) => change({ [key]: value })} error={error} hint={hint} dir="auto" />
  );
  return (
    <form class="card settings-form" onSubmit={save} aria-label={t.settings.site}>
      <h2>{t.settings.site}</h2>
      <FormError error={error} />
      {text('name', t.settings.name)}
      {text('description', t.settings.description, t.settings.descriptionHint)}
      {text('publisherName', t.settings.publisher, t.settings.publisherHint)}
      <SiteLogo value={site.publisherLogo} name={site.name} onChange={(publisherLogo) => change({ publisherLogo })} fault={fault('publisherLogo')} />
      <Field
        label={t.settings.baseUrl}
        name="baseUrl"
        type="url"
        value={site.baseUrl}
        onInput={(baseUrl) => change({ baseUrl })}
        error={error}
        disabled={baseUrlFixed}
        hint={baseUrlFixed ? t.settings.baseUrlFixed : t.settings.baseUrlHint}
      />
      <TimeZonePicker value={site.timezone} onChange={(timezone) => change({ timezone })} fault={fault('timezone')} />
      <SiteLanguages
        languages={site.languages}
        defaultLanguage={site.defaultLanguage}
        onChange={(languages, defaultLanguage) => change({ languages, defaultLanguage })}
        fault={fault('languages') ?? fault('defaultLanguage')}
      />
      <Field
        label={t.settings.menuSections}
        name="menuSections"
        type="number"
        value={String(site.menuSections)}
        onInput={(value) => change({ menuSections: value.trim() === '' ? Number.NaN : Number(value) })}
        error={error}
        hint={t.format(t.settings.menuSectionsHint, { screen: t.taxonomy.title })}
      />
      <div class="field">
        <label>
          <input type="checkbox" name="federation" checked={site.federation} onChange={(e) => change({ federation: e.currentTarget.checked })} aria-describedby="federation-hint" />{' '}
          {t.settings.federation}
        </label>
        <small id="federation-hint">{t.format(t.settings.federationHint, { handle: fediverseHandle(site) })}</small>
      </div>
      <div class="field">
        <label>
          <input
            type="checkbox"
            name="federationFollowApproval"
            checked={site.federationFollowApproval}
            onChange={(e) => change({ federationFollowApproval: e.currentTarget.checked })}
            aria-describedby="follow-approval-hint"
          />{' '}
          {t.settings.followApproval}
        </label>
        <small id="follow-approval-hint">{t.format(t.settings.followApprovalHint, { screen: t.nav.fediverse })}</small>
      </div>
      <div class="field">
        <label>
          <input type="checkbox" name="analytics" checked={site.analytics} onChange={(e) => change({ analytics: e.currentTarget.checked })} aria-describedby="analytics-hint" />{' '}
          {t.settings.analytics}
        </label>
        <small id="analytics-hint">{t.settings.analyticsHint}</small>
      </div>
      <button type="submit" class="primary">
        {t.common.save}
      </button>
      <span role="status"> {saved && t.settings.saved}</span>
    </form>
  );
}

/** Settings an administrator changes: the site, machine translation and the upload size limit. */
export function NewsroomSettings() {
  const t = useText();
  const [provider, setProvider] = useState<Provider | null>(null);
  const [apiKey, setApiKey] = useState('');
  const [maxUploadMb, setMaxUploadMb] = useState('20');
  const { error, run, submit } = useAction();
  const [saved, setSaved] = useState(false);
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
    setSaved(true);
  });

  return (
    <section>
      <PageHeader title={t.nav.settings} description={t.settings.intro} />
      <SiteSettingsForm />
      <form class="card settings-form" onSubmit={save}>
        <FormError error={error} />
        <h2>{t.settings.machineTranslation}</h2>
        <label>
          {t.settings.provider}{' '}
          <select
            name="provider"
            value={provider.provider ?? ''}
            onChange={(e) => setProvider({ ...provider, provider: (e.currentTarget.value || null) as Provider['provider'] })}
          >
            <option value="">{t.settings.providerNone}</option>
            <option value="deepl">DeepL API</option>
            <option value="libretranslate">LibreTranslate</option>
            <option value="openai">{t.settings.providerOpenai}</option>
          </select>
        </label>
        <Field label={t.settings.providerBaseUrl} name="baseUrl" type="url" value={provider.baseUrl} onInput={(baseUrl) => setProvider({ ...provider, baseUrl })} error={error} />
        <Field
          label={provider.apiKeyHint ? t.format(t.settings.apiKeyStored, { hint: provider.apiKeyHint }) : t.settings.apiKey}
          name="apiKey"
          type="password"
          autocomplete="off"
          value={apiKey}
          onInput={setApiKey}
          error={error}
        />
        {provider.provider === 'openai' && <Field label={t.settings.model} name="model" value={provider.model} onInput={(model) => setProvider({ ...provider, model })} />}
        <h2>{t.nav.media}</h2>
        <Field label={t.settings.maxUpload} name="maxUploadMb" value={maxUploadMb} onInput={setMaxUploadMb} error={error} />
        <button type="submit" class="primary">
          {t.common.save}
        </button>
        <span role="status"> {saved && t.settings.saved}</span>
      </form>
    </section>
  );
}
