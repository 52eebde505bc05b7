import { useState } from 'preact/hooks';
import { useText } from '../../i18n/index.js';
import type { StaffMember } from '../../types.js';
import { isRole } from '../../../people/roles.js';

interface Props {
  staff: StaffMember[];
  chosen: number[];
  disabled: boolean;
  onChange(chosen: number[]): void;
}

const LIST_ID = 'author-options';
const MAX_SHOWN = 8;

/**
 * The byline: the chosen authors as chips, each with its own Remove, and a search field that
 * offers the staff whose names contain what is typed (the ARIA combobox pattern: arrows move
 * through the offers, Enter adds, Escape closes, Backspace in an empty field removes the last).
 */
export function AuthorPicker({ staff, chosen, disabled, onChange }: Props) {
  const t = useText();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const byId = new Map(staff.map((p) => [p.id, p]));
  const wanted = text.trim().toLocaleLowerCase();
  const offers = staff.filter((p) => !chosen.includes(p.id) && p.name.toLocaleLowerCase().includes(wanted)).slice(0, MAX_SHOWN);
  const shown = open && offers.length > 0;
  const add = (person: StaffMember) => {
    onChange([...chosen, person.id]);
    setText('');
    setActive(0);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'ArrowDown') (setOpen(true), setActive(Math.min(active + 1, offers.length - 1)));
    else if (event.key === 'ArrowUp') setActive(Math.max(active - 1, 0));
    else if (event.key === 'Enter' && shown && offers[active]) add(offers[active]);
    else if (event.key === 'Escape' && open) setOpen(false);
    else if (event.key === 'Backspace' && !text && chosen.length) onChange(chosen.slice(0, -1));
    else return;
    event.preventDefault();
  };
  return (
    <div class="author-picker">
      <label id="authors-label" for="author-search">
        {t.authors.label}
      </label>
      <ul class="chips" aria-label={t.authors.chosen}>
        {chosen.map((id) => {
          const name = byId.get(id)?.name ?? t.format(t.authors.person, { id });
          return (
            <li key={id} class="chip">
              {name}
              {!disabled && (
                <button type="button" class="link" aria-label={t.format(t.authors.removeName, { name })} onClick={() => onChange(chosen.filter((c) => c !== id))}>
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {!disabled && (
        <div class="combobox">
          <input
            id="author-search"
            type="text"
            role="combobox"
            aria-labelledby="authors-label"
            aria-autocomplete="list"
            aria-expanded={shown}
            aria-controls={LIST_ID}
            aria-activedescendant={shown ? `author-option-${offers[active]?.id}` : undefined}
            placeholder={t.authors.addAuthor}
            value={text}
            onInput={(e) => (setText(e.currentTarget.value), setOpen(true), setActive(0))}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          <ul id={LIST_ID} role="listbox" aria-label={t.authors.staff} hidden={!shown}>
            {offers.map((p, index) => (
              <li
                key={p.id}
                id={`author-option-${p.id}`}
                role="option"
                aria-selected={index === active}
                // Chosen on mousedown, before the field's blur closes the list.
                onMouseDown={(e) => (e.preventDefault(), add(p))}
              >
                {p.name} <span class="muted">{isRole(p.role) ? t.common[`role_${p.role}`] : p.role}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
