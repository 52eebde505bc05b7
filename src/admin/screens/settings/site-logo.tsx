import { useState } from 'preact/hooks';
import { uploadFile } from '../../components/media-picker.js';
import { FormError } from '../../components/form.js';
import { useAction } from '../../hooks.js';

/**
 * The newsroom's logo: shown in the site's header in place of its name, and made into the
 * publisher logo search engines ask for. Uploaded into the media library, which checks the file.
 */
export function SiteLogo({ value, name, onChange, fault }: { value: string; name: string; onChange(url: string): void; fault?: string }) {
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
      <span id="logo-label">Logo</span>
      <div class="logo-box" aria-labelledby="logo-label">
        {value ? <img src={value} alt={`${name} logo`} /> : <span class="muted">No logo: the site shows its name in the header.</span>}
      </div>
      <div class="inline-form">
        <label class="button">
          {busy ? 'Uploading…' : value ? 'Replace the logo' : 'Upload a logo'}
          <input class="sr-only" type="file" accept="image/png,image/jpeg,image/webp,image/gif,image/avif" disabled={busy} onChange={(e) => upload(e.currentTarget.files?.[0])} />
        </label>
        {value && (
          <button type="button" onClick={() => onChange('')}>
            Remove the logo
          </button>
        )}
      </div>
      <small>A wide picture on a transparent or white background works best; it is shown 40 pixels high.</small>
      {fault && <small class="fault">{fault}</small>}
      <FormError error={error} />
    </div>
  );
}
