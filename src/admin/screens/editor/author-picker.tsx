import { ChevronDown, ChevronUp, GripVertical, X } from 'lucide-preact';
import { useRef, useState } from 'preact/hooks';
import { useText } from '../../i18n/index.js';
import { isRole } from '../../../people/roles.js';

/** Someone who can be credited: a member of staff (with their role) or a guest contributor (role 'guest'). */
export interface Creditable {
  id: number;
  name: string;
  role: string;
}

interface Props {
  /** Prefix of the element ids, unique on the page ('authors', 'photographers' …). */
  id: string;
  label: string;
  hint?: string;
  /** What the search field says before anything is typed. */
  placeholder: string;
  people: Creditable[];
  chosen: number[];
  disabled: boolean;
  onChange(chosen: number[]): void;
}

const MAX_SHOWN = 8;

/** `list` with the item at `from` moved to `to`. */
export function moved<T>(list: T[], from: number, to: number): T[] {
  const next = [...list];
  const [item] = next.splice(from, 1);
  next.splice(to, 0, item);
  return next;
}

/**
 * People in an order that matters (a byline, a credit): the chosen ones as a numbered list, each
 * with arrows to move it earlier or later, a handle to drag it with the mouse, and a Remove;
 * below, a search field offering everyone else whose name contains what is typed (the ARIA
 * combobox pattern: arrows move through the offers, Enter adds, Escape closes, Backspace in an
 * empty field removes the last). Each move is announced ("Ben Okafor: 1 of 3").
 */
export function PeoplePicker({ id, label, hint, placeholder, people, chosen, disabled, onChange }: Props) {
  const t = useText();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [dragging, setDragging] = useState<number | null>(null);
  // Read by the drag's own events, which can come before the render that state would wait for:
  // a dragover handled with the old state refuses the drop, and the row does not move.
  const dragged = useRef<number | null>(null);
  const startDrag = (index: number | null) => {
    dragged.current = index;
    setDragging(index);
  };
  const [announced, setAnnounced] = useState('');
  const listId = `${id}-options`;
  const byId = new Map(people.map((p) => [p.id, p]));
  const nameOf = (person: number) => byId.get(person)?.name ?? t.format(t.authors.person, { id: person });
  const wanted = text.trim().toLocaleLowerCase();
  const offers = people.filter((p) => !chosen.includes(p.id) && p.name.toLocaleLowerCase().includes(wanted)).slice(0, MAX_SHOWN);
  const shown = open && offers.length > 0;
  const add = (person: Creditable) => {
    onChange([...chosen, person.id]);
    setText('');
    setActive(0);
  };
  const move = (from: number, to: number, focus: 'earlier' | 'later' | null) => {
    if (to < 0 || to >= chosen.length || from === to) return;
    onChange(moved(chosen, from, to));
    setAnnounced(t.format(t.credits.position, { name: nameOf(chosen[from]), n: to + 1, total: chosen.length }));
    // The button pressed stays under the keyboard as its row moves; at an end, its twin takes focus.
    if (focus) {
      requestAnimationFrame(() => {
        const row = document.querySelectorAll<HTMLElement>(`#${id}-chosen > li`)[to];
        const wantedButton = row?.querySelector<HTMLButtonElement>(`button[data-move="${focus}"]:not([disabled])`) ?? row?.querySelector<HTMLButtonElement>('button[data-move]:not([disabled])');
        wantedButton?.focus();
      });
    }
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
  const roleLabel = (role: string) => (role === 'guest' ? t.credits.guest : isRole(role) ? t.common[`role_${role}`] : role);
  return (
    <div class="author-picker" role="group" aria-labelledby={`${id}-label`}>
      <label id={`${id}-label`} for={`${id}-search`}>
        {label}
      </label>
      {hint && <small class="muted">{hint}</small>}
      <ol id={`${id}-chosen`} class="chips" aria-label={label}>
        {chosen.map((person, index) => {
          const name = nameOf(person);
          return (
            <li
              key={person}
              class={dragging === index ? 'chip dragging' : 'chip'}
              draggable={!disabled && chosen.length > 1}
              onDragStart={(e) => (startDrag(index), e.dataTransfer?.setData('text/plain', String(person)))}
              onDragOver={(e) => dragged.current !== null && e.preventDefault()}
              onDrop={(e) => {
                e.preventDefault();
                if (dragged.current !== null) move(dragged.current, index, null);
                startDrag(null);
              }}
              onDragEnd={() => startDrag(null)}
            >
              {!disabled && chosen.length > 1 && <GripVertical class="grip" aria-hidden="true" size={14} />}
              {/* The name isolated inside a box in the admin's direction: an Arabic name starts where a Latin one does. */}
              <span class="chip-name">
                <bdi>{name}</bdi>
                {byId.get(person)?.role === 'guest' && <span class="muted"> · {t.credits.guest}</span>}
              </span>
              {!disabled && (
                <span class="chip-actions">
                  {chosen.length > 1 && (
                    <>
                      <button type="button" class="quiet icon-only" data-move="earlier" disabled={index === 0} aria-label={t.format(t.credits.moveEarlier, { name })} title={t.format(t.credits.moveEarlier, { name })} onClick={() => move(index, index - 1, 'earlier')}>
                        <ChevronUp aria-hidden="true" size={16} />
                      </button>
                      <button type="button" class="quiet icon-only" data-move="later" disabled={index === chosen.length - 1} aria-label={t.format(t.credits.moveLater, { name })} title={t.format(t.credits.moveLater, { name })} onClick={() => move(index, index + 1, 'later')}>
                        <ChevronDown aria-hidden="true" size={16} />
                      </button>
                    </>
                  )}
                  <button type="button" class="quiet icon-only" aria-label={t.format(t.authors.removeName, { name })} title={t.format(t.authors.removeName, { name })} onClick={() => onChange(chosen.filter((c) => c !== person))}>
                    <X aria-hidden="true" size={16} />
                  </button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <p class="sr-only" aria-live="polite">
        {announced}
      </p>
      {!disabled && chosen.length > 1 && <small class="muted reorder-hint">{t.credits.reorderHint}</small>}
      {!disabled && (
        <div class="combobox">
          <input
            id={`${id}-search`}
            type="text"
            role="combobox"
            aria-autocomplete="list"
            aria-expanded={shown}
            aria-controls={listId}
            aria-activedescendant={shown ? `${id}-option-${offers[active]?.id}` : undefined}
            placeholder={placeholder}
            value={text}
            onInput={(e) => (setText(e.currentTarget.value), setOpen(true), setActive(0))}
            onFocus={() => setOpen(true)}
            onBlur={() => setOpen(false)}
            onKeyDown={onKeyDown}
          />
          <ul id={listId} role="listbox" aria-label={t.credits.people} hidden={!shown}>
            {offers.map((p, index) => (
              <li
                key={p.id}
                id={`${id}-option-${p.id}`}
                role="option"
                aria-selected={index === active}
                // Chosen on mousedown, before the field's blur closes the list.
                onMouseDown={(e) => (e.preventDefault(), add(p))}
              >
                <bdi>{p.name}</bdi> <span class="muted">{roleLabel(p.role)}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
