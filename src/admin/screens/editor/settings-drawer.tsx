import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { X } from 'lucide-preact';
import { useText } from '../../i18n/index.js';

/** Wide enough for the settings beside a reading measure of text (editor.css draws the same line). */
const BESIDE_THE_TEXT = '(min-width: 70rem)';
/** A phone: the top bar keeps publishing only, and preview moves into the drawer (styles.css's phone width). */
const PHONE = '(max-width: 48rem)';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => matchMedia(query).matches);
  useEffect(() => {
    const list = matchMedia(query);
    const follow = () => setMatches(list.matches);
    list.addEventListener('change', follow);
    return () => list.removeEventListener('change', follow);
  }, [query]);
  return matches;
}

export interface Drawer {
  open: boolean;
  /** Narrower than BESIDE_THE_TEXT: the panel covers the text, as a drawer. */
  over: boolean;
  phone: boolean;
  toggle(): void;
  close(): void;
}

/** The settings panel's state: open at first beside the text on a wide screen, closed at first where it would cover the text. */
export function useSettingsDrawer(): Drawer {
  const wide = useMediaQuery(BESIDE_THE_TEXT);
  const phone = useMediaQuery(PHONE);
  const [open, setOpen] = useState(wide);
  // Crossing the line (a window resized, a tablet turned) opens or closes it as it would have started.
  useEffect(() => setOpen(wide), [wide]);
  return { open, over: !wide, phone, toggle: () => setOpen(!open), close: () => setOpen(false) };
}

const toggleButton = () => document.querySelector<HTMLElement>('[aria-controls="story-settings"]');

/**
 * The story's settings panel. As a drawer over the text, focus moves into it when it opens and
 * back to its button when Escape, the close button or a tap beside it closes it.
 */
export function SettingsDrawer({ drawer, children }: { drawer: Drawer; children: ComponentChildren }) {
  const t = useText();
  const heading = useRef<HTMLHeadingElement>(null);
  const { open, over } = drawer;
  const close = () => {
    drawer.close();
    // Once drawn without the drawer: until then the button is still out of reach behind it.
    requestAnimationFrame(() => toggleButton()?.focus());
  };
  useEffect(() => {
    if (!open || !over) return;
    heading.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !event.defaultPrevented) close();
    };
    addEventListener('keydown', onKey);
    return () => removeEventListener('keydown', onKey);
  }, [open, over]);
  return (
    <>
      {open && over && <div class="settings-backdrop" onClick={close} />}
      <aside id="story-settings" class={over ? 'settings-panel over' : 'settings-panel'} aria-labelledby="story-settings-title" hidden={!open}>
        <header class="settings-header">
          <h2 id="story-settings-title" ref={heading} tabIndex={-1}>
            {t.editor.storySettings}
          </h2>
          <button type="button" class="quiet icon-only" aria-label={t.editor.closeSettings} title={t.editor.closeSettings} onClick={close}>
            <X aria-hidden="true" size={18} />
          </button>
        </header>
        {children}
      </aside>
    </>
  );
}
