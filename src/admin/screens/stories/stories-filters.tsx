import { useEffect, useState } from 'preact/hooks';
import { useSession } from '../../session.js';
import type { Section, StaffMember } from '../../types.js';
import type { Filters } from './stories-query.js';

export function sectionName(section: Section, language: string): string {
  return section.names[language]?.name ?? Object.values(section.names)[0]?.name ?? `Section ${section.id}`;
}

const STATUSES: Array<[string, string]> = [
  ['', 'Every status'],
  ['draft', 'Drafts'],
  ['submitted', 'In review'],
  ['returned', 'Sent back'],
  ['scheduled', 'Scheduled'],
  ['published', 'Published'],
];

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
      <input type="search" name="q" aria-label="Search headlines" placeholder="Search headlines" value={text} onInput={(e) => setText(e.currentTarget.value)} />
      {select('language', 'Language', [['', 'Every language'], ...session.site.languages.map((l): [string, string] => [l, l])])}
      {/* Where a draft stands in its review is offered among the statuses (the dashboard links to `?review=submitted`). */}
      <select name="status" aria-label="Status" value={filters.review ?? filters.status ?? ''} onChange={(e) => onChange(statusChange(e.currentTarget.value))}>
        {STATUSES.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
      {select('section', 'Section', [['', 'Every section'], ...sections.map((s): [string, string] => [String(s.id), sectionName(s, session.site.defaultLanguage)])])}
      {select('author', 'Author', [['', 'Every author'], ...staff.map((p): [string, string] => [String(p.id), p.name])])}
      {select('translation', 'Translation', [['', 'Any translation state'], ['missing', 'Missing a language'], ['in-progress', 'Translation in progress'], ['outdated', 'Translation outdated']])}
    </form>
  );
}
