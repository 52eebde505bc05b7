import { Image as ImageIcon } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { FocalPointPicker } from '../../components/focal-point.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { uploadFile } from '../../components/media-picker.js';
import { useAction, useApi } from '../../hooks.js';
import { useText } from '../../i18n/index.js';
import { can, useSession } from '../../session.js';
import type { LibraryItem, Page } from '../../types.js';

/** The media library: upload by drag-and-drop or picker, search, describe (alt text, caption, credit, focal point). */
export function MediaLibrary() {
  const session = useSession();
  const t = useText();
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
      <PageHeader title={t.nav.media} description={t.media.description} />
      <FormError error={error} />
      {mayUpload && (
        <label class="drop" onDragOver={(e) => e.preventDefault()} onDrop={(e) => (e.preventDefault(), void upload(e.dataTransfer?.files))}>
          {t.media.dropFiles}
          <input type="file" multiple accept="image/jpeg,image/png,image/webp,image/avif,image/gif" onChange={(e) => upload(e.currentTarget.files)} />
        </label>
      )}
      <input type="search" placeholder={t.media.searchPlaceholder} aria-label={t.media.searchLabel} value={search} onInput={(e) => setSearch(e.currentTarget.value)} />
      {editing && (
        <form class="card" onSubmit={saveDescription} aria-label={t.media.describe}>
          <FocalPointPicker key={editing.id} mediaId={editing.id} readOnly={!editing.allowed.describe} />
          {(['alt', 'caption', 'credit'] as const).map((field) => (
            <label key={field}>
              {t.media[field]}{' '}
              <input name={field} readOnly={!editing.allowed.describe} value={editing[field]} onInput={(e) => setEditing({ ...editing, [field]: e.currentTarget.value })} />
            </label>
          ))}
          {!editing.allowed.describe && (
            <p class="notice" role="note">
              {t.media.describeRefused}
            </p>
          )}
          {editing.allowed.describe && (
            <button type="submit" class="primary">
              {t.common.save}
            </button>
          )}{' '}
          <button type="button" onClick={() => setEditing(null)}>
            {editing.allowed.describe ? t.common.cancel : t.common.close}
          </button>
        </form>
      )}
      {list.data?.items.length === 0 &&
        (search ? (
          <EmptyState icon={ImageIcon} title={t.media.noMatch}>
            {t.media.noMatchHint}
          </EmptyState>
        ) : (
          <EmptyState
            icon={ImageIcon}
            title={t.media.empty}
            action={
              mayUpload && (
                <button type="button" class="primary" onClick={() => document.querySelector<HTMLInputElement>('.drop input')?.click()}>
                  {t.media.uploadFirst}
                </button>
              )
            }
          >
            {t.media.emptyHint}
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
              {!item.alt && <span class="badge warn">{t.media.noAlt}</span>}
            </small>
          </li>
        ))}
      </ul>
    </section>
  );
}
