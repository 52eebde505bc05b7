import { Image as ImageIcon } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { FocalPointPicker } from '../../components/focal-point.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { uploadFile } from '../../components/media-picker.js';
import { useAction, useApi } from '../../hooks.js';
import { can, useSession } from '../../session.js';
import type { LibraryItem, Page } from '../../types.js';

/** The media library: upload by drag-and-drop or picker, search, describe (alt text, caption, credit, focal point). */
export function MediaLibrary() {
  const session = useSession();
  const [search, setSearch] = useState('');
  const list = useApi<Page<LibraryItem>>(`/media${query({ q: search, limit: 60 })}`);
  const { error, run, submit } = useAction();
  const [editing, setEditing] = useState<LibraryItem | null>(null);
  const mayUpload = can(session, 'media.upload');

  // Every file is tried; the last refusal is the one shown.
  const upload = (files: FileList | null | undefined) =>
    run(async () => {
      let refused: unknown = null;
      for (const file of Array.from(files ?? [])) await uploadFile(file).catch((caught: unknown) => (refused = caught));
      list.reload();
      if (refused) throw refused;
    });
  const saveDescription = submit(async () => {
    if (!editing) return;
    await api.patch(`/media/${editing.id}`, { alt: editing.alt, caption: editing.caption, credit: editing.credit });
    setEditing(null);
    list.reload();
  });

  return (
    <section>
      <PageHeader title="Media" description="Every picture of the site, with the alternative text, caption and credit it carries into stories." />
      <FormError error={error} />
      {mayUpload && (
        <label class="drop" onDragOver={(e) => e.preventDefault()} onDrop={(e) => (e.preventDefault(), void upload(e.dataTransfer?.files))}>
          Drop pictures here, or choose files (JPEG, PNG, WebP, AVIF, GIF)
          <input type="file" multiple accept="image/jpeg,image/png,image/webp,image/avif,image/gif" onChange={(e) => upload(e.currentTarget.files)} />
        </label>
      )}
      <input type="search" placeholder="Search by name, alt text, caption or credit" aria-label="Search media" value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      {editing && (
        <form class="card" onSubmit={saveDescription} aria-label="Describe the picture">
          <FocalPointPicker key={editing.id} mediaId={editing.id} readOnly={!editing.allowed.describe} />
          {(['alt', 'caption', 'credit'] as const).map((field) => (
            <label key={field}>
              {field === 'alt' ? 'Alternative text' : field[0].toUpperCase() + field.slice(1)}{' '}
              <input name={field} readOnly={!editing.allowed.describe} value={editing[field]} onInput={(e) => setEditing({ ...editing, [field]: e.currentTarget.value })} />
            </label>
          ))}
          {!editing.allowed.describe && (
            <p class="notice" role="note">
              Your role may not change how this picture is described (it is someone else's, or someone else's story uses it); an editor can.
            </p>
          )}
          {editing.allowed.describe && (
            <button type="submit" class="primary">
              Save
            </button>
          )}{' '}
          <button type="button" onClick={() => setEditing(null)}>
            {editing.allowed.describe ? 'Cancel' : 'Close'}
          </button>
        </form>
      )}
      {list.data?.items.length === 0 &&
        (search ? (
          <EmptyState icon={ImageIcon} title="No picture matches this search">Search by file name, alternative text, caption or credit.</EmptyState>
        ) : (
          <EmptyState
            icon={ImageIcon}
            title="No pictures yet"
            action={mayUpload && <button type="button" class="primary" onClick={() => document.querySelector<HTMLInputElement>('.drop input')?.click()}>Upload your first picture</button>}
          >
            Pictures uploaded here or in a story are kept in the library, ready for the next story.
          </EmptyState>
        ))}
      <ul class="thumbs large">
        {list.data?.items.map((item) => (
          <li key={item.id}>
            <button type="button" onClick={() => setEditing(item)} title={item.originalName}>
              <img
                src={item.variants.find((v) => v.format === 'webp')?.url ?? item.url}
                alt={item.alt || item.originalName}
                loading="lazy"
                style={item.focalPoint ? { objectPosition: `${item.focalPoint.x * 100}% ${item.focalPoint.y * 100}%` } : undefined}
              />
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
