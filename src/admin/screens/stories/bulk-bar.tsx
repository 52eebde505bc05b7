import { useState } from 'preact/hooks';
import type { Article, Section } from '../../types.js';
import { sectionName } from './stories-filters.js';

export type BulkAction = 'publish' | 'unpublish' | 'trash' | 'section';

/** Each action, what it is called and what a story must allow for it. */
const ACTIONS: Array<{ action: Exclude<BulkAction, 'section'>; label: string; allowed: keyof Article['allowed'] }> = [
  { action: 'publish', label: 'Publish', allowed: 'publish' },
  { action: 'unpublish', label: 'Unpublish', allowed: 'unpublish' },
  { action: 'trash', label: 'Move to trash', allowed: 'trash' },
];

/** What an action did, as the outcome says it. */
export const DONE: Record<BulkAction, string> = { publish: 'Published', unpublish: 'Unpublished', trash: 'Moved to the trash', section: 'Moved to the section' };

interface Props {
  selected: Article[];
  sections: Section[];
  language: string;
  onAct(action: BulkAction, section?: number | null): void;
  onClear(): void;
}

/** Offers only what every selected story allows, so nothing offered is refused for want of a permission. */
export function BulkBar({ selected, sections, language, onAct, onClear }: Props) {
  const [section, setSection] = useState('');
  const all = (flag: keyof Article['allowed']) => selected.every((a) => a.allowed[flag]);
  // Publishing what is all published, or unpublishing drafts only, would change nothing: not offered.
  const changes = (action: BulkAction) =>
    action === 'publish' ? selected.some((a) => a.status !== 'published') : action === 'unpublish' ? selected.some((a) => a.status !== 'draft') : true;
  const offered = ACTIONS.filter((a) => all(a.allowed) && changes(a.action));
  return (
    <div class="bulk-bar" role="region" aria-label="Selected stories">
      <strong>{selected.length} selected</strong>
      {offered.map((a) => (
        <button type="button" key={a.action} onClick={() => onAct(a.action)}>
          {a.label}
        </button>
      ))}
      {all('edit') && (
        <span class="bulk-section">
          <select aria-label="New section" value={section} onChange={(e) => setSection(e.currentTarget.value)}>
            <option value="">No section</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {sectionName(s, language)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => onAct('section', section ? Number(section) : null)}>
            Move to section
          </button>
        </span>
      )}
      {offered.length === 0 && !all('edit') && <span class="muted">Nothing you may do to all of them at once.</span>}
      <button type="button" class="link" onClick={onClear}>
        Clear selection
      </button>
    </div>
  );
}
