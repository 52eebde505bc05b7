import { useState } from 'preact/hooks';
import { useText } from '../../i18n/index.js';
import type { Article, Section } from '../../types.js';
import { sectionName } from './stories-filters.js';

export type BulkAction = 'publish' | 'unpublish' | 'trash' | 'section';

/** Each action, the word naming it and what a story must allow for it. */
const ACTIONS: Array<{ action: Exclude<BulkAction, 'section'>; label: 'publish' | 'unpublish' | 'moveToTrash'; allowed: keyof Article['allowed'] }> = [
  { action: 'publish', label: 'publish', allowed: 'publish' },
  { action: 'unpublish', label: 'unpublish', allowed: 'unpublish' },
  { action: 'trash', label: 'moveToTrash', allowed: 'trash' },
];

interface Props {
  selected: Article[];
  sections: Section[];
  language: string;
  onAct(action: BulkAction, section?: number | null): void;
  onClear(): void;
}

/** Offers only what every selected story allows, so nothing offered is refused for want of a permission. */
export function BulkBar({ selected, sections, language, onAct, onClear }: Props) {
  const t = useText();
  const [section, setSection] = useState('');
  const all = (flag: keyof Article['allowed']) => selected.every((a) => a.allowed[flag]);
  // Publishing what is all published, or unpublishing drafts only, would change nothing: not offered.
  const changes = (action: BulkAction) =>
    action === 'publish' ? selected.some((a) => a.status !== 'published') : action === 'unpublish' ? selected.some((a) => a.status !== 'draft') : true;
  const offered = ACTIONS.filter((a) => all(a.allowed) && changes(a.action));
  return (
    <div class="bulk-bar" role="region" aria-label={t.stories.selectedStories}>
      <strong>{t.plural(selected.length, t.stories.countSelected)}</strong>
      {offered.map((a) => (
        <button type="button" key={a.action} onClick={() => onAct(a.action)}>
          {t.stories[a.label]}
        </button>
      ))}
      {all('edit') && (
        <span class="bulk-section">
          <select aria-label={t.stories.newSection} value={section} onChange={(e) => setSection(e.currentTarget.value)}>
            <option value="">{t.stories.noSection}</option>
            {sections.map((s) => (
              <option key={s.id} value={s.id}>
                {sectionName(s, language, t)}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => onAct('section', section ? Number(section) : null)}>
            {t.stories.moveToSection}
          </button>
        </span>
      )}
      {offered.length === 0 && !all('edit') && <span class="muted">{t.stories.nothingForAll}</span>}
      <button type="button" class="link" onClick={onClear}>
        {t.stories.clearSelection}
      </button>
    </div>
  );
}
