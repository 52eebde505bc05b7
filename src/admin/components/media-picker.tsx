import { useEffect, useState } from 'preact/hooks';
import { api, query } from '../api.js';
import { useAction } from '../hooks.js';
import { useText } from '../i18n/index.js';
import type { MediaItem, Page } from '../types.js';
import { FormError } from './form.js';

/** Uploads one file to the media library; the server checks and describes it. */
export async function uploadFile(file: File): Promise<MediaItem> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<MediaItem>('/media', form);
}

interface Props {
  canUpload: boolean;
  /** Ask for a caption (pictures in the text); the featured image has its own fields. */
  withCaption?: boolean;
  onPick(item: MediaItem, caption: string, alt: string): void;
  onCancel(): void;
}

/** Choose a picture: upload one (picker or drag-and-drop) or reuse one from the library. */
export function MediaPicker({ canUpload, withCaption, onPick, onCancel }: Props) {
  const t = useText();
  const [items, setItems] = useState<MediaItem[]>([]);
  const [search, setSearch] = useState('');
  const [chosen, setChosen] = useState<MediaItem | null>(null);
  const [caption, setCaption] = useState('');
  const [alt, setAlt] = useState('');
  const { error, run } = useAction();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void run(async () => setItems((await api.get<Page<MediaItem>>(`/media${query({ q: search, limit: 24 })}`)).items));
  }, [search]);

  const choose = (item: MediaItem) => {
    setChosen(item);
    setAlt(item.alt);
    setCaption(item.caption);
  };
  const upload = async (file: File | undefined) => {
    if (!file) return;
    setBusy(true);
    await run(async () => choose(await uploadFile(file)));
    setBusy(false);
  };

  return (
    <div class="picker" role="dialog" aria-label={t.media.choose}>
      <FormError error={error} />
      {chosen ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            onPick(chosen, caption, alt);
          }}
        >
          <img src={chosen.variants.find((v) => v.format === 'webp')?.url ?? chosen.url} alt="" class="preview" />
          <label>
            {t.media.altWithHint}{' '}
            <input name="alt" value={alt} onInput={(e) => setAlt(e.currentTarget.value)} />
          </label>
          {withCaption && (
            <label>
              {t.media.caption} <input name="caption" value={caption} onInput={(e) => setCaption(e.currentTarget.value)} />
            </label>
          )}
          <button type="submit" class="primary">
            {t.media.use}
          </button>{' '}
          <button type="button" onClick={() => setChosen(null)}>
            {t.media.back}
          </button>
        </form>
      ) : (
        <>
          {canUpload && (
            <label
              class="drop"
              onDragOver={(e) => e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                void upload(e.dataTransfer?.files[0]);
              }}
            >
              {busy ? t.media.uploading : t.media.dropFile}
              <input type="file" name="upload" accept="image/jpeg,image/png,image/webp,image/avif,image/gif" onChange={(e) => upload(e.currentTarget.files?.[0])} />
            </label>
          )}
          <input type="search" placeholder={t.media.searchLibrary} aria-label={t.media.searchLibrary} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
          <ul class="thumbs">
            {items.map((item) => (
              <li key={item.id}>
                <button type="button" onClick={() => choose(item)} title={item.originalName}>
                  <img src={item.variants.find((v) => v.format === 'webp')?.url ?? item.url} alt={item.alt || item.originalName} loading="lazy" />
                </button>
              </li>
            ))}
          </ul>
          <button type="button" onClick={onCancel}>
            {t.common.cancel}
          </button>
        </>
      )}
    </div>
  );
}
