import { useEffect, useState } from 'preact/hooks';
import { useText, type AdminText } from '../../i18n/index.js';
import { useSession } from '../../session.js';
import type { Section, StaffMember } from '../../types.js';
import type { Filters } from './stories-query.js';

export function sectionName(section: Section, language: string, t: AdminText): string {
  return section.names[language]?.name ?? Object.values(section.names)[0]?.name ?? t.format(t.stories.sectionNumber, { id: section.id });
}

/** The status filter's choices: the statuses, with where a draft stands in its review among them. */
const STATUSES = ['draft', 'submitted', 'returned', 'scheduled', 'published', 'expired'] as const;
const TRANSLATION_STATES = ['missing', 'in-progress', 'outdated'] as const;

function statusChange(value: string): Filters {
  return value === 'submitted' || value === 'returned' ? { review: value, status: '' } : { status: value, review: '' };
}

interface Props {
  filters: Filters;
  sections: Section[];
  staff: StaffMember[];
  onChange(change: Filters): void;
}

/** The search box and the filters; the search follows typing a moment after it stops. */
export function StoriesFilters({ filters, sections, staff, onChange }: Props) {
  const session = useSession();
  const t = useText();
  const words = t.stories;
  const [text, setText] = useState(filters.q ?? '');
  useEffect(() => setText(filters.q ?? ''), [filters.q]);
  useEffect(() => {
    if (text.trim() === (filters.q ?? '')) return;
    const timer = setTimeout(() => onChange({ q: text.trim() }), 300);
    return () => clearTimeout(timer);
  }, [text]);
  const select = (name: keyof Filters, label: string, options: Array<[string, string]>) => (
    <select name={name} aria-label={label} value={filters[name] ?? ''} onChange={(e) => onChange({ [name]: e.currentTarget.value })}>
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </select>
  );
  return (
    <form class="stories-filters" role="search" onSubmit={(e) => (e.preventDefault(), onChange({ q: text.trim() }))}>
      <input type="search" name="q" aria-label={words.searchHeadlines} placeholder={words.searchHeadlines} value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {select('language', words.language, [['', words.everyLanguage], ...session.site.languages.map((l): [string, string] => [l, l])])}
      {/* Where a draft stands in its review is offered among the statuses (the dashboard links to `?review=submitted`). */}
      <select name="status" aria-label={words.status} value={filters.review ?? filters.status ?? ''} onChange={(e) => onChange(statusChange(e.currentTarget.value))}>
        <option value="">{words.everyStatus}</option>
        {STATUSES.map((value) => (
          <option key={value} value={value}>
            {words[`filter_${value}`]}
          </option>
        ))}
      </select>
      {select('section', words.section, [['', words.everySection], ...sections.map((s): [string, string] => [String(s.id), sectionName(s, session.site.defaultLanguage, t)])])}
      {select('author', words.author, [['', words.everyAuthor], ...staff.map((p): [string, string] => [String(p.id), p.name])])}
      {select('translation', words.translation, [['', words.anyTranslation], ...TRANSLATION_STATES.map((state): [string, string] => [state, words[`translation_${state}`]])])}
    </form>
  );
}
