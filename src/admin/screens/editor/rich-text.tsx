import { Editor } from '@tiptap/core';
import { BubbleMenu } from '@tiptap/extension-bubble-menu';
import { FloatingMenu } from '@tiptap/extension-floating-menu';
import StarterKit from '@tiptap/starter-kit';
import type { ComponentChildren } from 'preact';
import { createPortal } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Bold, Heading2, Heading3, Image, Italic, Link, List, ListOrdered, Minus, Plus, Quote, Redo2, SquarePlay, Undo2, type LucideIcon } from 'lucide-preact';
import { MediaPicker } from '../../components/media-picker.js';
import { useText } from '../../i18n/index.js';
import type { MediaItem } from '../../types.js';
import { recognizeEmbed } from '../../../content/embeds.js';
import { directionOf } from '../../../content/languages.js';
import { EmbedCard } from './embed.js';
import { Figure } from './figure.js';

const REPORT_DELAY_MS = 150;

interface Props {
  html: string;
  onChange(html: string, text: string): void;
  /** Whether the person may upload (contributors cannot; they may still reuse library pictures). */
  canUpload: boolean;
  readOnly?: boolean;
  language: string;
  /** Shown in the quiet strip under the text, beside undo and redo (the word count). */
  footer?: ComponentChildren;
  /** What the empty box says (the story's "Begin writing your story…" unless given). */
  placeholder?: string;
}

/** The two floating menus' elements: Tiptap moves them in and out of the page, so Preact renders into them through portals. */
function useMenuElement(className: string): HTMLDivElement {
  const [element] = useState(() => {
    const div = document.createElement('div');
    div.className = className;
    return div;
  });
  return element;
}

/** Moves focus into a shown menu. */
const focusFirstButton = (menu: HTMLElement) => menu.querySelector<HTMLElement>('button, input')?.focus();
/** Arrow keys, Home and End move along a toolbar's buttons, as in any toolbar (right to left in Arabic). */
function moveAlongToolbar(event: KeyboardEvent, dir: 'ltr' | 'rtl') {
  const buttons = [...(event.currentTarget as HTMLElement).querySelectorAll('button')];
  const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const [next, previous] = dir === 'rtl' ? ['ArrowLeft', 'ArrowRight'] : ['ArrowRight', 'ArrowLeft'];
  const to = { [next]: at + 1, [previous]: at - 1, Home: 0, End: buttons.length - 1 }[event.key];
  if (to === undefined || at < 0) return;
  event.preventDefault();
  buttons[(to + buttons.length) % buttons.length].focus();
}
/** A field that takes focus as it appears (the autofocus attribute only works as a page loads). */
const focusOnMount = (field: HTMLInputElement | null) => field?.focus();

/**
 * The story body: a Tiptap editor with headings, emphasis, links, quotes, lists and captioned
 * pictures. Markdown shortcuts work as typed ("## ", "> ", "- ", "1. ", **bold**, *italic*).
 * Formatting comes from a toolbar over the selected words (Alt+F10 reaches it from the keyboard,
 * as do Ctrl+B, Ctrl+I and the rest); pictures, embeds and dividers from a "+" on an empty line.
 */
export function RichText({ html, onChange, canUpload, readOnly, language, footer, placeholder }: Props) {
  const t = useText();
  const host = useRef<HTMLDivElement>(null);
  const bubble = useMenuElement('bubble-menu');
  const floating = useMenuElement('insert-menu');
  const [editor, setEditor] = useState<Editor | null>(null);
  const [, redraw] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
  const [inserting, setInserting] = useState(false);
  const [picking, setPicking] = useState(false);
  const [embedOpen, setEmbedOpen] = useState(false);
  const [embedUrl, setEmbedUrl] = useState('');
  const [embedFault, setEmbedFault] = useState('');
  // The HTML this editor last reported: a prop equal to it is an echo of typing, not news.
  const emitted = useRef(html);
  const pending = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const report = (e: Editor) => {
    clearTimeout(pending.current);
    const current = e.getHTML();
    if (current === emitted.current) return;
    emitted.current = current;
    onChange(current, e.getText());
  };

  const closeMenus = () => {
    setLinkOpen(false);
    setInserting(false);
    setEmbedOpen(false);
  };

  useEffect(() => {
    const rtl = directionOf(language) === 'rtl';
    // A menu stays while focus is inside it (a keyboard user tabbed in, or typed a link).
    const focusedIn = (menu: HTMLElement) => menu.contains(document.activeElement);
    const instance = new Editor({
      element: host.current!,
      editable: !readOnly,
      extensions: [
        StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true } }),
        Figure,
        EmbedCard,
        ...(readOnly
          ? []
          : [
              BubbleMenu.configure({ element: bubble, updateDelay: 100, options: { placement: 'top', offset: 10 } }),
              FloatingMenu.configure({
                element: floating,
                // The "+" sits in the margin before an empty line: left of it, or right of it in Arabic.
                options: { placement: rtl ? 'right' : 'left', offset: 12 },
                shouldShow: ({ view, state }) => {
                  const { $anchor, empty } = state.selection;
                  const emptyLine = $anchor.depth === 1 && $anchor.parent.type.name === 'paragraph' && $anchor.parent.childCount === 0;
                  return empty && emptyLine && (view.hasFocus() || focusedIn(floating));
                },
              }),
            ]),
      ],
      content: html,
      editorProps: {
        attributes: { class: 'prose', lang: language, dir: directionOf(language), 'aria-label': t.editor.storyText, role: 'textbox', 'aria-multiline': 'true' },
        handleKeyDown: (_view, event) => {
          if (event.key === 'Escape') closeMenus();
          // Ctrl+S (the screen saves on it) must save the words typed in the last moment too.
          if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 's') report(instance);
          // Alt+F10, the usual key from a text to its toolbar: whichever menu is showing.
          if (!(event.altKey && event.key === 'F10')) return false;
          const shown = [bubble, floating].find((menu) => menu.isConnected);
          if (shown) focusFirstButton(shown);
          return Boolean(shown);
        },
      },
      // Reported a moment after typing pauses: re-rendering the whole screen on every keystroke
      // made fast typing lose characters.
      onUpdate: ({ editor: e }) => {
        clearTimeout(pending.current);
        pending.current = setTimeout(() => report(e), REPORT_DELAY_MS);
      },
      onBlur: ({ editor: e, event }) => {
        report(e);
        // Focus gone elsewhere than into a menu: the menus close, as Tiptap hides them.
        const to = event.relatedTarget as Node | null;
        if (!to || !(bubble.contains(to) || floating.contains(to))) closeMenus();
      },
      onSelectionUpdate: () => {
        closeMenus();
        redraw((n) => n + 1);
      },
      onTransaction: () => redraw((n) => n + 1),
    });
    // The menus are reached with Tab from the text or Alt+F10, not as an extra stop of their own.
    bubble.tabIndex = -1;
    floating.tabIndex = -1;
    // The "+" menu opens toward the line's end, which is the left in an Arabic story.
    floating.dir = directionOf(language);
    setEditor(instance);
    return () => {
      clearTimeout(pending.current);
      instance.destroy();
    };
  }, []);

  // A menu left by Tab hides, as it would if the text itself lost focus. Checked a moment later:
  // a button that replaces itself with a form (Link, Embed) hands focus on to the form's field.
  useEffect(() => {
    if (!editor) return;
    const listeners = ([[bubble, 'bubbleMenu'], [floating, 'floatingMenu']] as const).map(([menu, key]) => {
      const left = () =>
        setTimeout(() => {
          const now = document.activeElement;
          if (editor.isDestroyed || (now && (menu.contains(now) || editor.view.dom.contains(now)))) return;
          closeMenus();
          editor.view.dispatch(editor.state.tr.setMeta(key, 'hide'));
        });
      const escape = (event: KeyboardEvent) => {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        closeMenus();
        editor.commands.focus();
      };
      menu.addEventListener('focusout', left);
      menu.addEventListener('keydown', escape);
      return () => (menu.removeEventListener('focusout', left), menu.removeEventListener('keydown', escape));
    });
    return () => listeners.forEach((remove) => remove());
  }, [editor]);

  // A menu whose content changed (the link form, the picture's form) is placed again for its new size.
  useEffect(() => {
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta('bubbleMenu', 'updatePosition'));
  }, [editor, linkOpen, editor?.isActive('figure')]);

  // Content replaced from outside (a revision restored, a reload): set it without a change event.
  useEffect(() => {
    if (!editor || html === emitted.current) return;
    emitted.current = html;
    editor.commands.setContent(html, { emitUpdate: false });
  }, [html, editor]);

  if (readOnly) return <div ref={host} class="rich-text read-only" />;

  const button = (Icon: LucideIcon, name: string, active: boolean | null, run: () => void) => (
    <button type="button" class="quiet icon-only" title={name} aria-label={name} aria-pressed={active ?? undefined} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      <Icon aria-hidden="true" size={18} />
    </button>
  );
  const chain = () => editor!.chain().focus();
  const applyLink = (event: Event) => {
    event.preventDefault();
    // The caret ends up after the linked words, so typing goes on instead of replacing them.
    const { to } = editor!.state.selection;
    if (href.trim()) chain().extendMarkRange('link').setLink({ href: href.trim() }).setTextSelection(to).run();
    else chain().extendMarkRange('link').unsetLink().run();
    setLinkOpen(false);
    setHref('');
  };
  const applyEmbed = (event: Event) => {
    event.preventDefault();
    const embed = recognizeEmbed(embedUrl);
    if (!embed) {
      setEmbedFault(t.editor.embedRefused);
      return;
    }
    chain().insertEmbed(embed).run();
    setEmbedOpen(false);
    setEmbedUrl('');
    setEmbedFault('');
  };
  const insertPicture = (item: MediaItem, caption: string, alt: string) => {
    chain().insertFigure({ src: item.url, alt, caption, credit: item.credit }).run();
    setPicking(false);
  };
  // A picture already in the text (inserted earlier, pasted or imported) is described when selected.
  const selectedFigure = editor?.isActive('figure') ? { at: editor.state.selection.from, ...(editor.getAttributes('figure') as FigureWords) } : null;

  const formatting = editor && (
    <div class="bubble-tools" role="toolbar" aria-label={t.editor.formatting} dir={t.dir} onKeyDown={(event) => moveAlongToolbar(event, t.dir)}>
      {button(Heading2, t.editor.heading, editor.isActive('heading', { level: 2 }), () => chain().toggleHeading({ level: 2 }).run())}
      {button(Heading3, t.editor.subheading, editor.isActive('heading', { level: 3 }), () => chain().toggleHeading({ level: 3 }).run())}
      <span class="tool-gap" aria-hidden="true" />
      {button(Bold, t.editor.bold, editor.isActive('bold'), () => chain().toggleBold().run())}
      {button(Italic, t.editor.italic, editor.isActive('italic'), () => chain().toggleItalic().run())}
      {button(Link, t.editor.link, editor.isActive('link'), () => {
        setHref(editor.getAttributes('link').href ?? '');
        setLinkOpen(true);
      })}
      <span class="tool-gap" aria-hidden="true" />
      {button(Quote, t.editor.quote, editor.isActive('blockquote'), () => chain().toggleBlockquote().run())}
      {button(List, t.editor.bulletedList, editor.isActive('bulletList'), () => chain().toggleBulletList().run())}
      {button(ListOrdered, t.editor.numberedList, editor.isActive('orderedList'), () => chain().toggleOrderedList().run())}
    </div>
  );
  const linkForm = (
    <form class="menu-form" onSubmit={applyLink} dir={t.dir}>
      <label>
        <span>{t.editor.linkAddress}</span>
        <input name="href" type="url" value={href} placeholder="https://…" onInput={(e) => setHref(e.currentTarget.value)} ref={focusOnMount} />
      </label>
      <button type="submit" class="primary small">
        {t.editor.applyLink}
      </button>
    </form>
  );
  const insertChoices = (
    <div class="insert-choices" role="group" aria-label={t.editor.insert}>
      <button type="button" class="quiet" aria-label={t.editor.insertPicture} onMouseDown={(e) => e.preventDefault()} onClick={() => (setInserting(false), setPicking(true))}>
        <Image aria-hidden="true" size={18} />
        {t.editor.picture}
      </button>
      <button type="button" class="quiet" aria-label={t.editor.embedLink} onClick={() => (setInserting(false), setEmbedOpen(true))}>
        <SquarePlay aria-hidden="true" size={18} />
        {t.editor.embed}
      </button>
      <button type="button" class="quiet" onMouseDown={(e) => e.preventDefault()} onClick={() => (setInserting(false), chain().setHorizontalRule().run())}>
        <Minus aria-hidden="true" size={18} />
        {t.editor.divider}
      </button>
    </div>
  );
  const embedForm = (
    <form class="menu-form" onSubmit={applyEmbed}>
      <label>
        <span>{t.editor.embedAddress}</span>
        <input name="embed" type="url" value={embedUrl} placeholder="https://youtu.be/…" onInput={(e) => setEmbedUrl(e.currentTarget.value)} ref={focusOnMount} />
      </label>
      <button type="submit" class="primary small">
        {t.editor.embed}
      </button>
      {embedFault && (
        <span class="error" role="alert">
          {embedFault}
        </span>
      )}
    </form>
  );

  return (
    <div class="rich-text">
      <div ref={host} class="body-editor" style={`--placeholder: ${JSON.stringify(placeholder ?? t.editor.beginWriting)}`} />
      {editor &&
        createPortal(
          selectedFigure ? (
            <FigureForm
              key={selectedFigure.at}
              stored={selectedFigure}
              onApply={(words) => chain().setNodeSelection(selectedFigure.at).updateAttributes('figure', words).run()}
            />
          ) : linkOpen ? (
            linkForm
          ) : (
            formatting
          ),
          bubble,
        )}
      {editor &&
        createPortal(
          <>
            <button
              type="button"
              class="insert-toggle icon-only"
              aria-label={t.editor.insert}
              title={t.editor.insert}
              aria-expanded={inserting || embedOpen}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => (setEmbedOpen(false), setInserting(!inserting))}
            >
              <Plus aria-hidden="true" size={20} />
            </button>
            {inserting && insertChoices}
            {embedOpen && embedForm}
          </>,
          floating,
        )}
      {picking && <PictureDialog canUpload={canUpload} onPick={insertPicture} onCancel={() => (setPicking(false), editor?.commands.focus())} />}
      {editor && (
        <div class="writing-footer">
          {/* The admin's words in the story's direction: "26 words" stays so beside an Arabic text. */}
          <span class="muted">
            <bdi lang={t.lang} dir={t.dir}>
              {footer}
            </bdi>
          </span>
          {button(Undo2, t.editor.undo, null, () => chain().undo().run())}
          {/* Redo is also Ctrl+Shift+Z (⌘⇧Z) and Ctrl+Y, as the editor's history keys. */}
          {button(Redo2, t.editor.redo, null, () => chain().redo().run())}
        </div>
      )}
    </div>
  );
}

/** The media library over the text, as a modal: the picture goes where the caret was. */
function PictureDialog({ canUpload, onPick, onCancel }: { canUpload: boolean; onPick(item: MediaItem, caption: string, alt: string): void; onCancel(): void }) {
  const t = useText();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => dialog.current?.showModal(), []);
  return (
    <dialog ref={dialog} class="picture-dialog" aria-label={t.editor.insertPicture} onCancel={(event) => (event.preventDefault(), onCancel())}>
      <MediaPicker canUpload={canUpload} withCaption onPick={onPick} onCancel={onCancel} />
    </dialog>
  );
}

interface FigureWords {
  alt: string;
  caption: string;
  credit: string;
}

/** The alternative text, caption and credit of the picture selected in the text. */
function FigureForm({ stored, onApply }: { stored: FigureWords; onApply(words: FigureWords): void }) {
  const t = useText();
  const [alt, setAlt] = useState(stored.alt);
  const [caption, setCaption] = useState(stored.caption);
  const [credit, setCredit] = useState(stored.credit);
  return (
    <form
      class="menu-form figure-form"
      aria-label={t.editor.selectedPicture}
      dir={t.dir}
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ alt: alt.trim(), caption: caption.trim(), credit: credit.trim() });
      }}
    >
      <label>
        <span>{t.editor.altText}</span>
        <input name="alt" dir="auto" value={alt} onInput={(e) => setAlt(e.currentTarget.value)} />
      </label>
      <label>
        <span>{t.editor.caption}</span>
        <input name="caption" dir="auto" value={caption} onInput={(e) => setCaption(e.currentTarget.value)} />
      </label>
      <label>
        <span>{t.editor.credit}</span>
        <input name="credit" dir="auto" value={credit} placeholder={t.editor.creditPlaceholder} onInput={(e) => setCredit(e.currentTarget.value)} />
      </label>
      {!stored.alt && <p class="hint">{t.editor.noAltYet}</p>}
      <button type="submit" class="primary small">
        {t.editor.applyToPicture}
      </button>
    </form>
  );
}
