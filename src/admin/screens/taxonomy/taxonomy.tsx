import { useState } from 'preact/hooks';
import { api, ApiError, query } from '../../api.js';
import { FormError } from '../../components/form.js';
import { useApi } from '../../hooks.js';
import { useSession } from '../../session.js';
import type { Section, Tag } from '../../types.js';

/** Sections (a name in each language) and tags (per language): what editors and administrators manage. */
export function Taxonomy() {
  const session = useSession();
  const { languages } = session.site;
  const sections = useApi<{ items: Section[] }>('/sections');
  const [language, setLanguage] = useState(session.site.defaultLanguage);
  const tags = useApi<{ items: Tag[] }>(`/tags${query({ language })}`);
  const [names, setNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<ApiError | null>(null);
  const run = async (work: () => Promise<unknown>, after: () => void) => {
    setError(null);
    try {
      await work();
      after();
    } catch (caught) {
      setError(caught as ApiError);
    }
  };

  const createSection = (event: Event) => {
    event.preventDefault();
    const filled = Object.fromEntries(Object.entries(names).filter(([, name]) => name.trim()).map(([l, name]) => [l, { name }]));
    void run(() => api.post('/sections', { names: filled }), () => (setNames({}), sections.reload()));
  };
  const renameSection = (section: Section, lang: string, name: string) =>
    run(() => api.patch(`/sections/${section.id}`, { names: { [lang]: { name } } }), sections.reload);

  return (
    <section>
      <h1>Sections and tags</h1>
      <FormError error={error} />
      <h2>Sections</h2>
      <table>
        <thead>
          <tr>
            {languages.map((l) => (
              <th key={l}>{l}</th>
            ))}
            <th />
          </tr>
        </thead>
        <tbody>
          {sections.data?.items.map((s) => (
            <tr key={s.id}>
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
                <button type="button" onClick={() => confirm('Delete this section? Its stories keep existing without a section.') && run(() => api.delete(`/sections/${s.id}`), sections.reload)}>
                  Delete
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
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
