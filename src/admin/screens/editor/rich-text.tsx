import { Editor } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { useEffect, useRef, useState } from 'preact/hooks';
import { MediaPicker } from '../../components/media-picker.js';
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
}

/**
 * The story body: a Tiptap editor with headings, emphasis, links, quotes, lists and captioned
 * pictures. Markdown shortcuts work as typed ("## ", "> ", "- ", "1. ", **bold**, *italic*).
 */
export function RichText({ html, onChange, canUpload, readOnly, language }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [, redraw] = useState(0);
  const [linkOpen, setLinkOpen] = useState(false);
  const [href, setHref] = useState('');
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

  useEffect(() => {
    const instance = new Editor({
      element: host.current!,
      editable: !readOnly,
      extensions: [StarterKit.configure({ heading: { levels: [2, 3] }, link: { openOnClick: false, autolink: true } }), Figure, EmbedCard],
      content: html,
      editorProps: { attributes: { class: 'prose', lang: language, dir: directionOf(language), 'aria-label': 'Story text', role: 'textbox', 'aria-multiline': 'true' } },
      // Reported a moment after typing pauses: re-rendering the whole screen on every keystroke
      // made fast typing lose characters.
      onUpdate: ({ editor: e }) => {
        clearTimeout(pending.current);
        pending.current = setTimeout(() => report(e), REPORT_DELAY_MS);
      },
      onBlur: ({ editor: e }) => report(e),
      onSelectionUpdate: () => redraw((n) => n + 1),
      onTransaction: () => redraw((n) => n + 1),
    });
    setEditor(instance);
    return () => {
      clearTimeout(pending.current);
      instance.destroy();
    };
  }, []);

  // Content replaced from outside (a revision restored, a reload): set it without a change event.
  useEffect(() => {
    if (!editor || html === emitted.current) return;
    emitted.current = html;
    editor.commands.setContent(html, { emitUpdate: false });
  }, [html, editor]);

  if (readOnly) return <div ref={host} class="rich-text read-only" />;

  const button = (label: string, active: boolean, run: () => void, title = label) => (
    // The accessible name starts with the visible label ("H2") and says what it does ("Heading").
    <button type="button" title={title} aria-label={title === label ? label : `${label} (${title})`} aria-pressed={active} onMouseDown={(e) => e.preventDefault()} onClick={run}>
      {label}
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
      setEmbedFault('Herald embeds links to YouTube videos, posts on X and Mastodon posts.');
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

  return (
    <div class="rich-text">
      {editor && (
        <div class="toolbar" role="toolbar" aria-label="Formatting">
          {button('H2', editor.isActive('heading', { level: 2 }), () => chain().toggleHeading({ level: 2 }).run(), 'Heading')}
          {button('H3', editor.isActive('heading', { level: 3 }), () => chain().toggleHeading({ level: 3 }).run(), 'Subheading')}
          {button('B', editor.isActive('bold'), () => chain().toggleBold().run(), 'Bold')}
          {button('I', editor.isActive('italic'), () => chain().toggleItalic().run(), 'Italic')}
          {button('Link', editor.isActive('link'), () => {
            setHref(editor.getAttributes('link').href ?? '');
            setLinkOpen(!linkOpen);
          })}
          {button('“ ”', editor.isActive('blockquote'), () => chain().toggleBlockquote().run(), 'Quote')}
          {button('• List', editor.isActive('bulletList'), () => chain().toggleBulletList().run(), 'Bulleted list')}
          {button('1. List', editor.isActive('orderedList'), () => chain().toggleOrderedList().run(), 'Numbered list')}
          {button('Picture', false, () => setPicking(true), 'Insert a picture')}
          {button('Embed', false, () => setEmbedOpen(!embedOpen), 'Embed a YouTube, X or Mastodon link')}
          {button('↶', false, () => chain().undo().run(), 'Undo')}
          {/* Redo is also Ctrl+Shift+Z (⌘⇧Z) and Ctrl+Y, as the editor's history keys. */}
          {button('↷', false, () => chain().redo().run(), 'Redo')}
        </div>
      )}
      {linkOpen && (
        <form class="inline-form" onSubmit={applyLink}>
          <label>
            Link address{' '}
            <input name="href" type="url" value={href} placeholder="https://…" onInput={(e) => setHref(e.currentTarget.value)} autoFocus />
          </label>
          <button type="submit">Apply link</button>
        </form>
      )}
      {embedOpen && (
        <form class="inline-form" onSubmit={applyEmbed}>
          <label>
            Post or video address{' '}
            <input name="embed" type="url" value={embedUrl} placeholder="https://youtu.be/…" onInput={(e) => setEmbedUrl(e.currentTarget.value)} autoFocus />
          </label>
          <button type="submit">Embed</button>
          {embedFault && <span class="error" role="alert">{embedFault}</span>}
        </form>
      )}
      {selectedFigure && (
        <FigureForm
          key={selectedFigure.at}
          stored={selectedFigure}
          onApply={(words) => chain().setNodeSelection(selectedFigure.at).updateAttributes('figure', words).run()}
        />
      )}
      {picking && <MediaPicker canUpload={canUpload} withCaption onPick={insertPicture} onCancel={() => setPicking(false)} />}
      <div ref={host} class="body-editor" />
    </div>
  );
}

interface FigureWords {
  alt: string;
  caption: string;
  credit: string;
}

/** The alternative text, caption and credit of the picture selected in the text. */
function FigureForm({ stored, onApply }: { stored: FigureWords; onApply(words: FigureWords): void }) {
  const [alt, setAlt] = useState(stored.alt);
  const [caption, setCaption] = useState(stored.caption);
  const [credit, setCredit] = useState(stored.credit);
  return (
    <form
      class="inline-form figure-form"
      aria-label="Selected picture"
      onSubmit={(event) => {
        event.preventDefault();
        onApply({ alt: alt.trim(), caption: caption.trim(), credit: credit.trim() });
      }}
    >
      <label>
        Alternative text (what the picture shows){' '}
        <input name="alt" value={alt} onInput={(e) => setAlt(e.currentTarget.value)} />
      </label>
      <label>
        Caption <input name="caption" value={caption} onInput={(e) => setCaption(e.currentTarget.value)} />
      </label>
      <label>
        Credit <input name="credit" value={credit} placeholder="Photographer or agency" onInput={(e) => setCredit(e.currentTarget.value)} />
      </label>
      <button type="submit">Apply to the picture</button>
      {!stored.alt && <span class="hint">This picture has no alternative text yet: describe it, or leave it empty if it only decorates.</span>}
    </form>
  );
}
