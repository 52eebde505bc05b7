import { FolderTree, Tag as TagIcon } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { api, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { asApiError, useAction, useApi } from '../../hooks.js';
import { useSession } from '../../session.js';
import type { Section, Tag } from '../../types.js';

/** Sections (a name in each language) and tags (per language): what editors and administrators manage. */
export function Taxonomy() {
  const session = useSession();
  const { languages } = session.site;
  const sections = useApi<{ items: Section[] }>('/sections');
  const menuSize = useApi<{ menuSections: number }>('/settings').data?.menuSections;
  const [language, setLanguage] = useState(session.site.defaultLanguage);
  const tags = useApi<{ items: Tag[] }>(`/tags${query({ language })}`);
  const [names, setNames] = useState<Record<string, string>>({});
  const action = useAction();
  const run = (work: () => Promise<unknown>, after: () => void) => action.run(async () => (await work(), after()));

  const createSection = (event: Event) => {
    event.preventDefault();
    const filled = Object.fromEntries(Object.entries(names).filter(([, name]) => name.trim()).map(([l, name]) => [l, { name }]));
    void run(() => api.post('/sections', { names: filled }), () => (setNames({}), sections.reload()));
  };
  const renameSection = (section: Section, lang: string, name: string) =>
    run(() => api.patch(`/sections/${section.id}`, { names: { [lang]: { name } } }), sections.reload);
  const changeSection = (section: Section, patch: { inMenu?: boolean; parentId?: number | null }) =>
    run(() => api.patch(`/sections/${section.id}`, patch), sections.reload);
  // A box shows its new state while the change is saved, and its old one again if it is refused.
  const [ticked, setTicked] = useState<Record<number, boolean>>({});
  const tick = async (section: Section, inMenu: boolean) => {
    setTicked((now) => ({ ...now, [section.id]: inMenu }));
    try {
      await api.patch(`/sections/${section.id}`, { inMenu });
      sections.reload();
    } catch (caught) {
      setTicked(({ [section.id]: _, ...rest }) => rest);
      action.fail(asApiError(caught));
    }
  };
  const all = sections.data?.items ?? [];
  const label = (section: Section) => section.names[session.site.defaultLanguage]?.name ?? Object.values(section.names)[0]?.name ?? `#${section.id}`;
  /** Swaps a top-level section with its neighbour in the menu's order (positions renumbered). */
  const move = (section: Section, by: number) => {
    const order = all.filter((s) => s.parentId === null);
    const from = order.findIndex((s) => s.id === section.id);
    const to = from + by;
    if (to < 0 || to >= order.length) return;
    [order[from], order[to]] = [order[to], order[from]];
    void run(() => Promise.all(order.map((s, position) => (s.position === position ? null : api.patch(`/sections/${s.id}`, { position })))), sections.reload);
  };
  const menuCount = all.filter((s) => s.parentId === null && s.inMenu).length;
  // Each section under its parent, as the hierarchy reads (the list comes in menu order).
  const tree: Array<{ section: Section; depth: number }> = [];
  const place = (parentId: number | null, depth: number) => {
    for (const section of all.filter((s) => s.parentId === parentId)) {
      if (tree.some((row) => row.section.id === section.id)) continue;
      tree.push({ section, depth });
      place(section.id, depth + 1);
    }
  };
  place(null, 0);
  for (const section of all) if (!tree.some((row) => row.section.id === section.id)) tree.push({ section, depth: 0 });

  return (
    <section>
      <PageHeader title="Sections and tags" description="Sections organise the site and its menu; tags link stories on the same subject." />
      <FormError error={action.error} />
      <h2>Sections</h2>
      {menuSize !== undefined && <p class="muted">
        The site's menu shows the top-level sections ticked <em>In menu</em>, in this order, at most {menuSize} (an administrator changes the
        number in Settings). {menuCount > menuSize ? `${menuCount - menuSize} ticked sections do not fit.` : ''}
      </p>}
      {sections.data?.items.length === 0 && (
        <EmptyState icon={FolderTree} title="No sections yet" action={<button type="button" class="primary" onClick={() => document.querySelector<HTMLInputElement>('form[aria-label="New section"] input')?.focus()}>Name your first section</button>}>
          Sections such as Politics or Sport group stories, and those ticked In menu make the site's menu.
        </EmptyState>
      )}
      {!!sections.data?.items.length && (
      <table class="sections-table">
        <thead>
          <tr>
            {languages.map((l) => (
              <th key={l}>{l}</th>
            ))}
            <th>Parent</th>
            <th>In menu</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tree.map(({ section: s, depth }) => (
            <tr key={s.id} class={depth ? `depth-${Math.min(depth, 3)}` : undefined}>
              {languages.map((l) => (
                <td key={l}>
                  <input
                    aria-label={`Name of section ${s.id} in ${l}`}
                    value={s.names[l]?.name ?? ''}
                    placeholder="—"
                    onChange={(e) => e.currentTarget.value.trim() && renameSection(s, l, e.currentTarget.value)}
                  />
                </td>
              ))}
              <td>
                <select aria-label={`Parent of ${label(s)}`} value={s.parentId ?? ''} onChange={(e) => changeSection(s, { parentId: e.currentTarget.value ? Number(e.currentTarget.value) : null })}>
                  <option value="">None (top level)</option>
                  {all
                    .filter((other) => other.id !== s.id)
                    .map((other) => (
                      <option key={other.id} value={other.id}>
                        {label(other)}
                      </option>
                    ))}
                </select>
              </td>
              <td>
                {s.parentId === null ? (
                  <span class="row-actions">
                    <input type="checkbox" aria-label={`${label(s)} in the menu`} checked={ticked[s.id] ?? s.inMenu} onChange={(e) => void tick(s, e.currentTarget.checked)} />
                    <button type="button" aria-label={`Move ${label(s)} up`} onClick={() => move(s, -1)}>
                      ↑
                    </button>
                    <button type="button" aria-label={`Move ${label(s)} down`} onClick={() => move(s, 1)}>
                      ↓
                    </button>
                  </span>
                ) : (
                  <span class="muted">sub-section</span>
                )}
              </td>
              <td>
                <button type="button" onClick={() => confirm('Delete this section? Its stories keep existing without a section.') && run(() => api.delete(`/sections/${s.id}`), sections.reload)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
      <form class="inline-form" onSubmit={createSection} aria-label="New section">
        {languages.map((l) => (
          <input key={l} aria-label={`New section name in ${l}`} placeholder={`Name in ${l}`} value={names[l] ?? ''} onInput={(e) => setNames({ ...names, [l]: e.currentTarget.value })} />
        ))}
        <button type="submit">Add section</button>
      </form>

      <h2>Tags</h2>
      <label>
        Language{' '}
        <select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          {languages.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      {tags.data?.items.length === 0 && (
        <EmptyState icon={TagIcon} title="No tags in this language yet">Tags are added from a story's side panel, where the editor suggests them from its text.</EmptyState>
      )}
      <ul class="chips">
        {tags.data?.items.map((t) => (
          <li key={t.id}>
            {t.name}{' '}
            <button
              type="button"
              class="link"
              aria-label={`Rename tag ${t.name}`}
              onClick={() => {
                const name = prompt('New name', t.name);
                if (name?.trim()) void run(() => api.patch(`/tags/${t.id}`, { name }), tags.reload);
              }}
            >
              ✎
            </button>{' '}
            <button type="button" class="link" aria-label={`Delete tag ${t.name}`} onClick={() => confirm(`Delete the tag ${t.name}?`) && run(() => api.delete(`/tags/${t.id}`), tags.reload)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
