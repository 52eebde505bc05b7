import { useLayoutEffect, useRef } from 'preact/hooks';
import { useText } from '../../i18n/index.js';
import { directionOf } from '../../../content/languages.js';

interface Props {
  value: string;
  language: string;
  readOnly: boolean;
  onInput(value: string): void;
}

/**
 * The headline as one field that grows with its text: however long, it shows whole, with no
 * scrollbar and no handle to drag. The height follows the text and the field's width (a
 * narrower window wraps it onto more lines). Enter goes on to the text below, as in a writing app.
 */
export function Headline({ value, language, readOnly, onInput }: Props) {
  const t = useText();
  const field = useRef<HTMLTextAreaElement>(null);
  useLayoutEffect(() => {
    const textarea = field.current;
    if (!textarea) return;
    const fit = () => {
      textarea.style.height = 'auto';
      textarea.style.height = `${textarea.scrollHeight}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(textarea.parentElement ?? textarea);
    return () => observer.disconnect();
  }, [value]);
  return (
    <>
      <label class="sr-only" for="title">
        {t.editor.headline}
      </label>
      <textarea
        ref={field}
        id="title"
        name="title"
        class="headline"
        style={{ resize: 'none', overflow: 'hidden' }}
        dir={directionOf(language)}
        rows={1}
        placeholder={t.editor.headline}
        readOnly={readOnly}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
          event.preventDefault();
          event.currentTarget.closest('.writing')?.querySelector<HTMLElement>('[contenteditable="true"]')?.focus();
        }}
      />
    </>
  );
}
