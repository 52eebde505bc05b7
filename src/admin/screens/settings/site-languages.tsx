import { useState } from 'preact/hooks';
import { languageNameIn } from '../../../content/languages.js';
import { useText } from '../../i18n/index.js';

/**
 * Languages a newsroom is likely to publish in, offered first; any other BCP 47 tag can be
 * typed (the server checks that it names a real language).
 */
const OFFERED = [
  'en', 'fr', 'de', 'es', 'pt', 'it', 'nl', 'ar', 'zh-Hans', 'zh-Hant', 'ja', 'ko', 'ru', 'uk', 'pl', 'tr', 'fa', 'he', 'hi', 'ur',
  'bn', 'id', 'ms', 'vi', 'th', 'sw', 'am', 'ha', 'yo', 'el', 'ro', 'hu', 'cs', 'sv', 'da', 'nb', 'fi', 'ca', 'eu', 'gl', 'hr', 'sr', 'bg',
];

/** "French — français (fr)": the language in the admin's language, in itself, and its tag. */
export function languageLabel(tag: string, adminLanguage: string): string {
  const named = languageNameIn(tag, adminLanguage);
  const own = languageNameIn(tag, tag);
  return named === own ? `${named} (${tag})` : `${named} — ${own} (${tag})`;
}

interface Props {
  languages: string[];
  defaultLanguage: string;
  onChange(languages: string[], defaultLanguage: string): void;
  fault?: string;
}

/**
 * The site's languages in the order readers see them: each can move up or down, be removed
 * (not the default one) or become the default; new ones come from a list or as a typed tag.
 */
export function SiteLanguages({ languages, defaultLanguage, onChange, fault }: Props) {
  const t = useText();
  const [adding, setAdding] = useState('');
  const [typed, setTyped] = useState('');
  const move = (index: number, by: number) => {
    const next = [...languages];
    [next[index], next[index + by]] = [next[index + by], next[index]];
    onChange(next, defaultLanguage);
  };
  const add = (tag: string) => {
    const clean = tag.trim();
    if (clean && !languages.includes(clean)) onChange([...languages, clean], defaultLanguage);
  };
  return (
    <fieldset class="site-languages" aria-describedby={fault ? 'languages-fault' : undefined}>
      <legend>{t.settings.languages}</legend>
      <small class="muted">{t.settings.languagesHint}</small>
      <ol>
        {languages.map((tag, index) => (
          <li key={tag}>
            <span lang={tag}>{languageLabel(tag, t.lang)}</span>
            <label class="default-choice">
              <input type="radio" name="defaultLanguage" checked={tag === defaultLanguage} onChange={() => onChange(languages, tag)} /> {t.settings.defaultLanguage}
            </label>
            <span class="row-actions">
              <button type="button" aria-label={t.format(t.common.moveUp, { name: tag })} disabled={index === 0} onClick={() => move(index, -1)}>
                ↑
              </button>
              <button type="button" aria-label={t.format(t.common.moveDown, { name: tag })} disabled={index === languages.length - 1} onClick={() => move(index, 1)}>
                ↓
              </button>
              <button type="button" aria-label={t.format(t.settings.removeLanguage, { tag })}
                disabled={tag === defaultLanguage}
                onClick={() => onChange(languages.filter((l) => l !== tag), defaultLanguage)}
              >
                {t.common.remove}
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div class="inline-form">
        <label class="sr-only" for="add-language">
          {t.settings.addLanguage}
        </label>
        <select id="add-language" value={adding} onChange={(e) => setAdding(e.currentTarget.value)}>
          <option value="">{t.settings.addLanguageChoice}</option>
          {OFFERED.filter((tag) => !languages.includes(tag)).map((tag) => (
            <option key={tag} value={tag}>
              {languageLabel(tag, t.lang)}
            </option>
          ))}
        </select>
        <button type="button" disabled={!adding} onClick={() => (add(adding), setAdding(''))}>
          {t.common.add}
        </button>
      </div>
      <div class="inline-form">
        <label for="other-language">{t.settings.otherLanguage}</label>
        <input id="other-language" value={typed} size={10} onInput={(e) => setTyped(e.currentTarget.value)} />
        <button type="button" disabled={!typed.trim()} onClick={() => (add(typed), setTyped(''))}>
          {t.common.add}
        </button>
      </div>
      {fault && (
        <small id="languages-fault" class="fault">
          {fault}
        </small>
      )}
    </fieldset>
  );
}
