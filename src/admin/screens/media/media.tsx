import { useState } from 'preact/hooks';
import { api, ApiError, query } from '../../api.js';
import { FormError } from '../../components/form.js';
import { uploadFile } from '../../components/media-picker.js';
import { useApi } from '../../hooks.js';
import { can, useSession } from '../../session.js';
import type { MediaItem, Page } from '../../types.js';

/** The media library: upload by drag-and-drop or picker, search, describe (alt text, caption, credit). */
export function MediaLibrary() {
  const session = useSession();
  const [search, setSearch] = useState('');
  const list = useApi<Page<MediaItem>>(`/media${query({ q: search, limit: 60 })}`);
  const [error, setError] = useState<ApiError | null>(null);
  const [editing, setEditing] = useState<MediaItem | null>(null);
  const mayUpload = can(session, 'media.upload');

  const upload = async (files: FileList | null | undefined) => {
    setError(null);
    for (const file of Array.from(files ?? [])) {
      try {
        await uploadFile(file);
      } catch (caught) {
        setError(caught as ApiError);
      }
    }
    list.reload();
  };
  const saveDescription = async (event: Event) => {
    event.preventDefault();
    if (!editing) return;
    try {
      await api.patch(`/media/${editing.id}`, { alt: editing.alt, caption: editing.caption, credit: editing.credit });
      setEditing(null);
      list.reload();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  return (
    <section>
      <h1>Media</h1>
      <FormError error={error} />
      {mayUpload && (
        <label class="drop" onDragOver={(e) => e.preventDefault()} onDrop={(e) => (e.preventDefault(), void upload(e.dataTransfer?.files))}>
          Drop pictures here, or choose files (JPEG, PNG, WebP, AVIF, GIF)
          <input type="file" multiple accept="image/jpeg,image/png,image/webp,image/avif,image/gif" onChange={(e) => upload(e.currentTarget.files)} />
        </label>
      )}
      <input type="search" placeholder="Search by name, alt text, caption or credit" aria-label="Search media" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      {editing && (
        <form class="card" onSubmit={saveDescription}>
          <img src={editing.url} alt="" class="preview" />
          {(['alt', 'caption', 'credit'] as const).map((field) => (
            <label key={field}>
              {field === 'alt' ? 'Alternative text' : field[0].toUpperCase() + field.slice(1)}{' '}
              <input name={field} value={editing[field]} onInput={(e) => setEditing({ ...editing, [field]: e.currentTarget.value })} />
            </label>
          ))}
          <button type="submit" class="primary" disabled={!mayUpload}>
            Save
          </button>{' '}
          <button type="button" onClick={() => setEditing(null)}>
            Cancel
          </button>
        </form>
      )}
      <ul class="thumbs large">
        {list.data?.items.map((item) => (
          <li key={item.id}>
            <button type="button" onClick={() => setEditing(item)} title={item.originalName}>
              <img src={item.variants.find((v) => v.format === 'webp')?.url ?? item.url} alt={item.alt || item.originalName} loading="lazy" />
            </button>
            <small>
              {item.originalName || `#${item.id}`} · {item.width}×{item.height}
              {!item.alt && <span class="badge warn">no alt text</span>}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
