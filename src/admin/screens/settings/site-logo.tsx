import { useState } from 'preact/hooks';
import { uploadFile } from '../../components/media-picker.js';
import { FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';
import { useText } from '../../i18n/index.js';

/**
 * The newsroom's logo: shown in the site's header in place of its name, and made into the
 * publisher logo search engines ask for. Uploaded into the media library, which checks the file.
 */
export function SiteLogo({ value, name, onChange, fault }: { value: string; name: string; onChange(url: string): void; fault?: string }) {
  const t = useText();
  const [busy, setBusy] = useState(false);
  const { error, run } = useAction();
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    await run(async () => onChange((await uploadFile(file)).url));
    setBusy(false);
  };
  return (
    <div class="field site-logo-field">
      <span id="logo-label">{t.settings.logo}</span>
      <div class="logo-box" aria-labelledby="logo-label">
        {value ? <img src={value} alt={t.format(t.settings.logoAlt, { name })} /> : <span class="muted">{t.settings.noLogo}</span>}
      </div>
      <div class="inline-form">
        <label class="button">
          {busy ? t.settings.uploading : value ? t.settings.replaceLogo : t.settings.uploadLogo}
          <input class="sr-only" type="file" accept="image/png,image/jpeg,image/webp,image/gif,image/avif" disabled={busy} onChange={(e) => upload(e.currentTarget.files?.[0])} />
        </label>
        {value && (
          <button type="button" onClick={() => onChange('')}>
            {t.settings.removeLogo}
          </button>
        )}
      </div>
      <small>{t.settings.logoHint}</small>
      {fault && <small class="fault">{fault}</small>}
      <FormError error={error} />
    </div>
  );
}
