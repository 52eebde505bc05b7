import { FolderTree, Tag as TagIcon } from 'lucide-preact';
import { useState } from 'preact/hooks';
import { directionOf } from '../../../content/languages.js';
import { api, query } from '../../api.js';
import { EmptyState } from '../../components/empty-state.js';
import { FormError } from '../../components/form.js';
import { PageHeader } from '../../components/page-header.js';
import { asApiError, useAction, useApi } from '../../hooks.js';
import { fill } from '../../i18n/fill.js';
import { useText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import type { Section, Tag } from '../../types.js';

/** Sections (a name in each language) and tags (per language): what editors and administrators manage. */
export function Taxonomy() {
  const session = useSession();
  const t = useText();
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
      <PageHeader title={t.taxonomy.title} description={t.taxonomy.intro} />
      <FormError error={action.error} />
      <h2>{t.taxonomy.sections}</h2>
      {menuSize !== undefined && (
        <p class="muted">
          {fill(t.taxonomy.menuNote, { inMenu: <em>{t.taxonomy.inMenu}</em>, max: menuSize })}
          {menuCount > menuSize && ` ${t.plural(menuCount - menuSize, t.taxonomy.tooMany)}`}
        </p>
      )}
      {sections.data?.items.length === 0 && (
        <EmptyState
          icon={FolderTree}
          title={t.taxonomy.noSections}
          action={
            <button type="button" class="primary" onClick={() => document.querySelector<HTMLInputElement>('#new-section input')?.focus()}>
              {t.taxonomy.nameFirst}
            </button>
          }
        >
          {t.format(t.taxonomy.noSectionsHint, { inMenu: t.taxonomy.inMenu })}
        </EmptyState>
      )}
      {!!sections.data?.items.length && (
      <table class="sections-table">
        <thead>
          <tr>
            {languages.map((l) => (
              <th key={l}>{l}</th>
            ))}
            <th>{t.taxonomy.parent}</th>
            <th>{t.taxonomy.inMenu}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {tree.map(({ section: s, depth }) => (
            <tr key={s.id} class={depth ? `depth-${Math.min(depth, 3)}` : undefined}>
              {languages.map((l) => (
                <td key={l}>
                  <input
                    lang={l}
                    dir={directionOf(l)}
                    aria-label={t.format(t.taxonomy.sectionNameIn, { id: s.id, language: l })}
                    value={s.names[l]?.name ?? ''}
                    placeholder="—"
                    onChange={(e) => e.currentTarget.value.trim() && renameSection(s, l, e.currentTarget.value)}
                  />
                </td>
              ))}
              <td>
                <select aria-label={t.format(t.taxonomy.parentOf, { name: label(s) })} value={s.parentId ?? ''} onChange={(e) => changeSection(s, { parentId: e.currentTarget.value ? Number(e.currentTarget.value) : null })}>
                  <option value="">{t.taxonomy.topLevel}</option>
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
                    <input type="checkbox" aria-label={t.format(t.taxonomy.inTheMenu, { name: label(s) })} checked={ticked[s.id] ?? s.inMenu} onChange={(e) => void tick(s, e.currentTarget.checked)} />
                    <button type="button" aria-label={t.format(t.common.moveUp, { name: label(s) })} onClick={() => move(s, -1)}>
                      ↑
                    </button>
                    <button type="button" aria-label={t.format(t.common.moveDown, { name: label(s) })} onClick={() => move(s, 1)}>
                      ↓
                    </button>
                  </span>
                ) : (
                  <span class="muted">{t.taxonomy.subSection}</span>
                )}
              </td>
              <td>
                <button type="button" onClick={() => confirm(t.taxonomy.deleteSectionConfirm) && run(() => api.delete(`/sections/${s.id}`), sections.reload)}>
                  {t.taxonomy.delete}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      )}
      <form id="new-section" class="inline-form" onSubmit={createSection} aria-label={t.taxonomy.newSection}>
        {languages.map((l) => (
          <input
            key={l}
            lang={l}
            dir={directionOf(l)}
            aria-label={t.format(t.taxonomy.newSectionNameIn, { language: l })}
            placeholder={t.format(t.taxonomy.nameIn, { language: l })}
            value={names[l] ?? ''}
            onInput={(e) => setNames({ ...names, [l]: e.currentTarget.value })}
          />
        ))}
        <button type="submit">{t.taxonomy.addSection}</button>
      </form>

      <h2>{t.taxonomy.tags}</h2>
      <label>
        {t.taxonomy.language}{' '}
        <select value={language} onChange={(e) => setLanguage(e.currentTarget.value)}>
          {languages.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
      </label>
      {tags.data?.items.length === 0 && (
        <EmptyState icon={TagIcon} title={t.taxonomy.noTags}>
          {t.taxonomy.noTagsHint}
        </EmptyState>
      )}
      <ul class="chips">
        {tags.data?.items.map((tag) => (
          <li key={tag.id}>
            {tag.name}{' '}
            <button
              type="button"
              class="link"
              aria-label={t.format(t.taxonomy.renameTag, { name: tag.name })}
              onClick={() => {
                const name = prompt(t.taxonomy.newName, tag.name);
                if (name?.trim()) void run(() => api.patch(`/tags/${tag.id}`, { name }), tags.reload);
              }}
            >
              ✎
            </button>{' '}
            <button
              type="button"
              class="link"
              aria-label={t.format(t.taxonomy.deleteTag, { name: tag.name })}
              onClick={() => confirm(t.format(t.taxonomy.deleteTagConfirm, { name: tag.name })) && run(() => api.delete(`/tags/${tag.id}`), tags.reload)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
